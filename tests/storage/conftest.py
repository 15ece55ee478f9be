"""Fixtures for the record repositories: a store on a controllable clock, two owners."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from storage.models import (
    COMPANIONS_ALONE,
    STAGE_CONTACT,
    WAY_ONSITE,
    Customer,
    NewCustomer,
    NewVisit,
)
from storage.scope import Scope
from storage.store import Records, Store
from tests.conftest import FIXED_NOW

OWNER_ID = 100001
OTHER_ID = 100002


class FakeClock:
    """Returns `now`, which a test moves on by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FIXED_NOW)


@pytest.fixture
def store(clock: FakeClock) -> Iterator[Store]:
    store = Store(":memory:", clock=clock)
    yield store
    store.close()


@pytest.fixture
def mine(store: Store) -> Records:
    """The records as OWNER_ID sees them."""
    return store.records(Scope.own(OWNER_ID))


@pytest.fixture
def theirs(store: Store) -> Records:
    """The records as another staff member, OTHER_ID, sees them."""
    return store.records(Scope.own(OTHER_ID))


@pytest.fixture
def customer(mine: Records) -> Customer:
    return mine.customers.add(NewCustomer("华信制造", industry="制造业"))


def a_visit(customer_id: int, *, hours: float = 0, **changes: object) -> NewVisit:
    """An on-site visit starting `hours` after FIXED_NOW and lasting one hour."""
    started_at = FIXED_NOW + timedelta(hours=hours)
    values: dict[str, object] = {
        "customer_id": customer_id,
        "way": WAY_ONSITE,
        "stage": STAGE_CONTACT,
        "purpose": "了解信息化需求",
        "started_at": started_at,
        "ended_at": started_at + timedelta(hours=1),
        "companions": COMPANIONS_ALONE,
        **changes,
    }
    return NewVisit(**values)  # type: ignore[arg-type]
