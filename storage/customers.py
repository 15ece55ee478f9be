"""The user's customers: who they are and what the manager knows about them."""

from __future__ import annotations

from sqlite_utils import Database

from storage.errors import DuplicateCustomer
from storage.models import Customer, NewCustomer, check_text
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import to_text
from timekeeping.clock import Clock

# What update_profile may change; the name stays, it is how the manager finds the customer.
PROFILE_FIELDS = frozenset(
    {
        "industry",
        "finance_info",
        "production_info",
        "sales_info",
        "management_info",
        "market_info",
        "contacts",
        "visit_cadence_days",
    }
)


def _check_cadence(days: object) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise ValueError(f"visit_cadence_days must be a whole number of days >= 1, not {days!r}")


class CustomerRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._rows = ScopedTable(db, scope, clock, "customers")
        self._clock = clock

    def add(self, new: NewCustomer) -> Customer:
        """Create one of the actor's customers; the name (trimmed) is unique per owner."""
        name = new.name.strip()
        check_text("name", name)
        _check_cadence(new.visit_cadence_days)
        if self._rows.own_where("name = ?", [name]):
            raise DuplicateCustomer(name)
        now = self._clock()
        values = row_of(new, name=name, updated_at=now)
        return record(Customer, self._rows.insert(values, at=now))

    def get(self, customer_id: int) -> Customer | None:
        row = self._rows.readable(customer_id)
        return None if row is None else record(Customer, row)

    def by_name(self, name: str) -> Customer | None:
        """The readable customer of exactly that (trimmed) name, the actor's own first."""
        rows = self._rows.rows("name = ?", [name.strip()], order_by="id")
        if not rows:
            return None
        own = [row for row in rows if row["owner_id"] == self._rows.scope.actor_id]
        return record(Customer, (own or rows)[0])

    def all(self) -> list[Customer]:
        """Every readable customer, by name."""
        return records(Customer, self._rows.rows(order_by="name, id"))

    def names(self) -> list[tuple[int, str]]:
        """(id, name) of every readable customer, by name: enough for a picker."""
        rows = self._rows.rows(order_by="name, id", select="id, name")
        return [(row["id"], row["name"]) for row in rows]

    def update_profile(self, customer_id: int, **fields: str | int | None) -> Customer | None:
        """Change profile fields of one of the actor's customers; None for any other id."""
        unknown = set(fields) - PROFILE_FIELDS
        if unknown:
            raise TypeError(f"not profile fields: {', '.join(sorted(unknown))}")
        if "visit_cadence_days" in fields:
            _check_cadence(fields["visit_cadence_days"])
        before = self._rows.own(customer_id)
        if before is None:
            return None
        changes = {field: value for field, value in fields.items() if before[field] != value}
        if not changes:
            return record(Customer, before)
        row = self._rows.update(customer_id, {**changes, "updated_at": to_text(self._clock())})
        return None if row is None else record(Customer, row)
