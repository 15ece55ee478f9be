"""Online backup: a consistent, checked copy while another connection keeps writing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from storage.backup import BackupError, backup_database
from storage.database import open_database
from storage.store import Store
from storage.unanswered import DECLINED
from tests.conftest import FIXED_NOW

WAIT_SECONDS = 30


class BusyWriter:
    """Commits one row after another on its own connection until stopped, as the bot would."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._db.execute("CREATE TABLE IF NOT EXISTS writes (n INTEGER PRIMARY KEY)")
        self._db.commit()
        self.committed = 0
        self._progress = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._db.execute("INSERT INTO writes (n) VALUES (?)", (self.committed + 1,))
            self._db.commit()
            with self._progress:
                self.committed += 1
                self._progress.notify_all()

    def start(self) -> None:
        self._thread.start()

    def wait_for(self, count: int) -> None:
        with self._progress:
            reached = self._progress.wait_for(lambda: self.committed >= count, WAIT_SECONDS)
        assert reached, f"the writer committed only {self.committed} rows"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(WAIT_SECONDS)
        self._db.close()


@pytest.fixture
def live_database(tmp_path: Path) -> Path:
    """The bot's database file, in WAL mode and with every migration, as in production."""
    path = tmp_path / "bot.db"
    open_database(path).close()
    return path


def test_backup_while_another_connection_writes_is_consistent_and_complete(
    live_database: Path, tmp_path: Path
) -> None:
    writer = BusyWriter(live_database)
    writer.start()
    try:
        writer.wait_for(200)
        committed_before = writer.committed
        report = backup_database(live_database, tmp_path / "copy.db")
        # The writer was never locked out: it goes on committing after the backup.
        writer.wait_for(writer.committed + 50)
    finally:
        writer.stop()

    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        numbers = [n for (n,) in copy.execute("SELECT n FROM writes ORDER BY n")]
    finally:
        copy.close()
    assert len(numbers) >= committed_before
    assert numbers == list(range(1, len(numbers) + 1))  # a snapshot: no gaps, nothing torn
    assert report.integrity == "ok"
    assert report.pages > 0


def test_backup_taken_while_the_store_is_open_restores_as_a_store(
    live_database: Path, tmp_path: Path
) -> None:
    store = Store(live_database)
    store.unanswered.record(
        question="路由器怎么重置",
        normalized="路由器怎么重置",
        user_id=1,
        outcome=DECLINED,
        asked_at=FIXED_NOW,
    )
    backup_database(live_database, tmp_path / "copy.db")
    store.close()

    restored = Store(tmp_path / "copy.db")
    try:
        assert [item.question for item in restored.unanswered.summary()] == ["路由器怎么重置"]
    finally:
        restored.close()


def test_backup_is_one_self_contained_file_readable_by_its_owner_only(
    live_database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    backup_database(live_database, target)
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        copy.close()
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("copy")) == [
        "copy.db"
    ]


def test_backup_refuses_to_overwrite_an_existing_file(live_database: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("an older backup")
    with pytest.raises(BackupError, match="already exists; pass --force"):
        backup_database(live_database, target)
    assert target.read_text() == "an older backup"


def test_backup_with_overwrite_replaces_an_existing_file(
    live_database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    target.write_text("an older backup")
    report = backup_database(live_database, target, overwrite=True)
    assert report.replaced
    assert "replaced" in report.summary()
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()


def test_backup_of_a_missing_database_fails_without_creating_one(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="there is no database at"):
        backup_database(tmp_path / "missing.db", tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == []


def test_backup_of_a_file_that_is_no_database_fails_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("not a database " * 100)
    with pytest.raises(BackupError, match="SQLite could not copy"):
        backup_database(source, tmp_path / "copy.db")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_backup_into_a_missing_directory_is_refused(live_database: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        backup_database(live_database, tmp_path / "nowhere" / "copy.db")


def test_backup_onto_the_database_itself_is_refused(live_database: Path) -> None:
    with pytest.raises(BackupError, match="must not be the database itself"):
        backup_database(live_database, live_database, overwrite=True)
