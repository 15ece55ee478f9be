"""Bid openings the manager attends: the preparation checklist and the summary afterwards."""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from storage.errors import NotFound
from storage.models import Bid, NewBid, check_text
from storage.rows import record, records, row_of
from storage.scope import Scope
from storage.scoped_table import ScopedTable
from storage.timestamps import to_text
from timekeeping.clock import Clock


class BidRepository:
    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self._rows = ScopedTable(db, scope, clock, "bids")
        self._customers = ScopedTable(db, scope, clock, "customers")

    def add(self, new: NewBid) -> Bid:
        """Record a bid; raises NotFound if a customer is given and it isn't the actor's."""
        check_text("project", new.project)
        check_text("place", new.place)
        with self._db.atomic():
            if new.customer_id is not None and self._customers.own(new.customer_id) is None:
                raise NotFound(f"customer {new.customer_id}")
            row = self._rows.insert(row_of(new))  # nothing ticked: the column's default
        return record(Bid, row)

    def get(self, bid_id: int) -> Bid | None:
        row = self._rows.readable(bid_id)
        return None if row is None else record(Bid, row)

    def upcoming(self, after: datetime) -> list[Bid]:
        """Readable bids starting at or after `after`, soonest first."""
        rows = self._rows.rows("starts_at >= ?", [to_text(after)], order_by="starts_at, id")
        return records(Bid, rows)

    def all(self) -> list[Bid]:
        return records(Bid, self._rows.rows(order_by="starts_at, id"))

    def tick(self, bid_id: int, item_key: str, done: bool) -> Bid | None:
        """Tick (or untick) one checklist item of one of the actor's bids."""
        with self._db.atomic():
            row = self._rows.own(bid_id)
            if row is None:
                return None
            ticked: list[str] = json.loads(row["checklist_done"])
            if done and item_key not in ticked:
                ticked.append(item_key)
            elif not done and item_key in ticked:
                ticked.remove(item_key)
            row = self._rows.update(bid_id, {"checklist_done": json.dumps(ticked)})
        return None if row is None else record(Bid, row)

    def summarize(self, bid_id: int, summary: str, at: datetime) -> Bid | None:
        """Store the summary written after the bid (a later one replaces it)."""
        check_text("summary", summary)
        row = self._rows.update(bid_id, {"summary": summary, "summarized_at": to_text(at)})
        return None if row is None else record(Bid, row)
