"""A transaction that reads before it writes waits for another process's write lock."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from storage.database import open_database


def test_an_atomic_block_that_reads_first_waits_for_a_lock_held_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    db = open_database(path)
    db.execute("PRAGMA busy_timeout = 5000")
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another process: `python bot.py staff add`, a backup …
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(timeout=5)
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(timeout=5)
    threading.Timer(0.3, release.set).start()
    with db.atomic():
        assert db.execute("SELECT count(*) FROM staff").fetchone() == (0,)
        db.execute(
            "INSERT INTO saved_dialogs (id, user_id, saved_at) VALUES ('d1', 1, '2026-11-27')"
        )
    holder.join()
    assert db.execute("SELECT id FROM saved_dialogs").fetchall() == [("d1",)]
