"""每日一练's records: Leitner progress per user and norm, rounds and their answers, a team's
assigned section, staff skill levels. Each user reads and writes their own progress and rounds;
a lead reads their team's progress (callers scope by the staff registry)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from storage.timestamps import from_text, optional_from_text, to_text

MASTERED_FROM = 4  # Leitner boxes 4 and 5: the norm is known


@dataclass(frozen=True)
class NormProgress:
    """Where one user stands with one norm."""

    norm_id: str
    box: int
    due_on: date
    right: int = 0
    wrong: int = 0

    @property
    def mastered(self) -> bool:
        return self.box >= MASTERED_FROM


@dataclass(frozen=True)
class PracticeRound:
    id: int
    user_id: int
    day: date
    daily: bool
    focus: str | None
    question_keys: tuple[str, ...]
    started_at: datetime
    finished_at: datetime | None
    answers: tuple[tuple[int, bool], ...]  # (chosen, right) per answered position, in order

    @property
    def position(self) -> int:
        """The next question to answer (== len(question_keys) when the round is done)."""
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_keys)

    @property
    def right(self) -> int:
        return sum(right for _, right in self.answers)


@dataclass(frozen=True)
class Assignment:
    id: int
    team: str
    focus: str
    assigned_by: int
    assigned_at: datetime


class Practice:
    """Repository of the practice tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- progress ----------------------------------------------------------------------------

    def progress(self, user_id: int) -> dict[str, NormProgress]:
        rows = self._db.query(
            "SELECT norm_id, box, due_on, right_count, wrong_count FROM practice_progress "
            "WHERE user_id = ?",
            [user_id],
        )
        return {
            row["norm_id"]: NormProgress(
                row["norm_id"],
                row["box"],
                date.fromisoformat(row["due_on"]),
                row["right_count"],
                row["wrong_count"],
            )
            for row in rows
        }

    # -- rounds ------------------------------------------------------------------------------

    def start_round(
        self,
        user_id: int,
        day: date,
        keys: Iterable[str],
        at: datetime,
        *,
        daily: bool = False,
        focus: str | None = None,
    ) -> PracticeRound:
        row = {
            "user_id": user_id,
            "day": day.isoformat(),
            "daily": int(daily),
            "focus": focus,
            "question_keys": json.dumps(list(keys)),
            "started_at": to_text(at),
        }
        round_id = int(self._db.table("practice_rounds").insert(row).last_pk or 0)
        found = self.round(user_id, round_id)
        assert found is not None
        return found

    def round(self, user_id: int, round_id: int) -> PracticeRound | None:
        """The user's round; None for another user's or an unknown id."""
        row = next(
            self._db.query(
                "SELECT * FROM practice_rounds WHERE id = ? AND user_id = ?", [round_id, user_id]
            ),
            None,
        )
        if row is None:
            return None
        answers = self._db.query(
            "SELECT chosen, right FROM practice_answers WHERE round_id = ? ORDER BY position",
            [round_id],
        )
        return PracticeRound(
            id=row["id"],
            user_id=row["user_id"],
            day=date.fromisoformat(row["day"]),
            daily=bool(row["daily"]),
            focus=row["focus"],
            question_keys=tuple(json.loads(row["question_keys"])),
            started_at=from_text(row["started_at"]),
            finished_at=optional_from_text(row["finished_at"]),
            answers=tuple((answer["chosen"], bool(answer["right"])) for answer in answers),
        )

    def open_round(self, user_id: int) -> PracticeRound | None:
        """The user's latest unfinished round, if any."""
        row = next(
            self._db.query(
                "SELECT id FROM practice_rounds WHERE user_id = ? AND finished_at IS NULL "
                "ORDER BY id DESC LIMIT 1",
                [user_id],
            ),
            None,
        )
        return self.round(user_id, row["id"]) if row else None

    def answer(
        self,
        practice_round: PracticeRound,
        position: int,
        chosen: int,
        right: bool,
        progress: NormProgress,
        at: datetime,
    ) -> bool:
        """Record one answer and the norm's new progress, in one transaction; False (nothing
        written) if that position was answered already — a press on an old question."""
        with self._db.atomic():
            taken = self._db.execute(
                "SELECT 1 FROM practice_answers WHERE round_id = ? AND position = ?",
                [practice_round.id, position],
            ).fetchone()
            if taken or position != practice_round.position:
                return False
            self._db.table("practice_answers").insert(
                {
                    "round_id": practice_round.id,
                    "position": position,
                    "question_key": practice_round.question_keys[position],
                    "chosen": chosen,
                    "right": int(right),
                    "answered_at": to_text(at),
                }
            )
            self._db.table("practice_progress").upsert(
                {
                    "user_id": practice_round.user_id,
                    "norm_id": progress.norm_id,
                    "box": progress.box,
                    "due_on": progress.due_on.isoformat(),
                    "right_count": progress.right,
                    "wrong_count": progress.wrong,
                    "updated_at": to_text(at),
                },
                pk=("user_id", "norm_id"),
            )
            if position + 1 >= len(practice_round.question_keys):
                self._db.table("practice_rounds").update(
                    practice_round.id, {"finished_at": to_text(at)}
                )
        return True

    def abandon(self, user_id: int, at: datetime) -> None:
        """Close the user's unfinished rounds (a new round replaces them)."""
        self._db.execute(
            "UPDATE practice_rounds SET finished_at = ? WHERE user_id = ? AND finished_at IS NULL",
            [to_text(at), user_id],
        )

    def practised_days(self, user_id: int) -> list[date]:
        """The days the user finished a round with every question answered."""
        rows = self._db.query(
            "SELECT DISTINCT r.day FROM practice_rounds r WHERE r.user_id = ? AND "
            "(SELECT count(*) FROM practice_answers a WHERE a.round_id = r.id) = "
            "json_array_length(r.question_keys)",
            [user_id],
        )
        return [date.fromisoformat(row["day"]) for row in rows]

    def daily_rounds(self, user_id: int, day: date) -> int:
        """How many daily rounds the user has for the day (one, or none)."""
        row = self._db.execute(
            "SELECT count(*) FROM practice_rounds WHERE user_id = ? AND day = ? AND daily = 1",
            [user_id, day.isoformat()],
        ).fetchone()
        return int(row[0])

    def daily_round_on(self, user_id: int, day: date) -> PracticeRound | None:
        row = next(
            self._db.query(
                "SELECT id FROM practice_rounds WHERE user_id = ? AND day = ? AND daily = 1",
                [user_id, day.isoformat()],
            ),
            None,
        )
        return self.round(user_id, row["id"]) if row else None

    # -- a team's assigned section -------------------------------------------------------------

    def assign(self, team: str, focus: str, lead_id: int, at: datetime) -> Assignment:
        with self._db.atomic():
            self._db.execute(
                "UPDATE practice_assignments SET ended_at = ? WHERE team = ? AND ended_at IS NULL",
                [to_text(at), team],
            )
            self._db.table("practice_assignments").insert(
                {"team": team, "focus": focus, "assigned_by": lead_id, "assigned_at": to_text(at)}
            )
        found = self.assignment(team)
        assert found is not None
        return found

    def assignment(self, team: str) -> Assignment | None:
        row = next(
            self._db.query(
                "SELECT * FROM practice_assignments WHERE team = ? AND ended_at IS NULL "
                "ORDER BY id DESC LIMIT 1",
                [team],
            ),
            None,
        )
        if row is None:
            return None
        return Assignment(
            row["id"], row["team"], row["focus"], row["assigned_by"], from_text(row["assigned_at"])
        )

    # -- skill levels --------------------------------------------------------------------------

    def level(self, user_id: int) -> str | None:
        row = next(
            self._db.query("SELECT level FROM staff_levels WHERE user_id = ?", [user_id]), None
        )
        return row["level"] if row else None

    def set_level(self, user_id: int, level: str, actor_id: int, at: datetime) -> None:
        self._db.table("staff_levels").upsert(
            {"user_id": user_id, "level": level, "set_by": actor_id, "set_at": to_text(at)},
            pk="user_id",
        )
