"""Each manager sees and changes only their own records; a widened scope reads, never writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from storage.errors import NotFound
from storage.models import (
    KIND_REQUEST,
    WAY_ONSITE,
    Bid,
    Customer,
    CustomerLetter,
    FollowUpItem,
    NewBid,
    NewCustomer,
    NewItem,
    NewLetter,
    NewPlan,
    PlannedVisit,
    Visit,
)
from storage.scope import Scope
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, a_visit

LEAD_ID = 100009
DUE = FIXED_NOW + timedelta(days=2)


@dataclass(frozen=True)
class OwnersRecords:
    customer: Customer
    visit: Visit
    item: FollowUpItem
    letter: CustomerLetter
    bid: Bid
    plan: PlannedVisit


@pytest.fixture
def first(mine: Records, customer: Customer) -> OwnersRecords:
    """One record of every kind, all OWNER_ID's."""
    visit, [item] = mine.visits.add(a_visit(customer.id), [NewItem(KIND_REQUEST, "报价", DUE)])
    return OwnersRecords(
        customer=customer,
        visit=visit,
        item=item,
        letter=mine.letters.add(NewLetter(customer.id, FIXED_NOW, "来函", DUE)),
        bid=mine.bids.add(NewBid(customer.id, "专线", DUE, "交易中心")),
        plan=mine.plans.add(NewPlan(customer.id, WAY_ONSITE, DUE, None, "回访")),
    )


def assert_unchanged(mine: Records, first: OwnersRecords) -> None:
    assert mine.customers.get(first.customer.id) == first.customer
    assert mine.follow_ups.get(first.item.id) == first.item
    assert mine.letters.get(first.letter.id) == first.letter
    assert mine.bids.get(first.bid.id) == first.bid
    assert mine.plans.get(first.plan.id) == first.plan


def test_scope_must_read_the_actors_own_records() -> None:
    with pytest.raises(ValueError, match="actor"):
        Scope(actor_id=1, readable_owner_ids=frozenset({2}))


def test_another_owner_gets_none_for_every_record_id(
    theirs: Records, first: OwnersRecords
) -> None:
    assert theirs.customers.get(first.customer.id) is None
    assert theirs.visits.get(first.visit.id) is None
    assert theirs.follow_ups.get(first.item.id) is None
    assert theirs.letters.get(first.letter.id) is None
    assert theirs.bids.get(first.bid.id) is None
    assert theirs.plans.get(first.plan.id) is None
    assert theirs.customer_view(first.customer.id) is None
    assert theirs.audit.history("customers", first.customer.id) == []


def test_another_owner_lists_none_of_the_records(theirs: Records, first: OwnersRecords) -> None:
    customer_id = first.customer.id
    assert theirs.customers.all() == []
    assert theirs.customers.names() == []
    assert theirs.customers.by_name(first.customer.name) is None
    assert theirs.visits.recent() == []
    assert theirs.visits.for_customer(customer_id) == []
    assert theirs.visits.count_for_customer(customer_id) == 0
    assert theirs.visits.last_visit_at(customer_id) is None
    assert theirs.visits.all_between(None, None) == []
    assert theirs.follow_ups.open_items() == []
    assert theirs.follow_ups.open_for_customer(customer_id) == []
    assert theirs.follow_ups.for_visit(first.visit.id) == []
    assert theirs.follow_ups.all() == []
    assert theirs.letters.open_letters() == []
    assert theirs.letters.open_for_customer(customer_id) == []
    assert theirs.letters.all() == []
    assert theirs.bids.upcoming(FIXED_NOW) == []
    assert theirs.bids.all() == []
    assert theirs.plans.upcoming(FIXED_NOW) == []
    assert theirs.plans.for_customer(customer_id) == []
    assert theirs.plans.all() == []


def test_another_owner_changes_nothing(
    mine: Records, theirs: Records, first: OwnersRecords
) -> None:
    assert theirs.customers.update_profile(first.customer.id, industry="金融") is None
    assert theirs.follow_ups.mark_done(first.item.id, FIXED_NOW) is None
    assert theirs.follow_ups.reopen(first.item.id) is None
    assert theirs.follow_ups.delete(first.item.id) is False
    assert theirs.letters.mark_answered(first.letter.id, FIXED_NOW) is None
    assert theirs.bids.tick(first.bid.id, "bond_paid", True) is None
    assert theirs.bids.summarize(first.bid.id, "x", FIXED_NOW) is None
    assert theirs.plans.confirm_booking(first.plan.id) is None
    assert theirs.plans.cancel(first.plan.id) is None
    assert_unchanged(mine, first)


def test_another_owner_cannot_attach_records_to_the_customer(
    store: Store, theirs: Records, first: OwnersRecords
) -> None:
    customer_id = first.customer.id
    with pytest.raises(NotFound):
        theirs.visits.add(a_visit(customer_id))
    with pytest.raises(NotFound):
        theirs.follow_ups.add(customer_id, NewItem(KIND_REQUEST, "x", DUE))
    with pytest.raises(NotFound):
        theirs.letters.add(NewLetter(customer_id, FIXED_NOW, "x", DUE))
    with pytest.raises(NotFound):
        theirs.bids.add(NewBid(customer_id, "x", DUE, "x"))
    with pytest.raises(NotFound):
        theirs.plans.add(NewPlan(customer_id, WAY_ONSITE, DUE, None, "x"))
    assert store.db.table("visits").count == 1


def test_another_owner_cannot_log_against_the_plan(theirs: Records, first: OwnersRecords) -> None:
    own_customer = theirs.customers.add(NewCustomer("远航物流"))
    with pytest.raises(NotFound):
        theirs.visits.add(a_visit(own_customer.id, plan_id=first.plan.id))
    assert theirs.visits.all_between(None, None) == []


def test_widened_scope_reads_team_records(store: Store, first: OwnersRecords) -> None:
    lead = store.records(Scope(LEAD_ID, frozenset({LEAD_ID, OWNER_ID})))
    assert lead.customers.get(first.customer.id) == first.customer
    assert lead.customers.all() == [first.customer]
    assert lead.visits.recent() == [first.visit]
    assert lead.follow_ups.open_items() == [first.item]
    assert lead.letters.open_letters() == [first.letter]
    assert lead.bids.all() == [first.bid]
    assert lead.plans.upcoming(FIXED_NOW) == [first.plan]
    view = lead.customer_view(first.customer.id)
    assert view is not None
    assert view.visit_count == 1
    assert [entry.action for entry in lead.audit.history("customers", first.customer.id)] == [
        "create"
    ]


def test_widened_scope_still_writes_only_the_actors_records(
    store: Store, mine: Records, first: OwnersRecords
) -> None:
    lead = store.records(Scope(LEAD_ID, frozenset({LEAD_ID, OWNER_ID})))
    assert lead.customers.update_profile(first.customer.id, industry="金融") is None
    assert lead.follow_ups.mark_done(first.item.id, FIXED_NOW) is None
    assert lead.plans.cancel(first.plan.id) is None
    with pytest.raises(NotFound):
        lead.visits.add(a_visit(first.customer.id))
    own = lead.customers.add(NewCustomer(first.customer.name))
    assert own.owner_id == LEAD_ID
    assert lead.customers.by_name(first.customer.name) == own
    assert_unchanged(mine, first)


def test_records_of_other_owners_stay_out_of_each_others_lists(
    mine: Records, theirs: Records, first: OwnersRecords
) -> None:
    their_customer = theirs.customers.add(NewCustomer("远航物流"))
    their_visit, _ = theirs.visits.add(a_visit(their_customer.id, hours=1))
    assert mine.visits.recent() == [first.visit]
    assert theirs.visits.recent() == [their_visit]
    assert [c.owner_id for c in theirs.customers.all()] == [OTHER_ID]
