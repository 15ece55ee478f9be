"""Does the database file open and answer? Read-only, for the health check (ops/health.py).

Only the standard library: the container's health check runs every 30 s and should not load
the bot (sqlite-utils, the migrations) to ask this.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class DatabaseUnreadable(Exception):
    """The file does not open as an SQLite database, or does not answer."""


def count_tables(path: Path) -> int:
    """How many tables and indexes the database holds, opened read-only (0: empty)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            db.execute("PRAGMA busy_timeout = 2000")
            return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error as error:
        raise DatabaseUnreadable(str(error)) from error
