"""Completed obligations that have no record of their own to change (the monthly forecast)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.timestamps import from_text, to_text
from timekeeping.clock import Clock

_TABLE = "obligation_completions"


class CompletionRepository:
    """One owner's completions, by obligation key (e.g. 'demand_forecast:2026-12')."""

    def __init__(self, db: Database, owner_id: int, clock: Clock) -> None:
        self._db = db
        self._owner_id = owner_id
        self._clock = clock
        self._table = db.table(_TABLE)

    def complete(self, key: str, at: datetime | None = None) -> None:
        """Note the obligation done; completing it again keeps the first time."""
        if not key:
            raise ValueError("an obligation key must not be empty")
        self._table.insert(
            {"owner_id": self._owner_id, "key": key, "done_at": to_text(at or self._clock())},
            ignore=True,
        )

    def is_done(self, key: str) -> bool:
        return self.done_at(key) is not None

    def done_at(self, key: str) -> datetime | None:
        rows = list(
            self._table.rows_where("owner_id = ? AND key = ?", [self._owner_id, key], limit=1)
        )
        return from_text(rows[0]["done_at"]) if rows else None

    def done_keys(self, prefix: str = "") -> set[str]:
        """The owner's completed keys starting with `prefix`, for checking many at once."""
        rows = self._table.rows_where(
            "owner_id = ? AND substr(key, 1, ?) = ?",
            [self._owner_id, len(prefix), prefix],
            select="key",
        )
        return {row["key"] for row in rows}
