"""One table's rows as a scope sees them: read by readable owner, written by the actor, audited.

Every repository goes through this, so no query can forget the owner filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.audit import record_change
from storage.database import is_storable
from storage.models import ACTION_CREATE, ACTION_DELETE, ACTION_UPDATE, AuditAction
from storage.scope import Scope
from storage.timestamps import to_text
from timekeeping.clock import Clock

RowDict = dict[str, Any]


class ScopedTable:
    def __init__(self, db: Database, scope: Scope, clock: Clock, name: str) -> None:
        self.db = db
        self.scope = scope
        self.clock = clock
        self.name = name
        self._table = db.table(name)

    def _readable(self, where: str | None) -> tuple[str, list[object]]:
        owners = sorted(self.scope.readable_owner_ids)
        if len(owners) == 1:
            owner_sql = "owner_id = ?"
        else:
            owner_sql = f"owner_id IN ({', '.join('?' for _ in owners)})"
        return (owner_sql if where is None else f"{owner_sql} AND ({where})"), list(owners)

    def rows(
        self,
        where: str | None = None,
        args: Sequence[object] = (),
        *,
        order_by: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        select: str = "*",
    ) -> list[RowDict]:
        """Rows of readable owners matching `where` (a fragment with ? parameters)."""
        clause, owner_args = self._readable(where)
        return list(
            self._table.rows_where(
                clause,
                [*owner_args, *args],
                order_by=order_by,
                limit=limit,
                offset=offset,
                select=select,
            )
        )

    def count(self, where: str | None = None, args: Sequence[object] = ()) -> int:
        clause, owner_args = self._readable(where)
        return self._table.count_where(clause, [*owner_args, *args])

    def readable(self, record_id: int) -> RowDict | None:
        if not is_storable(record_id):
            return None
        found = self.rows("id = ?", [record_id])
        return found[0] if found else None

    def own(self, record_id: int) -> RowDict | None:
        """The row if the actor owns it: the only rows a write may touch."""
        if not is_storable(record_id):
            return None
        found = list(
            self._table.rows_where("id = ? AND owner_id = ?", [record_id, self.scope.actor_id])
        )
        return found[0] if found else None

    def own_where(self, where: str, args: Sequence[object]) -> list[RowDict]:
        return list(
            self._table.rows_where(f"owner_id = ? AND ({where})", [self.scope.actor_id, *args])
        )

    def insert(self, values: RowDict, *, at: datetime | None = None) -> RowDict:
        """Insert a row owned by the actor, stamped created_at, and audit it."""
        at = at or self.clock()
        with self.db.atomic():
            self._table.insert(
                {**values, "owner_id": self.scope.actor_id, "created_at": to_text(at)}
            )
            assert self._table.last_pk is not None
            row = self._table.get(self._table.last_pk)
            self._audit(at, row["id"], ACTION_CREATE, None, row)
        return row

    def update(self, record_id: int, changes: RowDict) -> RowDict | None:
        """Change one of the actor's rows; None (and nothing changed) for any other id."""
        with self.db.atomic():
            before = self.own(record_id)
            if before is None:
                return None
            if all(before[column] == value for column, value in changes.items()):
                return before
            self._table.update(record_id, changes)
            after = self._table.get(record_id)
            self._audit(self.clock(), record_id, ACTION_UPDATE, before, after)
        return after

    def delete(self, record_id: int) -> bool:
        """Delete one of the actor's rows; False for any other id."""
        with self.db.atomic():
            before = self.own(record_id)
            if before is None:
                return False
            self._table.delete(record_id)
            self._audit(self.clock(), record_id, ACTION_DELETE, before, None)
        return True

    def _audit(
        self,
        at: datetime,
        record_id: int,
        action: AuditAction,
        before: RowDict | None,
        after: RowDict | None,
    ) -> None:
        record_change(
            self.db,
            at=at,
            actor_id=self.scope.actor_id,
            table_name=self.name,
            record_id=record_id,
            action=action,
            before=before,
            after=after,
        )
