"""Follow-up items: what customers asked for and what we promised them, until done."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.errors import NotFound
from storage.models import KINDS, FollowUpItem, NewItem, check_choice, check_text
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import to_text
from timekeeping.clock import Clock

_OPEN = "done_at IS NULL"
_BY_DUE = "due_at, id"


class FollowUpRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self._rows = ScopedTable(db, scope, clock, "follow_up_items")
        self._customers = ScopedTable(db, scope, clock, "customers")
        self._visits = ScopedTable(db, scope, clock, "visits")

    def add(self, customer_id: int, item: NewItem, visit_id: int | None = None) -> FollowUpItem:
        """Record an item for one of the actor's customers, from one of their visits if given.

        Raises NotFound if the customer, or the visit of that customer, isn't the actor's.
        """
        check_choice("kind", item.kind, KINDS)
        check_text("text", item.text)
        with self._db.atomic():
            if self._customers.own(customer_id) is None:
                raise NotFound(f"customer {customer_id}")
            if visit_id is not None:
                visit = self._visits.own(visit_id)
                if visit is None or visit["customer_id"] != customer_id:
                    raise NotFound(f"visit {visit_id}")
            row = self._rows.insert(row_of(item, customer_id=customer_id, visit_id=visit_id))
        return record(FollowUpItem, row)

    def get(self, item_id: int) -> FollowUpItem | None:
        row = self._rows.readable(item_id)
        return None if row is None else record(FollowUpItem, row)

    def open_for_customer(self, customer_id: int) -> list[FollowUpItem]:
        """The customer's items not yet done, soonest due first."""
        rows = self._rows.rows(f"customer_id = ? AND {_OPEN}", [customer_id], order_by=_BY_DUE)
        return records(FollowUpItem, rows)

    def open_items(self) -> list[FollowUpItem]:
        """Every readable item not yet done, soonest due first."""
        return records(FollowUpItem, self._rows.rows(_OPEN, order_by=_BY_DUE))

    def for_visit(self, visit_id: int) -> list[FollowUpItem]:
        rows = self._rows.rows("visit_id = ?", [visit_id], order_by="id")
        return records(FollowUpItem, rows)

    def all(self) -> list[FollowUpItem]:
        return records(FollowUpItem, self._rows.rows(order_by="id"))

    def mark_done(self, item_id: int, done_at: datetime) -> FollowUpItem | None:
        """Tick off one of the actor's items (an item already done keeps its first date)."""
        with self._db.atomic():
            row = self._rows.own(item_id)
            if row is not None and row["done_at"] is None:
                row = self._rows.update(item_id, {"done_at": to_text(done_at)})
        return None if row is None else record(FollowUpItem, row)

    def reopen(self, item_id: int) -> FollowUpItem | None:
        """Undo a tick made by mistake."""
        row = self._rows.update(item_id, {"done_at": None})
        return None if row is None else record(FollowUpItem, row)

    def delete(self, item_id: int) -> bool:
        """Remove an item entered by mistake (the audit trail keeps it)."""
        return self._rows.delete(item_id)
