"""Questions the bot could not answer with confidence, grouped for knowledge-base upkeep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.database import is_storable
from storage.rows import record, records

DECLINED = "declined"  # outside the material
UNSURE = "unsure"  # candidates offered, none picked yet
NONE_MATCHED = "none_matched"  # candidates offered, the user said none fits
PICKED = "picked"  # candidates offered, the user picked one: a new example question

_OPEN_OUTCOMES = (DECLINED, UNSURE, NONE_MATCHED)
_REVIEWED_OUTCOMES = (*_OPEN_OUTCOMES, PICKED)


@dataclass(frozen=True)
class AskedQuestion:
    """One question the bot did not answer outright, as a curator reviews it."""

    id: int
    question: str
    normalized: str
    user_id: int  # never shown to curators; counts how many people asked
    outcome: str
    picked_norm_id: str | None
    asked_at: datetime


@dataclass(frozen=True)
class UnansweredSummary:
    """One distinct question (by normalised text) with how often and how it went."""

    question: str
    count: int
    last_asked_at: datetime
    outcomes: tuple[str, ...]


class UnansweredQuestions:
    """Repository of the unanswered_questions table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        *,
        question: str,
        normalized: str,
        user_id: int,
        outcome: str,
        asked_at: datetime,
        best_norm_id: str | None = None,
        best_score: float | None = None,
    ) -> int:
        """Store one question and return its id (used by the 都不是 / pick buttons)."""
        cursor = self._db.execute(
            "INSERT INTO unanswered_questions (asked_at, user_id, question, normalized, outcome, "
            "best_norm_id, best_score) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                asked_at.isoformat(),
                user_id,
                question,
                normalized,
                outcome,
                best_norm_id,
                best_score,
            ],
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def resolve(
        self, question_id: int, *, user_id: int, outcome: str, picked_norm_id: str | None = None
    ) -> bool:
        """Record what the asker chose among the candidates; only the asker can."""
        if not is_storable(question_id):
            return False
        cursor = self._db.execute(
            "UPDATE unanswered_questions SET outcome = ?, picked_norm_id = ? "
            "WHERE id = ? AND user_id = ? AND outcome = ?",
            [outcome, picked_norm_id, question_id, user_id, UNSURE],
        )
        return cursor.rowcount == 1

    def awaiting_review(self, limit: int = 5000) -> list[AskedQuestion]:
        """Questions no curator has decided on yet (picked ones too: the pick is a hint),
        newest first."""
        placeholders = ", ".join("?" for _ in _REVIEWED_OUTCOMES)
        rows = self._db.query(
            "SELECT id, question, normalized, user_id, outcome, picked_norm_id, asked_at "
            f"FROM unanswered_questions WHERE decision_id IS NULL AND outcome IN ({placeholders}) "
            "ORDER BY id DESC LIMIT ?",
            [*_REVIEWED_OUTCOMES, limit],
        )
        return records(AskedQuestion, rows)

    def summary(self, limit: int = 30) -> list[UnansweredSummary]:
        """The open questions, most asked first, then most recent."""
        placeholders = ", ".join("?" for _ in _OPEN_OUTCOMES)
        rows = self._db.query(
            "SELECT max(question) AS question, count(*) AS count, "
            "max(asked_at) AS last_asked_at, group_concat(DISTINCT outcome) AS outcomes "
            f"FROM unanswered_questions WHERE outcome IN ({placeholders}) "
            "AND decision_id IS NULL GROUP BY normalized "
            "ORDER BY count DESC, last_asked_at DESC LIMIT ?",
            [*_OPEN_OUTCOMES, limit],
        )
        # group_concat gives the outcomes as 'a,b': the record holds them sorted.
        return [
            record(UnansweredSummary, {**row, "outcomes": sorted(row["outcomes"].split(","))})
            for row in rows
        ]
