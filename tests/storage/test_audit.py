"""Every change to a record leaves an audit entry with who, when, and the row before and after."""

from __future__ import annotations

from datetime import timedelta

from storage.models import KIND_REQUEST, WAY_ONSITE, Customer, NewItem, NewPlan
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OWNER_ID, FakeClock, a_visit


def test_creating_a_record_is_audited_with_the_row_after(
    mine: Records, customer: Customer
) -> None:
    [entry] = mine.audit.history("customers", customer.id)
    assert (entry.action, entry.actor_id, entry.at) == ("create", OWNER_ID, FIXED_NOW)
    assert (entry.table_name, entry.record_id) == ("customers", customer.id)
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["name"] == "华信制造"
    assert entry.after["created_at"] == FIXED_NOW.isoformat()


def test_updating_a_record_is_audited_with_before_and_after(
    mine: Records, customer: Customer, clock: FakeClock
) -> None:
    later = clock.advance(days=1)
    mine.customers.update_profile(customer.id, sales_info="年采购 300 万")
    create, update = mine.audit.history("customers", customer.id)
    assert (update.action, update.at) == ("update", later)
    assert update.before == create.after
    assert update.before is not None
    assert update.after is not None
    assert update.before["sales_info"] is None
    assert update.after["sales_info"] == "年采购 300 万"
    assert update.after["updated_at"] == later.isoformat()


def test_logging_a_planned_visit_audits_every_row_it_touches(
    mine: Records, customer: Customer
) -> None:
    plan = mine.plans.add(NewPlan(customer.id, WAY_ONSITE, FIXED_NOW, None, "回访"))
    visit, [item] = mine.visits.add(
        a_visit(customer.id, plan_id=plan.id),
        [NewItem(KIND_REQUEST, "报价", FIXED_NOW + timedelta(days=1))],
    )
    assert [entry.action for entry in mine.audit.history("visits", visit.id)] == ["create"]
    assert [entry.action for entry in mine.audit.history("follow_up_items", item.id)] == ["create"]
    plan_history = mine.audit.history("planned_visits", plan.id)
    assert [entry.action for entry in plan_history] == ["create", "update"]
    assert plan_history[-1].after is not None
    assert plan_history[-1].after["status"] == "logged"


def test_history_of_an_unknown_record_is_empty(mine: Records) -> None:
    assert mine.audit.history("customers", 999) == []
