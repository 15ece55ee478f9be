"""The schema, as ordered migrations: an older database file upgrades in place at start."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kehu_zhushou")


@migrations()
def m001_unanswered_questions(db: Database) -> None:
    """Questions the knowledge base could not answer, for the people who maintain it."""
    db.table("unanswered_questions").create(
        {
            "id": int,
            "asked_at": str,  # ISO 8601, UTC
            "user_id": int,
            "question": str,
            "normalized": str,
            "outcome": str,  # declined | unsure | none_matched | picked
            "picked_norm_id": str,
            "best_norm_id": str,
            "best_score": float,
        },
        pk="id",
        not_null={"asked_at", "user_id", "question", "normalized", "outcome"},
    )
    db.table("unanswered_questions").create_index(["normalized"])
