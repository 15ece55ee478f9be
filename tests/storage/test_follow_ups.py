"""Follow-up items stay open, soonest due first, until ticked off."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import NotFound
from storage.models import KIND_COMMITMENT, KIND_REQUEST, Customer, NewCustomer, NewItem
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.storage.conftest import a_visit


def due(days: int) -> NewItem:
    return NewItem(KIND_COMMITMENT, f"{days} 天内回复", FIXED_NOW + timedelta(days=days))


def test_item_without_a_visit_is_open_for_its_customer(mine: Records, customer: Customer) -> None:
    item = mine.follow_ups.add(customer.id, NewItem(KIND_REQUEST, "报价单", FIXED_NOW))
    assert (item.visit_id, item.done_at, item.created_at) == (None, None, FIXED_NOW)
    assert mine.follow_ups.open_for_customer(customer.id) == [item]
    assert mine.follow_ups.get(item.id) == item


def test_open_items_are_listed_soonest_due_first(mine: Records, customer: Customer) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    late = mine.follow_ups.add(customer.id, due(5))
    soon = mine.follow_ups.add(other.id, due(1))
    middle = mine.follow_ups.add(customer.id, due(3))
    assert mine.follow_ups.open_items() == [soon, middle, late]
    assert mine.follow_ups.open_for_customer(customer.id) == [middle, late]
    assert mine.follow_ups.all() == [late, soon, middle]


def test_done_items_leave_the_open_lists(mine: Records, customer: Customer) -> None:
    item = mine.follow_ups.add(customer.id, due(1))
    done_at = FIXED_NOW + timedelta(hours=5)
    done = mine.follow_ups.mark_done(item.id, done_at)
    assert done is not None
    assert done.done_at == done_at
    assert mine.follow_ups.open_items() == []
    assert mine.follow_ups.open_for_customer(customer.id) == []


def test_marking_done_twice_keeps_the_first_date(mine: Records, customer: Customer) -> None:
    item = mine.follow_ups.add(customer.id, due(1))
    mine.follow_ups.mark_done(item.id, FIXED_NOW)
    again = mine.follow_ups.mark_done(item.id, FIXED_NOW + timedelta(days=1))
    assert again is not None
    assert again.done_at == FIXED_NOW


def test_reopened_item_is_open_again(mine: Records, customer: Customer) -> None:
    item = mine.follow_ups.add(customer.id, due(1))
    mine.follow_ups.mark_done(item.id, FIXED_NOW)
    assert mine.follow_ups.reopen(item.id) == item
    assert mine.follow_ups.open_items() == [item]


def test_deleted_item_is_gone_but_audited(mine: Records, customer: Customer) -> None:
    item = mine.follow_ups.add(customer.id, due(1))
    assert mine.follow_ups.delete(item.id)
    assert mine.follow_ups.get(item.id) is None
    assert not mine.follow_ups.delete(item.id)
    history = mine.audit.history("follow_up_items", item.id)
    assert [entry.action for entry in history] == ["create", "delete"]
    assert history[-1].after is None


def test_item_from_a_visit_of_another_customer_raises_not_found(
    mine: Records, customer: Customer
) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    visit, _ = mine.visits.add(a_visit(other.id))
    with pytest.raises(NotFound):
        mine.follow_ups.add(customer.id, due(1), visit_id=visit.id)
    assert mine.follow_ups.all() == []
