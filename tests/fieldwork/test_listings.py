"""What the lists and lookups read from the records: pages kept in range, a typed name found,
close names offered, and the views given data rather than repositories."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldwork.listings import (
    CUSTOMERS_PER_PAGE,
    NAME_LIMIT,
    customer_page,
    customer_visits,
    look_up_customer,
    page_of,
    recent_visits,
    visit_record,
)
from storage.models import KIND_REQUEST, NewCustomer, NewItem
from storage.scope import Scope
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import a_visit

OWNER_ID = 100001


@pytest.fixture
def records() -> Iterator[Records]:
    store = Store(":memory:", clock=lambda: FIXED_NOW)
    yield store.records(Scope.own(OWNER_ID))
    store.close()


def test_a_page_past_the_end_is_the_last_and_before_the_start_the_first() -> None:
    assert page_of(7, total=25, size=10) == page_of(2, total=25, size=10)
    assert page_of(-3, total=25, size=10).number == 0
    last = page_of(2, total=25, size=10)
    assert (last.number, last.count, last.first, last.has_next) == (2, 3, 20, False)
    assert page_of(0, total=0, size=10).count == 1  # an empty list is one empty page


def test_a_clear_name_finds_the_customer_and_a_near_one_says_it_is_the_closest(
    records: Records,
) -> None:
    records.customers.add(NewCustomer("华为技术有限公司"))
    found = look_up_customer(records, "华为")
    assert found.found is not None
    assert found.found.customer.name == "华为技术有限公司"
    assert not found.closest
    near = look_up_customer(records, "华伟")
    assert near.found is not None
    assert near.closest


def test_several_close_names_are_offered_and_none_is_said(records: Records) -> None:
    for name in ("华信制造", "华信科技", "华信物流"):
        records.customers.add(NewCustomer(name))
    offered = look_up_customer(records, "华信")
    assert offered.found is None
    assert {match.name for match in offered.candidates} == {"华信制造", "华信科技", "华信物流"}
    assert look_up_customer(records, "完全无关的名字").candidates == ()


def test_no_customers_and_a_too_long_name_are_told_apart(records: Records) -> None:
    assert look_up_customer(records, "华为").no_customers
    assert look_up_customer(records, "字" * (NAME_LIMIT + 1)).too_long


def test_the_customer_list_carries_each_customers_last_visit(records: Records) -> None:
    visited = records.customers.add(NewCustomer("华信制造"))
    records.customers.add(NewCustomer("未拜访的客户"))
    records.visits.add(a_visit(visited.id, hours=-48), [])
    listing = customer_page(records, 0)
    last = {customer.name: at for customer, at in listing.customers}
    assert last == {"华信制造": a_visit(visited.id, hours=-48).started_at, "未拜访的客户": None}
    assert listing.total == 2
    assert len(customer_page(records, 5).customers) <= CUSTOMERS_PER_PAGE


def test_visits_of_a_customer_and_recent_visits_come_with_what_their_pages_need(
    records: Records,
) -> None:
    customer = records.customers.add(NewCustomer("华信制造"))
    visit, _ = records.visits.add(
        a_visit(customer.id, hours=-2), [NewItem(KIND_REQUEST, "测试专线", FIXED_NOW)]
    )
    of_customer = customer_visits(records, customer.id, 0)
    assert of_customer is not None
    assert (of_customer.total, of_customer.visits) == (1, (visit,))
    assert customer_visits(records, customer.id + 1, 0) is None
    recent = recent_visits(records, 0)
    assert recent.visits == (visit,)
    assert not recent.has_more
    assert recent.customer_names == {customer.id: "华信制造"}
    record = visit_record(records, visit.id)
    assert record is not None
    assert (record.customer_name, [item.text for item in record.items]) == (
        "华信制造",
        ["测试专线"],
    )
    assert visit_record(records, visit.id + 1) is None
