"""A consistent copy of the live SQLite database through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """The backup could not be made; the message says why, in words for an operator."""


@dataclass(frozen=True)
class BackupReport:
    """What a backup did: from where, to where, how much, how long, and the copy's check."""

    source: Path
    target: Path
    pages: int
    size_bytes: int
    seconds: float
    integrity: str  # "ok" from PRAGMA integrity_check on the copy
    replaced: bool  # an older file at `target` was replaced (--force)

    def summary(self) -> str:
        """One line for the command line."""
        action = "replaced" if self.replaced else "wrote"
        return (
            f"backed up {self.source} → {action} {self.target}: {self.pages} pages, "
            f"{self.size_bytes / 1_048_576:.1f} MiB in {self.seconds:.2f} s, "
            f"integrity check {self.integrity}"
        )


def backup_database(source: Path, target: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy the database at `source` to `target` while the bot may be writing to it.

    The copy is one snapshot: all pages are copied in a single backup step inside one read
    transaction, so in WAL mode writers go on undisturbed and none of their later commits leak
    in (a step-by-step copy would restart on every write of another connection). The copy is
    written beside `target` under a temporary name, checked with PRAGMA integrity_check,
    switched to a self-contained rollback journal and only then renamed into place, so `target`
    is never a half-written file. It is readable by its owner only: it holds customer data.
    """
    started = time.monotonic()
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupError(f"there is no database at {source} (BOT_DB)")
    if target.is_dir():
        raise BackupError(f"{target} is a directory; give the backup's file name")
    if not target.parent.is_dir():
        raise BackupError(f"the directory {target.parent} does not exist")
    if target.resolve() == source.resolve():
        raise BackupError("the backup must not be the database itself")
    replaced = target.exists()
    if replaced and not overwrite:
        raise BackupError(f"{target} already exists; pass --force to replace it")

    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        # Created empty and private before SQLite opens it; an empty file is an empty database.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        pages = _copy(source, partial)
        integrity = _finish_copy(partial)
        if integrity != "ok":
            raise BackupError(f"the copy failed its integrity check: {integrity}")
        partial.replace(target)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source}: {error}") from error
    except OSError as error:
        raise BackupError(f"could not write {target}: {error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return BackupReport(
        source=source,
        target=target,
        pages=pages,
        size_bytes=target.stat().st_size,
        seconds=time.monotonic() - started,
        integrity=integrity,
        replaced=replaced,
    )


def _copy(source: Path, destination: Path) -> int:
    """All pages of `source` into `destination` in one step; returns the page count."""
    # mode=ro: a mistyped BOT_DB must not create an empty database where the real one was.
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    writer = sqlite3.connect(destination)
    try:
        reader.execute("PRAGMA busy_timeout = 5000")
        reader.backup(writer, pages=-1)
        pages = int(writer.execute("PRAGMA page_count").fetchone()[0])
    finally:
        writer.close()
        reader.close()
    return pages


def _finish_copy(copy: Path) -> str:
    """Make the copy one self-contained file (no -wal needed) and check it."""
    db = sqlite3.connect(copy)
    try:
        db.execute("PRAGMA journal_mode = DELETE")
        rows = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    return "; ".join(str(row[0]) for row in rows)
