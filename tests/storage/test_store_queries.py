"""What the store answers for the layers above it, so that none of them runs SQL: the
escalations told, an owner's activity since a point in the audit log, ids no row can have,
pages of visits, and a read-only probe of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.database import open_database
from storage.models import NewCustomer
from storage.probe import DatabaseUnreadable, count_tables
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, a_visit

LEAD_ID = 200001


def test_an_escalation_is_told_once_per_lead_member_and_item(store: Store) -> None:
    key = "thank_you_letter:visit:7"
    assert not store.escalations.told(LEAD_ID, OWNER_ID, key)
    store.escalations.mark_told(LEAD_ID, OWNER_ID, key, FIXED_NOW)
    store.escalations.mark_told(LEAD_ID, OWNER_ID, key, FIXED_NOW)  # twice is once
    assert store.escalations.told(LEAD_ID, OWNER_ID, key)
    assert not store.escalations.told(LEAD_ID, OTHER_ID, key)
    assert not store.escalations.told(LEAD_ID + 1, OWNER_ID, key)


def test_owner_activity_says_whether_the_owner_changed_anything_since(
    store: Store, mine: Records, theirs: Records
) -> None:
    start = store.owner_activity(OWNER_ID, None)
    theirs.customers.add(NewCustomer("别人的客户"))
    assert not store.owner_activity(OWNER_ID, start.mark).acted
    mine.customers.add(NewCustomer("华信制造"))
    after = store.owner_activity(OWNER_ID, start.mark)
    assert after.acted
    assert after.mark > start.mark
    store.completions(OWNER_ID).complete("demand_forecast:2026-11")
    assert store.owner_activity(OWNER_ID, after.mark).completions == 1


def test_an_id_no_row_can_have_finds_nothing(mine: Records, store: Store) -> None:
    huge = int("9" * 40)
    assert mine.customers.get(huge) is None
    assert mine.letters.get(huge) is None
    assert mine.plans.cancel(huge) is None
    assert store.own_reminders(OWNER_ID).get(huge) is None
    assert store.staff.get(huge) is None
    assert store.review.get(huge) is None
    assert not store.unanswered.resolve(huge, user_id=OWNER_ID, outcome="picked")


def test_visits_come_a_page_at_a_time_newest_first(mine: Records) -> None:
    customer = mine.customers.add(NewCustomer("华信制造"))
    for hours in range(5):
        mine.visits.add(a_visit(customer.id, hours=-24 * (hours + 1)), [])
    newest = mine.visits.recent(limit=5)
    assert mine.visits.recent(limit=2, offset=2) == newest[2:4]
    assert mine.visits.for_customer(customer.id, limit=2, offset=4) == newest[4:]


def test_the_probe_counts_tables_of_a_database_it_only_reads(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    open_database(path).close()
    assert count_tables(path) > 10
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(DatabaseUnreadable):
        count_tables(not_a_database)
