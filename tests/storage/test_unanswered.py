"""Unanswered questions are kept, grouped and counted for the knowledge-base maintainers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.database import open_database
from storage.migrations import migrations
from storage.store import Store
from storage.unanswered import DECLINED, NONE_MATCHED, PICKED, UNSURE

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def record(
    store: Store, question: str, *, user_id: int = 1, outcome: str = DECLINED, minutes: int = 0
) -> int:
    return store.unanswered.record(
        question=question,
        normalized=question.lower(),
        user_id=user_id,
        outcome=outcome,
        asked_at=T0 + timedelta(minutes=minutes),
    )


def test_summary_groups_by_normalized_question_most_asked_first(fresh_store: Store) -> None:
    record(fresh_store, "5G套餐多少钱")
    record(fresh_store, "天气", minutes=1)
    record(fresh_store, "5G套餐多少钱", user_id=2, minutes=2)
    summary = fresh_store.unanswered.summary()
    assert [(item.question, item.count) for item in summary] == [("5G套餐多少钱", 2), ("天气", 1)]
    assert summary[0].last_asked_at == T0 + timedelta(minutes=2)


def test_picked_questions_leave_the_open_list(fresh_store: Store) -> None:
    question_id = record(fresh_store, "感谢 几天", outcome=UNSURE)
    assert fresh_store.unanswered.resolve(
        question_id, user_id=1, outcome=PICKED, picked_norm_id="1.2.1-12"
    )
    assert fresh_store.unanswered.summary() == []


def test_only_the_asker_can_resolve_their_question(fresh_store: Store) -> None:
    question_id = record(fresh_store, "感谢 几天", outcome=UNSURE)
    assert not fresh_store.unanswered.resolve(question_id, user_id=99, outcome=NONE_MATCHED)
    assert fresh_store.unanswered.summary()[0].outcomes == (UNSURE,)


def test_questions_survive_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    store = Store(path)
    record(store, "路由器怎么重置")
    store.close()
    reopened = Store(path)
    assert [item.question for item in reopened.unanswered.summary()] == ["路由器怎么重置"]
    reopened.close()


def test_database_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "bot.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    first = open_database(path)
    applied_first = migrations.applied(first)
    first.close()
    db = open_database(path)
    assert migrations.applied(db) == applied_first
    assert applied_first[0].name == "m001_unanswered_questions"
    db.close()
    names = sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")
    assert "unanswered_questions" in {row[0] for row in names}
