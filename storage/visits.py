"""Logged visits (calls and on-site meetings), with the items they raise, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlite_utils import Database

from storage.errors import NotFound
from storage.follow_ups import FollowUpRepository
from storage.models import (
    COMPANIONS,
    PLAN_LOGGED,
    PLAN_PLANNED,
    STAGES,
    WAY_ONSITE,
    WAYS,
    FollowUpItem,
    NewItem,
    NewVisit,
    Visit,
    check_choice,
    check_text,
)
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import from_text, to_text
from timekeeping.clock import Clock

_NEWEST_FIRST = "started_at DESC, id DESC"


class VisitRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self._rows = ScopedTable(db, scope, clock, "visits")
        self._customers = ScopedTable(db, scope, clock, "customers")
        self._plans = ScopedTable(db, scope, clock, "planned_visits")
        self._follow_ups = FollowUpRepository(db, scope, clock)

    def add(
        self, new: NewVisit, items: Sequence[NewItem] = ()
    ) -> tuple[Visit, list[FollowUpItem]]:
        """Log a visit with its follow-up items, closing the plan it carried out: all or nothing.

        Raises NotFound if the customer isn't the actor's, or the plan isn't an open plan of
        the actor's for that customer; ValueError for an invalid value (nothing is stored).
        """
        check_choice("way", new.way, WAYS)
        check_choice("stage", new.stage, STAGES)
        check_choice("companions", new.companions, COMPANIONS)
        check_text("purpose", new.purpose)
        if new.ended_at < new.started_at:
            raise ValueError("a visit cannot end before it starts")
        with self._db.atomic():
            if self._customers.own(new.customer_id) is None:
                raise NotFound(f"customer {new.customer_id}")
            if new.plan_id is not None:
                plan = self._plans.own(new.plan_id)
                if (
                    plan is None
                    or plan["status"] != PLAN_PLANNED
                    or plan["customer_id"] != new.customer_id
                ):
                    raise NotFound(f"plan {new.plan_id}")
            row = self._rows.insert(row_of(new))
            if new.plan_id is not None:
                self._plans.update(new.plan_id, {"status": PLAN_LOGGED, "visit_id": row["id"]})
            added = [
                self._follow_ups.add(new.customer_id, item, visit_id=row["id"]) for item in items
            ]
        return record(Visit, row), added

    def mark_thank_you_sent(self, visit_id: int, at: datetime) -> Visit | None:
        """Note the thank-you letter for one of the actor's on-site visits (norm 1.2.1-12).

        None for any other visit (someone else's, a phone call, an unknown id); a second call
        keeps the first time.
        """
        with self._db.atomic():
            row = self._rows.own(visit_id)
            if row is None or row["way"] != WAY_ONSITE:
                return None
            if row["thank_you_sent_at"] is None:
                row = self._rows.update(visit_id, {"thank_you_sent_at": to_text(at)})
        return None if row is None else record(Visit, row)

    def get(self, visit_id: int) -> Visit | None:
        row = self._rows.readable(visit_id)
        return None if row is None else record(Visit, row)

    def recent(self, limit: int = 10, offset: int = 0) -> list[Visit]:
        """The latest readable visits, newest first (after skipping `offset` of them)."""
        rows = self._rows.rows(order_by=_NEWEST_FIRST, limit=limit, offset=offset or None)
        return records(Visit, rows)

    def for_customer(
        self, customer_id: int, limit: int | None = None, offset: int = 0
    ) -> list[Visit]:
        """The customer's visits, newest first (after skipping `offset` of them)."""
        rows = self._rows.rows(
            "customer_id = ?",
            [customer_id],
            order_by=_NEWEST_FIRST,
            limit=limit,
            offset=offset or None,
        )
        return records(Visit, rows)

    def count_for_customer(self, customer_id: int) -> int:
        return self._rows.count("customer_id = ?", [customer_id])

    def last_visit_at(self, customer_id: int) -> datetime | None:
        """When the customer's latest visit started; None if never visited."""
        [row] = self._rows.rows("customer_id = ?", [customer_id], select="max(started_at) AS at")
        return None if row["at"] is None else from_text(row["at"])

    def all_between(self, start: datetime | None, end: datetime | None) -> list[Visit]:
        """Readable visits started in [start, end), oldest first; None leaves that side open."""
        conditions: list[str] = []
        args: list[object] = []
        if start is not None:
            conditions.append("started_at >= ?")
            args.append(to_text(start))
        if end is not None:
            conditions.append("started_at < ?")
            args.append(to_text(end))
        rows = self._rows.rows(" AND ".join(conditions) or None, args, order_by="started_at, id")
        return records(Visit, rows)
