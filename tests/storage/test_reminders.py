"""Reminder rows: the sweep's index range, idempotent planning, states that never go back."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.reminders import (
    CANCELLED,
    FAILED,
    PENDING,
    SENT,
    PlannedSlot,
    Reminder,
    ReminderQueue,
)
from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, FakeClock

KEY = "thank_you_letter:visit:12"
DEADLINE = FIXED_NOW + timedelta(hours=48)


def slot(name: str, hours_from_now: float, deadline: datetime | None = DEADLINE) -> PlannedSlot:
    return PlannedSlot(name, FIXED_NOW + timedelta(hours=hours_from_now), deadline)


def by_slot(queue: ReminderQueue, owner_id: int = OWNER_ID, key: str = KEY) -> dict[str, Reminder]:
    return {reminder.slot: reminder for reminder in queue.for_key(owner_id, key)}


@pytest.fixture
def queue(store: Store) -> ReminderQueue:
    return store.reminders


def test_plan_inserts_pending_slots_with_planned_time_as_send_time(
    queue: ReminderQueue,
) -> None:
    queue.plan(OWNER_ID, KEY, "thank_you_letter", [slot("before:24h", 24), slot("overdue", 48)])
    stored = by_slot(queue)
    assert set(stored) == {"before:24h", "overdue"}
    first = stored["before:24h"]
    assert (first.state, first.kind, first.attempts, first.late) == (
        PENDING,
        "thank_you_letter",
        0,
        False,
    )
    assert first.planned_at == first.send_at == FIXED_NOW + timedelta(hours=24)
    assert first.deadline_at == DEADLINE
    assert first.created_at == FIXED_NOW


def test_plan_twice_with_the_same_slots_changes_nothing(queue: ReminderQueue) -> None:
    slots = [slot("before:24h", 24), slot("overdue", 48)]
    queue.plan(OWNER_ID, KEY, "thank_you_letter", slots)
    before = by_slot(queue)
    queue.plan(OWNER_ID, KEY, "thank_you_letter", slots)
    assert by_slot(queue) == before


def test_plan_moves_a_pending_slot_whose_time_changed(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 5)])
    new_deadline = DEADLINE + timedelta(days=1)
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 29, new_deadline)])
    moved = by_slot(queue)["at"]
    assert moved.planned_at == moved.send_at == FIXED_NOW + timedelta(hours=29)
    assert moved.deadline_at == new_deadline


def test_replanning_keeps_a_retry_backoff_when_the_planned_time_is_unchanged(
    queue: ReminderQueue,
) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    reminder = by_slot(queue)["at"]
    retry_at = FIXED_NOW + timedelta(minutes=10)
    queue.reschedule(reminder.id, send_at=retry_at, error="TimedOut")
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    assert by_slot(queue)["at"].send_at == retry_at


def test_plan_cancels_pending_slots_no_longer_listed(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("before:2h", 3), slot("overdue", 5)])
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("overdue", 5)])
    stored = by_slot(queue)
    assert stored["before:2h"].state == CANCELLED
    assert stored["overdue"].state == PENDING


def test_plan_never_touches_or_resends_a_sent_slot(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("before:2h", 0), slot("overdue", 5)])
    sent = by_slot(queue)["before:2h"]
    queue.mark_sent(sent.id, message_id=77, sent_at=FIXED_NOW, late=False)
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("before:2h", 1), slot("overdue", 5)])
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("overdue", 5)])
    after = by_slot(queue)["before:2h"]
    assert (after.state, after.message_id, after.planned_at) == (SENT, 77, sent.planned_at)
    assert queue.due(FIXED_NOW + timedelta(hours=2)) == []


def test_plan_never_touches_a_failed_slot(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    failed = by_slot(queue)["at"]
    queue.mark_failed(failed.id, error="Forbidden: bot was blocked by the user")
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 1)])
    queue.plan(OWNER_ID, KEY, "follow_up", [])
    assert by_slot(queue)["at"] == queue.get(failed.id)
    assert by_slot(queue)["at"].state == FAILED


def test_plan_brings_back_a_cancelled_slot_listed_again(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 3)])
    queue.plan(OWNER_ID, KEY, "follow_up", [])
    assert by_slot(queue)["at"].state == CANCELLED
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 4)])
    back = by_slot(queue)["at"]
    assert (back.state, back.send_at) == (PENDING, FIXED_NOW + timedelta(hours=4))


def test_plan_keeps_the_users_snooze(store: Store, queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    sent = by_slot(queue)["at"]
    queue.mark_sent(sent.id, message_id=5, sent_at=FIXED_NOW, late=False)
    store.own_reminders(OWNER_ID).snooze(sent.id, FIXED_NOW + timedelta(hours=1))
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    assert by_slot(queue)["snooze:1"].state == PENDING


def test_plan_refuses_the_same_slot_twice(queue: ReminderQueue) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0), slot("at", 1)])


def test_plan_of_one_owner_leaves_another_owners_same_key_alone(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 1)])
    queue.plan(OTHER_ID, KEY, "follow_up", [slot("at", 2)])
    queue.plan(OWNER_ID, KEY, "follow_up", [])
    assert by_slot(queue, OTHER_ID)["at"].state == PENDING


def test_due_returns_pending_rows_up_to_now_earliest_first(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, "a", "follow_up", [slot("at", 2)])
    queue.plan(OWNER_ID, "b", "follow_up", [slot("at", 1)])
    queue.plan(OWNER_ID, "c", "follow_up", [slot("at", 3)])
    due = queue.due(FIXED_NOW + timedelta(hours=2))
    assert [reminder.key for reminder in due] == ["b", "a"]


def test_due_includes_a_row_due_exactly_now_and_respects_the_limit(queue: ReminderQueue) -> None:
    for index in range(5):
        queue.plan(OWNER_ID, f"k{index}", "follow_up", [slot("at", 0)])
    assert len(queue.due(FIXED_NOW, limit=3)) == 3
    assert len(queue.due(FIXED_NOW)) == 5


def test_due_compares_times_given_in_another_zone_correctly(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 1)])
    shanghai_now = (FIXED_NOW + timedelta(hours=1)).astimezone(ZoneInfo("Asia/Shanghai"))
    assert len(queue.due(shanghai_now)) == 1
    assert queue.due(FIXED_NOW + timedelta(minutes=59, seconds=59, microseconds=999999)) == []


def test_due_skips_sent_failed_and_cancelled_rows(queue: ReminderQueue) -> None:
    for key in ("sent", "failed", "cancelled", "pending"):
        queue.plan(OWNER_ID, key, "follow_up", [slot("at", 0)])
    [sent, failed, cancelled, _] = queue.due(FIXED_NOW)
    queue.mark_sent(sent.id, message_id=1, sent_at=FIXED_NOW, late=False)
    queue.mark_failed(failed.id, error="Forbidden")
    queue.cancel(cancelled.id)
    assert [reminder.key for reminder in queue.due(FIXED_NOW)] == ["pending"]


def test_due_is_a_range_read_over_the_partial_index(store: Store) -> None:
    from storage.reminders import _DUE_SQL

    plan = list(store.db.execute("EXPLAIN QUERY PLAN " + _DUE_SQL, ["2026-01-01", 200]))
    [(_, _, _, detail)] = plan
    assert detail.startswith("SEARCH reminders USING INDEX idx_reminders_pending_send_at")


def test_mark_sent_records_message_id_time_and_lateness(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    [reminder] = queue.due(FIXED_NOW)
    sent_at = FIXED_NOW + timedelta(minutes=7)
    queue.mark_sent(reminder.id, message_id=4321, sent_at=sent_at, late=True)
    stored = queue.get(reminder.id)
    assert stored is not None
    assert (stored.state, stored.message_id, stored.sent_at, stored.late) == (
        SENT,
        4321,
        sent_at,
        True,
    )


def test_reschedule_moves_send_time_counts_the_attempt_keeps_planned_time(
    queue: ReminderQueue,
) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    [reminder] = queue.due(FIXED_NOW)
    queue.reschedule(reminder.id, send_at=FIXED_NOW + timedelta(seconds=10), error="TimedOut")
    queue.reschedule(reminder.id, send_at=FIXED_NOW + timedelta(seconds=30), error="502")
    stored = queue.get(reminder.id)
    assert stored is not None
    assert (stored.state, stored.attempts, stored.last_error) == (PENDING, 2, "502")
    assert stored.send_at == FIXED_NOW + timedelta(seconds=30)
    assert stored.planned_at == FIXED_NOW


def test_reschedule_and_fail_leave_a_cancelled_row_cancelled(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    [reminder] = queue.due(FIXED_NOW)
    queue.cancel(reminder.id)
    queue.reschedule(reminder.id, send_at=FIXED_NOW, error="TimedOut")
    queue.mark_failed(reminder.id, error="Forbidden")
    stored = queue.get(reminder.id)
    assert stored is not None
    assert stored.state == CANCELLED


def test_cancel_key_cancels_only_that_obligations_pending_rows(queue: ReminderQueue) -> None:
    queue.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0), slot("overdue", 1)])
    queue.plan(OWNER_ID, "other", "follow_up", [slot("at", 0)])
    [first, _, _] = queue.due(FIXED_NOW + timedelta(hours=1))
    queue.mark_sent(first.id, message_id=1, sent_at=FIXED_NOW, late=False)
    assert queue.cancel_key(OWNER_ID, KEY) == 1
    states = {r.slot: r.state for r in by_slot(queue).values()}
    assert states == {"at": SENT, "overdue": CANCELLED}
    assert by_slot(queue, key="other")["at"].state == PENDING


def test_cancel_other_keys_cancels_gone_obligations_of_that_owner_only(
    queue: ReminderQueue,
) -> None:
    for key in ("keep", "gone1", "gone2"):
        queue.plan(OWNER_ID, key, "follow_up", [slot("at", 1)])
    queue.plan(OTHER_ID, "gone1", "follow_up", [slot("at", 1)])
    assert queue.cancel_other_keys(OWNER_ID, {"keep"}) == 2
    due = queue.due(FIXED_NOW + timedelta(hours=1))
    assert sorted((r.owner_id, r.key) for r in due) == [(OWNER_ID, "keep"), (OTHER_ID, "gone1")]


def test_cancel_other_keys_handles_more_keys_than_one_statement_takes(
    queue: ReminderQueue,
) -> None:
    for index in range(1200):
        queue.plan(OWNER_ID, f"k{index}", "follow_up", [slot("at", 0)])
    assert queue.cancel_other_keys(OWNER_ID, ["k7"]) == 1199
    assert [r.key for r in queue.due(FIXED_NOW)] == ["k7"]


def test_owners_lists_everyone_with_a_reminder_or_a_record(
    store: Store, queue: ReminderQueue
) -> None:
    from storage.models import NewCustomer
    from storage.scope import Scope

    queue.plan(OTHER_ID, KEY, "follow_up", [slot("at", 0)])
    store.records(Scope.own(OWNER_ID)).customers.add(NewCustomer("华为技术有限公司"))
    assert queue.owners() == [OWNER_ID, OTHER_ID]


def test_own_reminders_get_hides_another_owners_reminder(store: Store) -> None:
    store.reminders.plan(OTHER_ID, KEY, "follow_up", [slot("at", 0)])
    [theirs] = store.reminders.due(FIXED_NOW)
    assert store.own_reminders(OWNER_ID).get(theirs.id) is None
    assert store.own_reminders(OTHER_ID).get(theirs.id) == theirs


def test_snooze_adds_a_pending_row_of_the_same_obligation(store: Store, clock: FakeClock) -> None:
    store.reminders.plan(OWNER_ID, KEY, "thank_you_letter", [slot("before:24h", 0)])
    [sent] = store.reminders.due(FIXED_NOW)
    store.reminders.mark_sent(sent.id, message_id=9, sent_at=FIXED_NOW, late=False)
    clock.advance(minutes=5)
    later = clock.now + timedelta(hours=1)
    snoozed = store.own_reminders(OWNER_ID).snooze(sent.id, later)
    assert snoozed is not None
    assert (snoozed.key, snoozed.kind, snoozed.slot, snoozed.state) == (
        KEY,
        "thank_you_letter",
        "snooze:1",
        PENDING,
    )
    assert snoozed.planned_at == snoozed.send_at == later
    assert snoozed.deadline_at == DEADLINE
    assert snoozed.created_at == clock.now
    assert store.reminders.due(later) == [snoozed]


def test_a_second_snooze_replaces_the_first(store: Store) -> None:
    store.reminders.plan(OWNER_ID, KEY, "follow_up", [slot("at", 0)])
    [sent] = store.reminders.due(FIXED_NOW)
    own = store.own_reminders(OWNER_ID)
    first = own.snooze(sent.id, FIXED_NOW + timedelta(hours=1))
    second = own.snooze(sent.id, FIXED_NOW + timedelta(days=1))
    assert first is not None
    assert second is not None
    assert second.slot == "snooze:2"
    assert [r.id for r in own.pending()] == [sent.id, second.id]


def test_snooze_of_another_owners_reminder_is_not_found(store: Store) -> None:
    store.reminders.plan(OTHER_ID, KEY, "follow_up", [slot("at", 0)])
    [theirs] = store.reminders.due(FIXED_NOW)
    assert store.own_reminders(OWNER_ID).snooze(theirs.id, FIXED_NOW) is None
    assert len(store.reminders.due(FIXED_NOW + timedelta(days=1))) == 1


def test_pending_lists_only_the_users_pending_reminders_earliest_first(store: Store) -> None:
    store.reminders.plan(OWNER_ID, "late", "follow_up", [slot("at", 5)])
    store.reminders.plan(OWNER_ID, "early", "follow_up", [slot("at", 1)])
    store.reminders.plan(OWNER_ID, "done", "follow_up", [slot("at", 0)])
    store.reminders.plan(OTHER_ID, "theirs", "follow_up", [slot("at", 0)])
    store.reminders.cancel_key(OWNER_ID, "done")
    assert [r.key for r in store.own_reminders(OWNER_ID).pending()] == ["early", "late"]
