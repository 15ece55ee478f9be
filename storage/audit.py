"""The audit trail: who changed which record when, with the row before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.models import AuditAction, AuditEntry
from storage.rows import records
from storage.scope import Scope
from storage.timestamps import to_text
from timekeeping.clock import Clock


def _as_json(row: dict[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)


def record_change(
    db: Database,
    *,
    at: datetime,
    actor_id: int,
    table_name: str,
    record_id: int,
    action: AuditAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one entry; callers do it inside the transaction that makes the change."""
    db.table("audit_log").insert(
        {
            "at": to_text(at),
            "actor_id": actor_id,
            "table_name": table_name,
            "record_id": record_id,
            "action": action,
            "before": _as_json(before),
            "after": _as_json(after),
        }
    )


@dataclass(frozen=True)
class OwnerActivity:
    """How far the audit log goes and what of one owner's changed since a point in it."""

    mark: int  # the audit log's highest id now
    completions: int  # the owner's completed obligations (these are not audited)
    acted: bool  # whether the owner changed any record after the given audit id


def owner_activity(db: Database, owner_id: int, since: int | None) -> OwnerActivity:
    """In one query (it runs after every update): the audit log's highest id, the owner's
    number of completions, and whether the owner changed anything after audit row `since`.
    That last is a range read over the rowid, costing what was written since (by anyone),
    not the log's length."""
    [(mark, completions, acted)] = db.execute(
        "SELECT (SELECT max(id) FROM audit_log), "
        "(SELECT count(*) FROM obligation_completions WHERE owner_id = :owner), "
        "EXISTS (SELECT 1 FROM audit_log WHERE id > :since AND actor_id = :owner)",
        {"owner": owner_id, "since": -1 if since is None else since},
    ).fetchall()
    return OwnerActivity(int(mark or 0), int(completions), bool(acted))


class AuditRepository:
    """Reads the audit trail of records the scope may read."""

    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._table = db.table("audit_log")
        self._scope = scope

    def history(self, table_name: str, record_id: int) -> list[AuditEntry]:
        """Every change to one record, oldest first; empty for a record the scope can't read."""
        rows = self._table.rows_where(
            "table_name = ? AND record_id = ?", [table_name, record_id], order_by="id"
        )
        entries = records(AuditEntry, rows)
        if not entries:
            return []
        # The owner is in the rows themselves, so even a deleted record's trail stays scoped.
        latest = entries[-1].after or entries[-1].before or {}
        if latest.get("owner_id") not in self._scope.readable_owner_ids:
            return []
        return entries
