"""One mapper between rows and records: every record comes back from its row as it was written,
and a row holding what its record's type forbids is refused instead of passed on."""

from __future__ import annotations

from datetime import UTC, time, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from storage.models import (
    ACTION_UPDATE,
    COMPANIONS_ALONE,
    PLAN_PLANNED,
    STAGE_CONTACT,
    WAY_ONSITE,
    AuditEntry,
    Bid,
    Customer,
    CustomerLetter,
    FollowUpItem,
    NewCustomer,
    PlannedVisit,
    Visit,
)
from storage.reminders import Reminder
from storage.rows import record, row_of
from storage.settings import UserSettings
from storage.staff import StaffMember
from storage.store import Records, Store
from tests.conftest import FIXED_NOW

LATER = FIXED_NOW + timedelta(hours=2)

RECORDS: list[Any] = [
    Customer(
        1, 7, "华信制造", "制造业", None, None, None, None, None, "王总", 30, FIXED_NOW, LATER
    ),
    Visit(
        1, 7, 2, WAY_ONSITE, STAGE_CONTACT, "了解需求", FIXED_NOW, LATER, COMPANIONS_ALONE,
        None, "要扩容", None, None, None, LATER, thank_you_sent_at=LATER,
    ),
    FollowUpItem(1, 7, 2, 3, "request", "开通专线测试", LATER, None, FIXED_NOW),
    CustomerLetter(1, 7, 2, FIXED_NOW, "关于续约的函", LATER, None, FIXED_NOW),
    Bid(
        1, 7, None, "政务云项目", LATER, "市政务中心", ("projector", "documents"), None, None,
        FIXED_NOW,
    ),
    PlannedVisit(
        1, 7, 2, WAY_ONSITE, LATER, None, "介绍方案", "重点", None, None, True, PLAN_PLANNED,
        None, FIXED_NOW,
    ),
    AuditEntry(1, FIXED_NOW, 7, "customers", 2, ACTION_UPDATE, {"name": "旧"}, {"name": "新"}),
    Reminder(
        1, 7, "follow_up:item:1", "follow_up", "before:24h", LATER, FIXED_NOW, FIXED_NOW,
        "pending", 0, None, None, None, False, FIXED_NOW,
    ),
    StaffMember(7, "李明", "manager", "政企一组", True, FIXED_NOW, LATER),
    UserSettings(7, quiet_start=time(23, 0), quiet_end=time(7, 0), digest_at=None),
]  # fmt: skip


@pytest.mark.parametrize("written", RECORDS, ids=lambda written: type(written).__name__)
def test_every_record_comes_back_from_its_row_as_written(written: Any) -> None:
    assert record(type(written), row_of(written)) == written


def test_times_are_stored_as_utc_text_and_read_back_aware() -> None:
    shanghai = FIXED_NOW.astimezone(timezone(timedelta(hours=8)))
    row = row_of(NewCustomer("华信制造"), created_at=shanghai)
    assert row["created_at"] == FIXED_NOW.astimezone(UTC).isoformat()
    read = record(FollowUpItem, {**row_of(RECORDS[2]), "due_at": row["created_at"]})
    assert read.due_at == FIXED_NOW
    assert read.due_at.utcoffset() == timedelta(0)


def test_bools_and_wall_times_are_stored_as_sqlite_holds_them() -> None:
    assert row_of(RECORDS[5])["booking_confirmed"] == 1
    assert row_of(RECORDS[9])["quiet_start"] == "23:00"
    assert row_of(RECORDS[4])["checklist_done"] == '["projector", "documents"]'


def test_a_word_its_literal_does_not_have_is_refused() -> None:
    with pytest.raises(ValidationError, match="way"):
        record(Visit, {**row_of(RECORDS[1]), "way": "bicycle"})
    with pytest.raises(ValidationError, match="role"):
        record(StaffMember, {**row_of(RECORDS[8]), "role": "boss"})


def test_a_stored_row_that_its_record_forbids_fails_the_read(store: Store, mine: Records) -> None:
    customer = mine.customers.add(NewCustomer("华信制造"))
    store.db.execute("UPDATE customers SET created_at = 'yesterday' WHERE id = ?", [customer.id])
    with pytest.raises(ValidationError, match="created_at"):
        mine.customers.get(customer.id)


def test_columns_the_record_does_not_name_are_ignored() -> None:
    row = {**row_of(RECORDS[8]), "invited_by": 900001}
    assert record(StaffMember, row) == RECORDS[8]


def test_a_settings_row_left_null_falls_back_to_the_defaults_but_a_null_digest_is_off(
    store: Store,
) -> None:
    store.db.table("user_settings").insert({"user_id": 7, "digest_at": None})
    assert store.settings.get(7) == UserSettings(7, digest_at=None)
