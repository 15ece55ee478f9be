"""Curators' decisions on unanswered questions: stored, listed, undone, and read back as what
the knowledge base has learned."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import Json
from sqlite_utils import Database

from storage.audit import record_change
from storage.database import is_storable
from storage.models import ACTION_CREATE, ACTION_UPDATE
from storage.rows import record, records
from storage.timestamps import to_text

DecisionKind = Literal["question", "synonym", "out_of_scope", "ignored"]
TAUGHT_QUESTION: DecisionKind = "question"
TAUGHT_SYNONYM: DecisionKind = "synonym"
OUT_OF_SCOPE: DecisionKind = "out_of_scope"
IGNORED: DecisionKind = "ignored"


@dataclass(frozen=True)
class ReviewDecision:
    id: int
    kind: DecisionKind
    norm_id: str | None
    variant: str | None
    term: str | None
    questions: Json[tuple[str, ...]]
    decided_by: int
    decided_at: datetime
    undone_by: int | None
    undone_at: datetime | None

    @property
    def active(self) -> bool:
        return self.undone_at is None


class ReviewDecisions:
    """Repository of review_decisions. Decisions are knowledge-base upkeep, not anyone's
    records: callers check that the actor is a curator (access/policy.py)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._table = db.table("review_decisions")

    def decide(
        self,
        *,
        kind: DecisionKind,
        question_ids: Sequence[int],
        questions: Sequence[str],
        actor_id: int,
        at: datetime,
        norm_id: str | None = None,
        variant: str | None = None,
        term: str | None = None,
    ) -> ReviewDecision | None:
        """Record a decision over these questions (none: a synonym taught directly); None if
        another curator decided on any of them first (the group changed under the one who
        pressed)."""
        with self._db.atomic():
            marks = ", ".join("?" for _ in question_ids)
            if question_ids:
                taken = self._db.execute(
                    f"SELECT count(*) FROM unanswered_questions WHERE id IN ({marks}) "
                    "AND decision_id IS NOT NULL",
                    list(question_ids),
                ).fetchone()[0]
                if taken:
                    return None
            row = {
                "kind": kind,
                "norm_id": norm_id,
                "variant": variant,
                "term": term,
                "questions": json.dumps(list(dict.fromkeys(questions)), ensure_ascii=False),
                "decided_by": actor_id,
                "decided_at": to_text(at),
            }
            decision_id = int(self._table.insert(row).last_pk or 0)
            self._db.execute(
                f"UPDATE unanswered_questions SET decision_id = ? WHERE id IN ({marks})",
                [decision_id, *question_ids],
            )
            record_change(
                self._db,
                at=at,
                actor_id=actor_id,
                table_name="review_decisions",
                record_id=int(decision_id),
                action=ACTION_CREATE,
                before=None,
                after={"id": decision_id, **row, "question_ids": list(question_ids)},
            )
        return self.get(int(decision_id))

    def undo(self, decision_id: int, *, actor_id: int, at: datetime) -> ReviewDecision | None:
        """Take a decision back: what it taught is forgotten and its questions are open for
        review again. None if there is no such decision or it was undone already."""
        before = self.get(decision_id)
        if before is None or not before.active:
            return None
        with self._db.atomic():
            self._table.update(decision_id, {"undone_by": actor_id, "undone_at": to_text(at)})
            self._db.execute(
                "UPDATE unanswered_questions SET decision_id = NULL WHERE decision_id = ?",
                [decision_id],
            )
            record_change(
                self._db,
                at=at,
                actor_id=actor_id,
                table_name="review_decisions",
                record_id=decision_id,
                action=ACTION_UPDATE,
                before={"undone_at": None},
                after={"undone_by": actor_id, "undone_at": to_text(at)},
            )
        return self.get(decision_id)

    def get(self, decision_id: int) -> ReviewDecision | None:
        if not is_storable(decision_id):
            return None
        rows = list(self._table.rows_where("id = ?", [decision_id]))
        return record(ReviewDecision, rows[0]) if rows else None

    def active(self) -> list[ReviewDecision]:
        """Every decision in force, oldest first (the order they are applied in)."""
        return records(ReviewDecision, self._table.rows_where("undone_at IS NULL", order_by="id"))

    def recent(self, limit: int, offset: int = 0) -> list[ReviewDecision]:
        """Decisions newest first, undone ones included (for the list with 撤销)."""
        rows = self._table.rows_where(order_by="id DESC", limit=limit, offset=offset)
        return records(ReviewDecision, rows)

    def count(self) -> int:
        return self._table.count
