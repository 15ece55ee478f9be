"""Opens the bot's SQLite file: WAL journal, foreign keys on, migrations applied."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations

IN_MEMORY = ":memory:"
SQLITE_INTEGER = range(-(2**63), 2**63)  # what an INTEGER column, a row id included, holds


def is_storable(number: int) -> bool:
    """Whether SQLite can hold the number. An id from button data may be any length; one
    beyond this would fail the query instead of finding nothing, so it finds nothing."""
    return number in SQLITE_INTEGER


class BotDatabase(Database):
    """sqlite-utils' Database, whose transactions take SQLite's write lock as they begin.

    sqlite-utils begins `atomic()` with a plain BEGIN: the transaction reads first and asks
    for the write lock at its first write. If another process holds the lock just then (the
    `staff` command, a backup, the fault bench's locker), SQLite answers "database is locked"
    at once rather than wait busy_timeout, since a reader waiting to write could deadlock.
    BEGIN IMMEDIATE waits for the lock up front, within busy_timeout, like a single write.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint within the transaction already open
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and upgrade the database; ':memory:' gives a fresh one."""
    if str(path) == IN_MEMORY:
        db = BotDatabase(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = BotDatabase(path)
        db.enable_wal()
        # In WAL mode NORMAL still survives a killed process (the crash case); only a
        # power cut or OS crash can lose the last commits — and it spares an fsync per commit.
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    migrations.apply(db)
    return db
