"""Written letters from customers, and whether each has had its reply."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.errors import NotFound
from storage.models import CustomerLetter, NewLetter, check_text
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import to_text
from timekeeping.clock import Clock

_OPEN = "answered_at IS NULL"
_BY_DUE = "reply_due_at, id"


class LetterRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self._rows = ScopedTable(db, scope, clock, "customer_letters")
        self._customers = ScopedTable(db, scope, clock, "customers")

    def add(self, new: NewLetter) -> CustomerLetter:
        """Record a letter to the actor; raises NotFound if the customer isn't theirs."""
        check_text("subject", new.subject)
        with self._db.atomic():
            if self._customers.own(new.customer_id) is None:
                raise NotFound(f"customer {new.customer_id}")
            row = self._rows.insert(row_of(new))
        return record(CustomerLetter, row)

    def get(self, letter_id: int) -> CustomerLetter | None:
        row = self._rows.readable(letter_id)
        return None if row is None else record(CustomerLetter, row)

    def open_letters(self) -> list[CustomerLetter]:
        """Readable letters still awaiting a reply, soonest due first."""
        return records(CustomerLetter, self._rows.rows(_OPEN, order_by=_BY_DUE))

    def open_for_customer(self, customer_id: int) -> list[CustomerLetter]:
        rows = self._rows.rows(f"customer_id = ? AND {_OPEN}", [customer_id], order_by=_BY_DUE)
        return records(CustomerLetter, rows)

    def all(self) -> list[CustomerLetter]:
        return records(CustomerLetter, self._rows.rows(order_by="id"))

    def mark_answered(self, letter_id: int, answered_at: datetime) -> CustomerLetter | None:
        """Note the reply to one of the actor's letters (a second call keeps the first date)."""
        with self._db.atomic():
            row = self._rows.own(letter_id)
            if row is not None and row["answered_at"] is None:
                row = self._rows.update(letter_id, {"answered_at": to_text(answered_at)})
        return None if row is None else record(CustomerLetter, row)
