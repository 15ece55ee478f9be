"""Visits are logged with their follow-up items and plan in one transaction, then listed."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import pytest

from storage.errors import NotFound
from storage.models import (
    KIND_COMMITMENT,
    KIND_REQUEST,
    PLAN_LOGGED,
    PLAN_PLANNED,
    WAY_ONSITE,
    WAY_PHONE,
    Customer,
    Kind,
    NewCustomer,
    NewItem,
    NewPlan,
    Stage,
)
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OWNER_ID, a_visit

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = FIXED_NOW + timedelta(days=3)


def table_count(store: Store, table: str) -> int:
    return store.db.table(table).count


def a_plan(customer_id: int) -> NewPlan:
    return NewPlan(customer_id, WAY_ONSITE, FIXED_NOW, None, "介绍专线方案")


def test_visit_is_stored_with_its_follow_up_items(mine: Records, customer: Customer) -> None:
    visit, items = mine.visits.add(
        a_visit(customer.id, learned="明年扩建厂房", next_step="发方案"),
        [
            NewItem(KIND_REQUEST, "报价单", DUE),
            NewItem(KIND_COMMITMENT, "周五前回电", DUE + timedelta(days=1)),
        ],
    )
    assert visit.owner_id == OWNER_ID
    assert visit.customer_id == customer.id
    assert visit.learned == "明年扩建厂房"
    assert visit.created_at == FIXED_NOW
    assert mine.visits.get(visit.id) == visit
    assert [(item.kind, item.text, item.visit_id) for item in items] == [
        (KIND_REQUEST, "报价单", visit.id),
        (KIND_COMMITMENT, "周五前回电", visit.id),
    ]
    assert mine.follow_ups.for_visit(visit.id) == items


def test_logging_a_planned_visit_closes_the_plan(mine: Records, customer: Customer) -> None:
    plan = mine.plans.add(a_plan(customer.id))
    visit, _ = mine.visits.add(a_visit(customer.id, plan_id=plan.id))
    logged = mine.plans.get(plan.id)
    assert logged is not None
    assert (logged.status, logged.visit_id) == (PLAN_LOGGED, visit.id)
    assert visit.plan_id == plan.id
    assert mine.plans.for_customer(customer.id) == []


def test_a_bad_item_stores_nothing_of_the_visit(
    store: Store, mine: Records, customer: Customer
) -> None:
    plan = mine.plans.add(a_plan(customer.id))
    audit_before = table_count(store, "audit_log")
    with pytest.raises(ValueError, match="kind"):
        mine.visits.add(
            a_visit(customer.id, plan_id=plan.id),
            [NewItem(KIND_REQUEST, "报价单", DUE), NewItem(cast(Kind, "wish"), "x", DUE)],
        )
    assert table_count(store, "visits") == 0
    assert table_count(store, "follow_up_items") == 0
    assert table_count(store, "audit_log") == audit_before
    reread = mine.plans.get(plan.id)
    assert reread is not None
    assert (reread.status, reread.visit_id) == (PLAN_PLANNED, None)


def test_visit_values_outside_the_choices_are_refused(mine: Records, customer: Customer) -> None:
    with pytest.raises(ValueError, match="stage"):
        mine.visits.add(a_visit(customer.id, stage=cast(Stage, "friends")))
    with pytest.raises(ValueError, match="end before"):
        mine.visits.add(a_visit(customer.id, ended_at=FIXED_NOW - timedelta(minutes=1)))


def test_naive_times_are_refused(mine: Records, customer: Customer) -> None:
    naive = FIXED_NOW.replace(tzinfo=None)
    with pytest.raises(ValueError, match="naive"):
        mine.visits.add(a_visit(customer.id, started_at=naive, ended_at=naive))


def test_times_come_back_as_aware_utc(mine: Records, customer: Customer) -> None:
    started = FIXED_NOW.astimezone(SHANGHAI)
    visit, _ = mine.visits.add(
        a_visit(customer.id, started_at=started, ended_at=started + timedelta(hours=1))
    )
    reread = mine.visits.get(visit.id)
    assert reread is not None
    assert reread.started_at == FIXED_NOW
    assert reread.started_at.tzinfo == UTC


def test_visit_to_a_missing_customer_raises_not_found(mine: Records) -> None:
    with pytest.raises(NotFound):
        mine.visits.add(a_visit(999))


def test_plan_must_be_open_and_for_the_same_customer(mine: Records, customer: Customer) -> None:
    other_customer = mine.customers.add(NewCustomer("远航物流"))
    plan = mine.plans.add(a_plan(other_customer.id))
    with pytest.raises(NotFound):
        mine.visits.add(a_visit(customer.id, plan_id=plan.id))
    mine.visits.add(a_visit(other_customer.id, plan_id=plan.id))
    with pytest.raises(NotFound):
        mine.visits.add(a_visit(other_customer.id, plan_id=plan.id))
    assert mine.visits.count_for_customer(other_customer.id) == 1


def test_recent_lists_newest_first(mine: Records, customer: Customer) -> None:
    older, _ = mine.visits.add(a_visit(customer.id, hours=-48))
    newest, _ = mine.visits.add(a_visit(customer.id, hours=0))
    middle, _ = mine.visits.add(a_visit(customer.id, hours=-24))
    assert mine.visits.recent() == [newest, middle, older]
    assert mine.visits.recent(limit=2) == [newest, middle]


def test_for_customer_count_and_last_visit(mine: Records, customer: Customer) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    first, _ = mine.visits.add(a_visit(customer.id, hours=-48))
    second, _ = mine.visits.add(a_visit(customer.id, hours=-24))
    mine.visits.add(a_visit(other.id, hours=0))
    assert mine.visits.for_customer(customer.id) == [second, first]
    assert mine.visits.for_customer(customer.id, limit=1) == [second]
    assert mine.visits.count_for_customer(customer.id) == 2
    assert mine.visits.last_visit_at(customer.id) == second.started_at


def test_last_visit_of_a_customer_never_visited_is_none(mine: Records, customer: Customer) -> None:
    assert mine.visits.last_visit_at(customer.id) is None
    assert mine.visits.count_for_customer(customer.id) == 0


def test_all_between_takes_start_inclusive_end_exclusive(
    mine: Records, customer: Customer
) -> None:
    day_one, _ = mine.visits.add(a_visit(customer.id, hours=0))
    day_two, _ = mine.visits.add(a_visit(customer.id, hours=24))
    day_three, _ = mine.visits.add(a_visit(customer.id, hours=48))
    start, end = day_one.started_at, day_three.started_at
    assert mine.visits.all_between(start, end) == [day_one, day_two]
    assert mine.visits.all_between(None, end) == [day_one, day_two]
    assert mine.visits.all_between(day_two.started_at, None) == [day_two, day_three]
    assert mine.visits.all_between(None, None) == [day_one, day_two, day_three]


def test_thank_you_letter_is_noted_on_an_onsite_visit(
    store: Store, mine: Records, customer: Customer
) -> None:
    visit, _ = mine.visits.add(a_visit(customer.id))
    assert visit.thank_you_sent_at is None
    sent_at = FIXED_NOW + timedelta(hours=5)
    marked = mine.visits.mark_thank_you_sent(visit.id, sent_at)
    assert marked is not None
    assert marked.thank_you_sent_at == sent_at
    assert mine.visits.get(visit.id) == marked
    [*_, entry] = mine.audit.history("visits", visit.id)
    assert entry.action == "update"
    assert entry.after is not None
    assert entry.after["thank_you_sent_at"] == sent_at.isoformat()


def test_thank_you_letter_noted_twice_keeps_the_first_time(
    store: Store, mine: Records, customer: Customer
) -> None:
    visit, _ = mine.visits.add(a_visit(customer.id))
    mine.visits.mark_thank_you_sent(visit.id, FIXED_NOW)
    audited = table_count(store, "audit_log")
    again = mine.visits.mark_thank_you_sent(visit.id, FIXED_NOW + timedelta(days=1))
    assert again is not None
    assert again.thank_you_sent_at == FIXED_NOW
    assert table_count(store, "audit_log") == audited


def test_thank_you_letter_only_for_the_actors_onsite_visits(
    mine: Records, theirs: Records, customer: Customer
) -> None:
    visit, _ = mine.visits.add(a_visit(customer.id))
    call, _ = mine.visits.add(a_visit(customer.id, way=WAY_PHONE))
    assert theirs.visits.mark_thank_you_sent(visit.id, FIXED_NOW) is None
    assert mine.visits.mark_thank_you_sent(call.id, FIXED_NOW) is None
    assert mine.visits.mark_thank_you_sent(9999, FIXED_NOW) is None
    assert mine.visits.get(visit.id).thank_you_sent_at is None  # type: ignore[union-attr]
