"""Customers: one list per manager, found by name, profile kept up to date."""

from __future__ import annotations

import pytest

from storage.errors import DuplicateCustomer
from storage.models import Customer, NewCustomer
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OWNER_ID, FakeClock


def test_added_customer_belongs_to_the_actor_with_default_cadence(mine: Records) -> None:
    customer = mine.customers.add(NewCustomer("华信制造", industry="制造业", contacts="王总 138"))
    assert customer.owner_id == OWNER_ID
    assert customer.name == "华信制造"
    assert customer.industry == "制造业"
    assert customer.contacts == "王总 138"
    assert customer.visit_cadence_days == 30
    assert customer.created_at == customer.updated_at == FIXED_NOW
    assert mine.customers.get(customer.id) == customer


def test_customer_name_is_trimmed_and_must_not_be_empty(mine: Records) -> None:
    assert mine.customers.add(NewCustomer("  华信制造 ")).name == "华信制造"
    with pytest.raises(ValueError, match="name"):
        mine.customers.add(NewCustomer("   "))


def test_adding_a_customer_name_twice_raises_duplicate(mine: Records) -> None:
    mine.customers.add(NewCustomer("华信制造"))
    with pytest.raises(DuplicateCustomer):
        mine.customers.add(NewCustomer("华信制造 "))
    assert len(mine.customers.all()) == 1


def test_two_managers_may_each_have_a_customer_of_the_same_name(
    mine: Records, theirs: Records
) -> None:
    first = mine.customers.add(NewCustomer("华信制造"))
    second = theirs.customers.add(NewCustomer("华信制造"))
    assert first.id != second.id
    assert mine.customers.by_name("华信制造") == first
    assert theirs.customers.by_name("华信制造") == second


def test_all_and_names_list_customers_by_name(mine: Records) -> None:
    b = mine.customers.add(NewCustomer("b 物流"))
    a = mine.customers.add(NewCustomer("a 银行"))
    assert mine.customers.all() == [a, b]
    assert mine.customers.names() == [(a.id, "a 银行"), (b.id, "b 物流")]


def test_by_name_matches_exactly(mine: Records, customer: Customer) -> None:
    assert mine.customers.by_name("华信制造") == customer
    assert mine.customers.by_name("华信") is None


def test_missing_customer_is_none(mine: Records) -> None:
    assert mine.customers.get(12345) is None


def test_update_profile_changes_fields_and_updated_at(
    mine: Records, customer: Customer, clock: FakeClock
) -> None:
    later = clock.advance(days=2)
    updated = mine.customers.update_profile(
        customer.id, finance_info="年营收 5 亿", visit_cadence_days=14
    )
    assert updated is not None
    assert updated.finance_info == "年营收 5 亿"
    assert updated.visit_cadence_days == 14
    assert updated.industry == "制造业"
    assert updated.created_at == FIXED_NOW
    assert updated.updated_at == later
    assert mine.customers.get(customer.id) == updated


def test_update_profile_refuses_fields_outside_the_profile(
    mine: Records, customer: Customer
) -> None:
    with pytest.raises(TypeError, match="name"):
        mine.customers.update_profile(customer.id, name="别的名字")
    with pytest.raises(ValueError, match="visit_cadence_days"):
        mine.customers.update_profile(customer.id, visit_cadence_days=0)


def test_update_profile_without_a_change_leaves_no_audit_entry(
    mine: Records, customer: Customer, clock: FakeClock
) -> None:
    clock.advance(hours=1)
    unchanged = mine.customers.update_profile(customer.id, industry="制造业")
    assert unchanged == customer
    assert [entry.action for entry in mine.audit.history("customers", customer.id)] == ["create"]
