"""Opens the bot's SQLite file: WAL journal, foreign keys on, migrations applied."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations

IN_MEMORY = ":memory:"


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and upgrade the database; ':memory:' gives a fresh one."""
    if str(path) == IN_MEMORY:
        db = Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.enable_wal()
        # In WAL mode NORMAL still survives a killed process (the crash case); only a
        # power cut or OS crash can lose the last commits — and it spares an fsync per commit.
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    migrations.apply(db)
    return db
