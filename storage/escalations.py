"""Which overdue items of members each team lead has been told about, so each is told once."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.timestamps import to_text


class Escalations:
    """Repository of the escalations table: (lead, member, obligation key) told once."""

    def __init__(self, db: Database) -> None:
        self._table = db.table("escalations")

    def told(self, lead_id: int, owner_id: int, key: str) -> bool:
        count = self._table.count_where(
            "lead_id = ? AND owner_id = ? AND key = ?", [lead_id, owner_id, key]
        )
        return count > 0

    def mark_told(self, lead_id: int, owner_id: int, key: str, at: datetime) -> None:
        self._table.insert(
            {"lead_id": lead_id, "owner_id": owner_id, "key": key, "told_at": to_text(at)},
            ignore=True,
        )
