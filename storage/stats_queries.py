"""Read-only facts for /stats: visits and letters of a scope's readable owners since a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.models import Way
from storage.rows import records
from storage.scope import Scope
from storage.timestamps import to_text


@dataclass(frozen=True)
class VisitFact:
    """What the statistics need of one visit."""

    owner_id: int
    way: Way
    started_at: datetime
    ended_at: datetime
    thank_you_sent_at: datetime | None


@dataclass(frozen=True)
class LetterFact:
    """What the statistics need of one customer letter."""

    owner_id: int
    received_at: datetime
    reply_due_at: datetime
    answered_at: datetime | None


def _owners(scope: Scope) -> tuple[str, list[object]]:
    owners = sorted(scope.readable_owner_ids)
    return f"owner_id IN ({', '.join('?' for _ in owners)})", list(owners)


def visit_facts(db: Database, scope: Scope, since: datetime) -> list[VisitFact]:
    """Visits of readable owners that started at or after `since`, oldest first."""
    owner_sql, args = _owners(scope)
    rows = db.table("visits").rows_where(
        f"{owner_sql} AND started_at >= ?",
        [*args, to_text(since)],
        select="owner_id, way, started_at, ended_at, thank_you_sent_at",
        order_by="started_at, id",
    )
    return records(VisitFact, rows)


def letter_facts(db: Database, scope: Scope, since: datetime) -> list[LetterFact]:
    """Customer letters of readable owners received at or after `since`, oldest first."""
    owner_sql, args = _owners(scope)
    rows = db.table("customer_letters").rows_where(
        f"{owner_sql} AND received_at >= ?",
        [*args, to_text(since)],
        select="owner_id, received_at, reply_due_at, answered_at",
        order_by="received_at, id",
    )
    return records(LetterFact, rows)
