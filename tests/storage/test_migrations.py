"""The schema upgrades in place: an older database file keeps its rows and gains the new tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.database import open_database
from storage.migrations import migrations
from storage.store import Store
from storage.unanswered import DECLINED, UnansweredQuestions
from tests.conftest import FIXED_NOW

RECORD_TABLES = {
    "customers",
    "visits",
    "follow_up_items",
    "customer_letters",
    "bids",
    "planned_visits",
    "audit_log",
    "ptb_user_data",
    "ptb_chat_data",
    "ptb_conversations",
}


def test_database_from_m001_upgrades_in_place_keeping_unanswered_questions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.db"
    old = Database(path)
    migrations.apply(old, stop_before="m002_visit_records")
    UnansweredQuestions(old).record(
        question="路由器怎么重置",
        normalized="路由器怎么重置",
        user_id=1,
        outcome=DECLINED,
        asked_at=FIXED_NOW,
    )
    old.close()
    assert not RECORD_TABLES & set(Database(path).table_names())

    store = Store(path)
    assert set(store.db.table_names()) >= RECORD_TABLES
    assert [item.question for item in store.unanswered.summary()] == ["路由器怎么重置"]
    assert [migration.name for migration in migrations.applied(store.db)] == [
        "m001_unanswered_questions",
        "m002_visit_records",
        "m003_ptb_persistence",
        "m004_reminders",
        "m005_reminder_settings",
        "m006_staff",
        "m007_saved_dialogs",
        "m008_review_decisions",
        "m009_signatures",
        "m010_practice",
        "m011_practice_time",
    ]
    store.close()


def test_visit_tables_have_the_indexes_the_customer_card_uses(store: Store) -> None:
    indexes = {tuple(index.columns) for index in store.db.table("visits").indexes}
    assert ("owner_id", "customer_id", "started_at") in indexes
    assert ("owner_id", "started_at") in indexes
    item_indexes = {tuple(index.columns) for index in store.db.table("follow_up_items").indexes}
    assert {("owner_id", "done_at", "due_at"), ("customer_id",)} <= item_indexes
    audit_indexes = {tuple(index.columns) for index in store.db.table("audit_log").indexes}
    assert ("table_name", "record_id") in audit_indexes


def test_customer_names_are_unique_per_owner_in_the_schema(store: Store) -> None:
    customers = store.db.table("customers")
    row = {"owner_id": 1, "name": "华信", "created_at": "x", "updated_at": "x"}
    customers.insert(row)
    customers.insert({**row, "owner_id": 2})
    with pytest.raises(sqlite3.IntegrityError):
        customers.insert(row)


def test_foreign_keys_refuse_a_visit_of_a_missing_customer(tmp_path: Path) -> None:
    db = open_database(tmp_path / "bot.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.table("visits").insert(
            {
                "owner_id": 1,
                "customer_id": 999,
                "way": "phone",
                "stage": "contact",
                "purpose": "x",
                "started_at": "x",
                "ended_at": "x",
                "companions": "alone",
                "created_at": "x",
            }
        )
    db.close()
