"""Completions of obligations without a record of their own, per owner and key."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, FakeClock

KEY = "demand_forecast:2026-11"


def test_an_obligation_is_open_until_completed(store: Store) -> None:
    completions = store.completions(OWNER_ID)
    assert not completions.is_done(KEY)
    completions.complete(KEY, FIXED_NOW)
    assert completions.is_done(KEY)
    assert completions.done_at(KEY) == FIXED_NOW


def test_completing_twice_keeps_the_first_time(store: Store, clock: FakeClock) -> None:
    completions = store.completions(OWNER_ID)
    completions.complete(KEY)
    completions.complete(KEY, FIXED_NOW + timedelta(days=1))
    assert completions.done_at(KEY) == FIXED_NOW
    assert store.db.table("obligation_completions").count == 1


def test_completions_are_per_owner(store: Store) -> None:
    store.completions(OWNER_ID).complete(KEY, FIXED_NOW)
    assert not store.completions(OTHER_ID).is_done(KEY)


def test_done_keys_lists_an_owners_keys_by_prefix(store: Store) -> None:
    mine = store.completions(OWNER_ID)
    mine.complete("demand_forecast:2026-10", FIXED_NOW)
    mine.complete(KEY, FIXED_NOW)
    mine.complete("other:1", FIXED_NOW)
    store.completions(OTHER_ID).complete("demand_forecast:2026-09", FIXED_NOW)
    assert mine.done_keys("demand_forecast:") == {"demand_forecast:2026-10", KEY}
    assert len(mine.done_keys()) == 3


def test_an_empty_key_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="empty"):
        store.completions(OWNER_ID).complete("", FIXED_NOW)
