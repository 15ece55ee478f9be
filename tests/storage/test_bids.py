"""Bids: the preparation checklist is ticked item by item, the summary written afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import NotFound
from storage.models import Customer, NewBid
from storage.store import Records
from tests.conftest import FIXED_NOW


def bid(customer_id: int | None, days: int = 3) -> NewBid:
    return NewBid(
        customer_id, "市政务云专线", FIXED_NOW + timedelta(days=days), "市公共资源交易中心"
    )


def test_bid_is_stored_with_an_empty_checklist(mine: Records, customer: Customer) -> None:
    stored = mine.bids.add(bid(customer.id))
    assert stored.customer_id == customer.id
    assert stored.checklist_done == ()
    assert (stored.summary, stored.summarized_at) == (None, None)
    assert mine.bids.get(stored.id) == stored


def test_bid_needs_no_customer(mine: Records) -> None:
    assert mine.bids.add(bid(None)).customer_id is None


def test_bid_for_a_missing_customer_raises_not_found(mine: Records) -> None:
    with pytest.raises(NotFound):
        mine.bids.add(bid(999))


def test_ticking_adds_and_removes_checklist_items_once(mine: Records) -> None:
    stored = mine.bids.add(bid(None))
    mine.bids.tick(stored.id, "bond_paid", True)
    mine.bids.tick(stored.id, "seal_ready", True)
    ticked = mine.bids.tick(stored.id, "bond_paid", True)
    assert ticked is not None
    assert ticked.checklist_done == ("bond_paid", "seal_ready")
    unticked = mine.bids.tick(stored.id, "bond_paid", False)
    assert unticked is not None
    assert unticked.checklist_done == ("seal_ready",)


def test_summary_is_stored_with_its_time(mine: Records) -> None:
    stored = mine.bids.add(bid(None))
    at = FIXED_NOW + timedelta(days=4)
    summarized = mine.bids.summarize(stored.id, "价格分偏低，技术分第一", at)
    assert summarized is not None
    assert (summarized.summary, summarized.summarized_at) == ("价格分偏低，技术分第一", at)


def test_upcoming_bids_start_at_or_after_the_given_time(mine: Records) -> None:
    past = mine.bids.add(bid(None, days=-1))
    later = mine.bids.add(bid(None, days=5))
    sooner = mine.bids.add(bid(None, days=2))
    assert mine.bids.upcoming(FIXED_NOW) == [sooner, later]
    assert mine.bids.all() == [past, sooner, later]
