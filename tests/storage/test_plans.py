"""Planned visits stay on the list until logged or cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import NotFound
from storage.models import (
    PLAN_CANCELLED,
    PLAN_LOGGED,
    PLAN_PLANNED,
    WAY_PHONE,
    Customer,
    NewCustomer,
    NewPlan,
)
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.storage.conftest import a_visit


def plan(customer_id: int, days: int = 1) -> NewPlan:
    starts_at = FIXED_NOW + timedelta(days=days)
    return NewPlan(
        customer_id,
        WAY_PHONE,
        starts_at,
        starts_at + timedelta(minutes=30),
        "确认需求",
        key_points="预算",
        customer_concerns="割接时间",
    )


def test_plan_is_stored_open_and_unconfirmed(mine: Records, customer: Customer) -> None:
    stored = mine.plans.add(plan(customer.id))
    assert (stored.status, stored.booking_confirmed, stored.visit_id) == (
        PLAN_PLANNED,
        False,
        None,
    )
    assert (stored.key_points, stored.customer_concerns) == ("预算", "割接时间")
    assert mine.plans.get(stored.id) == stored


def test_plan_for_a_missing_customer_raises_not_found(mine: Records) -> None:
    with pytest.raises(NotFound):
        mine.plans.add(plan(999))


def test_confirming_the_booking_is_remembered(mine: Records, customer: Customer) -> None:
    stored = mine.plans.add(plan(customer.id))
    confirmed = mine.plans.confirm_booking(stored.id)
    assert confirmed is not None
    assert confirmed.booking_confirmed


def test_upcoming_lists_open_plans_from_the_given_time(mine: Records, customer: Customer) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    mine.plans.add(plan(customer.id, days=-1))
    later = mine.plans.add(plan(customer.id, days=3))
    sooner = mine.plans.add(plan(other.id, days=2))
    cancelled = mine.plans.add(plan(customer.id, days=1))
    mine.plans.cancel(cancelled.id)
    assert mine.plans.upcoming(FIXED_NOW) == [sooner, later]


def test_for_customer_lists_only_open_plans(mine: Records, customer: Customer) -> None:
    overdue = mine.plans.add(plan(customer.id, days=-1))
    logged = mine.plans.add(plan(customer.id, days=1))
    mine.visits.add(a_visit(customer.id, plan_id=logged.id))
    cancelled = mine.plans.add(plan(customer.id, days=2))
    mine.plans.cancel(cancelled.id)
    assert mine.plans.for_customer(customer.id) == [overdue]
    assert [p.status for p in mine.plans.all()] == [PLAN_PLANNED, PLAN_LOGGED, PLAN_CANCELLED]


def test_a_logged_plan_cannot_be_cancelled(mine: Records, customer: Customer) -> None:
    stored = mine.plans.add(plan(customer.id))
    mine.visits.add(a_visit(customer.id, plan_id=stored.id))
    after = mine.plans.cancel(stored.id)
    assert after is not None
    assert after.status == PLAN_LOGGED
