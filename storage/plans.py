"""Planned visits: what to prepare before going, until the visit is logged or called off."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.errors import NotFound
from storage.models import (
    PLAN_CANCELLED,
    PLAN_PLANNED,
    WAYS,
    NewPlan,
    PlannedVisit,
    check_choice,
    check_text,
)
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import to_text
from timekeeping.clock import Clock

_BY_START = "starts_at, id"


class PlanRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self._rows = ScopedTable(db, scope, clock, "planned_visits")
        self._customers = ScopedTable(db, scope, clock, "customers")

    def add(self, new: NewPlan) -> PlannedVisit:
        """Plan a visit to one of the actor's customers; raises NotFound for any other."""
        check_choice("way", new.way, WAYS)
        check_text("purpose", new.purpose)
        if new.ends_at is not None and new.ends_at < new.starts_at:
            raise ValueError("a visit cannot end before it starts")
        with self._db.atomic():
            if self._customers.own(new.customer_id) is None:
                raise NotFound(f"customer {new.customer_id}")
            row = self._rows.insert(row_of(new, status=PLAN_PLANNED))
        return record(PlannedVisit, row)

    def get(self, plan_id: int) -> PlannedVisit | None:
        row = self._rows.readable(plan_id)
        return None if row is None else record(PlannedVisit, row)

    def upcoming(self, after: datetime) -> list[PlannedVisit]:
        """Readable plans still open that start at or after `after`, soonest first."""
        rows = self._rows.rows(
            "status = ? AND starts_at >= ?", [PLAN_PLANNED, to_text(after)], order_by=_BY_START
        )
        return records(PlannedVisit, rows)

    def for_customer(self, customer_id: int) -> list[PlannedVisit]:
        """The customer's open plans, soonest first (past ones too: they await logging)."""
        rows = self._rows.rows(
            "customer_id = ? AND status = ?", [customer_id, PLAN_PLANNED], order_by=_BY_START
        )
        return records(PlannedVisit, rows)

    def all(self) -> list[PlannedVisit]:
        return records(PlannedVisit, self._rows.rows(order_by=_BY_START))

    def confirm_booking(self, plan_id: int) -> PlannedVisit | None:
        """Note that the appointment was confirmed with the customer."""
        row = self._rows.update(plan_id, {"booking_confirmed": 1})
        return None if row is None else record(PlannedVisit, row)

    def cancel(self, plan_id: int) -> PlannedVisit | None:
        """Call off one of the actor's open plans; a logged plan is returned unchanged."""
        with self._db.atomic():
            row = self._rows.own(plan_id)
            if row is not None and row["status"] == PLAN_PLANNED:
                row = self._rows.update(plan_id, {"status": PLAN_CANCELLED})
        return None if row is None else record(PlannedVisit, row)
