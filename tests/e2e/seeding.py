"""Records put straight into a running bot's store, for the customer-view tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from storage.models import (
    COMPANIONS_ALONE,
    STAGE_CONTACT,
    WAY_ONSITE,
    WAY_PHONE,
    Customer,
    NewCustomer,
    NewItem,
    NewVisit,
    Visit,
)
from storage.scope import Scope
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, RunningBot


def records_of(bot: RunningBot, user_id: int = MANAGER_ID) -> Records:
    return bot.app.bot_data.store.records(Scope.own(user_id))


def add_customer(records: Records, name: str, **profile: object) -> Customer:
    return records.customers.add(NewCustomer(name, **profile))  # type: ignore[arg-type]


def log_visit(
    records: Records,
    customer_id: int,
    started_at: datetime,
    purpose: str = "了解信息化需求",
    *,
    items: list[NewItem] | None = None,
    **changes: object,
) -> Visit:
    values: dict[str, object] = {
        "customer_id": customer_id,
        "way": WAY_ONSITE,
        "stage": STAGE_CONTACT,
        "purpose": purpose,
        "started_at": started_at,
        "ended_at": started_at + timedelta(hours=1),
        "companions": COMPANIONS_ALONE,
        **changes,
    }
    visit, _ = records.visits.add(NewVisit(**values), items or [])  # type: ignore[arg-type]
    return visit


def log_visits_daily(records: Records, customer_id: int, count: int, **changes: Any) -> None:
    """`count` visits, one a day back from yesterday, alternating phone and on-site."""
    for day in range(1, count + 1):
        log_visit(
            records,
            customer_id,
            FIXED_NOW - timedelta(days=day),
            f"第{day}次拜访的目的",
            way=WAY_PHONE if day % 2 else WAY_ONSITE,
            **changes,
        )
