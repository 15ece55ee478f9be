"""Checks of the bot's database after a run: each visit a person saw saved is there once, with
what they entered; each open dialog waits at the question last asked; SQLite is consistent."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.people import CUSTOMER_OFFER, Visitor, VisitOutcome


@dataclass
class VisitCheck:
    saved_seen: int = 0  # visits the bot said it saved
    found: int = 0  # of those, in the database exactly once with the right fields
    uncertain: int = 0  # outcome unknown to the person (a reply lost at the summary card)
    uncertain_saved: int = 0
    open_dialogs: int = 0  # dialogs still open at the end whose last question was answered
    open_dialogs_in_place: int = 0  # … whose persisted step is the question last asked
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    garbled: list[str] = field(default_factory=list)
    half_saved: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)  # open dialogs at another step
    inconsistent: list[str] = field(default_factory=list)  # SQLite's own checks

    def problems(self) -> list[str]:
        return [
            *self.lost,
            *self.duplicated,
            *self.garbled,
            *self.half_saved,
            *self.misplaced,
            *self.inconsistent,
        ]

    def lines(self) -> list[str]:
        return [
            f"visits the bot said it saved:   {self.saved_seen}",
            f"  in the database, once, right: {self.found}",
            f"  lost:                         {len(self.lost)}",
            f"  duplicated:                   {len(self.duplicated)}",
            f"  with a wrong field:           {len(self.garbled)}",
            f"outcome unseen (reply lost):    {self.uncertain}  (of them saved: "
            f"{self.uncertain_saved})",
            f"half-saved (customer, no visit): {len(self.half_saved)}",
            f"dialogs open at the end:        {self.open_dialogs}  (at the step last asked: "
            f"{self.open_dialogs_in_place})",
            f"SQLite integrity / foreign keys: {'ok' if not self.inconsistent else 'FAILED'}",
        ]


def expected_fields(outcome: VisitOutcome) -> dict[str, Any]:
    """The visits row the person meant, as stored."""
    plan = outcome.plan
    fields: dict[str, Any] = {
        "way": plan.way,
        "stage": plan.stage,
        "purpose": plan.purpose,
        "companions": plan.companions,
        "people_met": plan.people_met,
        "learned": plan.learned,
        "customer_views": plan.customer_views,
        "next_step": plan.next_step,
        "follow_ups": [("commitment", plan.commitment)],
    }
    if outcome.time_said_at is not None:
        started, ended = plan.times(outcome.time_said_at)
        fields["started_at"] = started
        fields["ended_at"] = ended
    return fields


def check_visits(database: Path, visitors: Sequence[Visitor]) -> VisitCheck:
    """Compare what each visitor saw with the database (read after the bot has stopped)."""
    check = VisitCheck()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        check.inconsistent = consistency_problems(connection)
        rows = connection.execute(
            "SELECT v.*, c.name AS customer_name FROM visits v "
            "JOIN customers c ON c.id = v.customer_id"
        ).fetchall()
        follow_ups: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for item in connection.execute(
            "SELECT visit_id, kind, text FROM follow_up_items ORDER BY id"
        ):
            follow_ups[item["visit_id"]].append((item["kind"], item["text"]))
        customers_without_visit = [
            (row["owner_id"], row["name"])
            for row in connection.execute(
                "SELECT owner_id, name FROM customers c "
                "WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = c.id)"
            )
        ]
        sessions = {
            row["user_id"]: json.loads(row["data"]).get("dialog")
            for row in connection.execute("SELECT user_id, data FROM ptb_user_data")
        }
    by_customer: dict[tuple[int, str], list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_customer[(row["owner_id"], row["customer_name"])].append(row)
    check.half_saved = [
        f"user {owner}: customer {name} saved without its visit"
        for owner, name in customers_without_visit
    ]
    for visitor in visitors:
        for outcome in visitor.outcomes:
            _check_outcome(check, outcome, by_customer, follow_ups)
        _check_open_dialog(check, visitor, sessions.get(visitor.user.id))
    return check


def _check_outcome(
    check: VisitCheck,
    outcome: VisitOutcome,
    by_customer: dict[tuple[int, str], list[sqlite3.Row]],
    follow_ups: dict[int, list[tuple[str, str]]],
) -> None:
    plan = outcome.plan
    stored = by_customer.get((plan.user_id, plan.customer), [])
    label = f"user {plan.user_id} visit {plan.number}"
    if len(stored) > 1:
        check.duplicated.append(f"{label}: saved {len(stored)} times")
    if outcome.uncertain:
        check.uncertain += 1
        check.uncertain_saved += bool(stored)
        return
    if not outcome.saved_seen:
        return
    check.saved_seen += 1
    if not stored:
        check.lost.append(f"{label}: the bot said it was saved, it is not in the database")
        return
    wrong = _wrong_fields(stored[-1], follow_ups.get(stored[-1]["id"], []), outcome)
    if wrong:
        check.garbled.append(f"{label}: {'; '.join(wrong)}")
    elif len(stored) == 1:
        check.found += 1


def _wrong_fields(
    row: sqlite3.Row, items: list[tuple[str, str]], outcome: VisitOutcome
) -> list[str]:
    actual = {key: row[key] for key in row.keys()}  # noqa: SIM118 (sqlite3.Row)
    actual["started_at"] = datetime.fromisoformat(row["started_at"])
    actual["ended_at"] = datetime.fromisoformat(row["ended_at"])
    actual["follow_ups"] = items
    return [
        f"{key} is {actual[key]!r}, meant {meant!r}"
        for key, meant in expected_fields(outcome).items()
        if actual[key] != meant
    ]


def _check_open_dialog(check: VisitCheck, visitor: Visitor, session: Any) -> None:
    if not visitor.outcomes:
        return
    last = visitor.outcomes[-1]
    if last.saved_seen or last.uncertain or last.abandoned or last.last_step is None:
        return
    if visitor.waiting:
        return  # stopped while waiting: the bot may or may not have taken the last message
    check.open_dialogs += 1
    asked = "customer" if last.last_step == CUSTOMER_OFFER else last.last_step
    step = session.get("step") if isinstance(session, dict) else None
    if step == asked:
        check.open_dialogs_in_place += 1
    else:
        check.misplaced.append(
            f"user {visitor.user.id}: last asked {asked!r}, the saved dialog is at {step!r}"
        )


def consistency_problems(connection: sqlite3.Connection) -> list[str]:
    """What SQLite's integrity and foreign key checks find (empty: consistent)."""
    problems = []
    [(integrity,)] = connection.execute("PRAGMA integrity_check").fetchall()
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    problems += [
        f"foreign_key_check: {tuple(row)}"
        for row in connection.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return problems
