"""Sync: a user's reminder rows follow their open obligations, settings and digest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta

import pytest

from knowledge.service import Knowledge
from reminders.config import load_reminder_config
from reminders.sync import ChangeTracker, sync_owner
from storage.models import KIND_COMMITMENT, WAY_PHONE, NewCustomer, NewItem
from storage.reminders import CANCELLED, SENT, Reminder
from storage.rows import records
from tests.reminders.world import OTHER_ID, OWNER_ID, START, World
from tests.timekeeping.clock import shanghai

CONFIG = load_reminder_config()


@pytest.fixture
def world(knowledge: Knowledge) -> Iterator[World]:
    world = World(knowledge)
    yield world
    world.close()


def sync(world: World, owner_id: int = OWNER_ID) -> None:
    sync_owner(world.store, world.knowledge.kb, CONFIG, owner_id, world.now)


def rows(world: World, owner_id: int = OWNER_ID) -> list[Reminder]:
    found = world.store.db.table("reminders").rows_where("owner_id = ?", [owner_id], order_by="id")
    return records(Reminder, found)


def pending(world: World, prefix: str = "") -> list[tuple[str, str]]:
    return [(row.key, row.slot) for row in world.pending() if row.key.startswith(prefix)]


def test_a_visit_plans_its_thank_you_letter_reminders(world: World) -> None:
    visit, _ = world.visit(
        world.customer(), shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 16, 30)
    )
    sync(world)
    key = f"thank_you_letter:visit:{visit.id}"
    planned = [
        (row.slot, row.send_at, row.deadline_at) for row in world.pending() if row.key == key
    ]
    due = shanghai(2026, 11, 28, 16, 30)
    assert planned == [
        ("before:24h", shanghai(2026, 11, 27, 16, 30), due),
        ("before:2h", shanghai(2026, 11, 28, 14, 30), due),
        ("overdue", due, due),
    ]
    assert {row.kind for row in world.pending() if row.key == key} == {"thank_you_letter"}


def test_syncing_again_changes_nothing(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    world.bid(shanghai(2026, 12, 2, 9, 0))
    sync(world)
    before = rows(world)
    sync(world)
    assert rows(world) == before


def test_everything_the_user_owes_is_planned(world: World) -> None:
    customer = world.customer()
    world.visit(
        customer,
        shanghai(2026, 11, 26, 15, 0),
        items=[NewItem(KIND_COMMITMENT, "提供报价", START + timedelta(days=3))],
    )
    world.letter(customer, START, shanghai(2026, 12, 1, 23, 59, 59))
    world.plan(customer, shanghai(2026, 11, 30, 9, 0))
    world.bid(shanghai(2026, 12, 2, 9, 0))
    sync(world)
    kinds = {row.kind for row in world.pending()}
    assert kinds == {
        "thank_you_letter",
        "written_reply",
        "follow_up",
        "plan_confirm",
        "plan_depart",
        "plan_log",
        "bid_checklist",
        "bid_arrive",
        "bid_summary",
        "demand_forecast",
        "digest",
    }  # regular_visit: the customer has a visit planned


def test_completing_a_record_cancels_its_pending_reminders(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)
    world.records().visits.mark_thank_you_sent(visit.id, START)
    sync(world)
    key = f"thank_you_letter:visit:{visit.id}"
    assert not pending(world, key)
    assert {row.state for row in rows(world) if row.key == key} == {CANCELLED}


def test_deleting_an_item_cancels_its_reminders(world: World) -> None:
    _, [item] = world.visit(
        world.customer(),
        START - timedelta(hours=1),
        way=WAY_PHONE,
        items=[NewItem(KIND_COMMITMENT, "提供报价", START + timedelta(days=3))],
    )
    sync(world)
    assert pending(world, "follow_up")
    world.records().follow_ups.delete(item.id)
    sync(world)
    assert not pending(world, "follow_up")


def test_a_new_travel_time_moves_the_departure_reminder(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 10, 0))
    sync(world)
    [depart] = [row for row in world.pending() if row.key == f"plan_depart:plan:{plan.id}"]
    assert depart.send_at == shanghai(2026, 11, 30, 9, 25)
    world.store.settings.update(OWNER_ID, travel_minutes=60)
    sync(world)
    [depart] = [row for row in world.pending() if row.key == f"plan_depart:plan:{plan.id}"]
    assert depart.send_at == shanghai(2026, 11, 30, 8, 55)


def test_new_quiet_hours_move_pending_reminders(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 27, 6, 0), shanghai(2026, 11, 27, 7, 0))
    sync(world)  # due Sunday 07:00: 2 hours before is 05:00, in quiet hours → Saturday 21:59
    [early] = [row for row in world.pending() if row.slot == "before:2h"]
    assert early.send_at == shanghai(2026, 11, 28, 21, 59)
    world.store.settings.update(OWNER_ID, quiet_start="23:00", quiet_end="04:00")
    sync(world)
    [early] = [row for row in world.pending() if row.slot == "before:2h"]
    assert early.send_at == shanghai(2026, 11, 29, 5, 0)


def test_sent_reminders_are_never_touched(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0))
    sync(world)
    key = f"plan_depart:plan:{plan.id}"
    [depart] = [row for row in world.pending() if row.key == key]
    world.store.reminders.mark_sent(depart.id, message_id=1, sent_at=START, late=False)
    world.store.settings.update(OWNER_ID, travel_minutes=60)
    sync(world)
    [again] = [row for row in rows(world) if row.key == key]
    assert (again.state, again.send_at) == (SENT, depart.send_at)


def test_a_snooze_stays_while_its_obligation_is_open(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)
    key = f"thank_you_letter:visit:{visit.id}"
    [first, *_] = [row for row in world.pending() if row.key == key]
    world.store.own_reminders(OWNER_ID).snooze(first.id, START + timedelta(hours=1))
    sync(world)
    assert (key, "snooze:1") in pending(world, key)
    world.records().visits.mark_thank_you_sent(visit.id, START)
    sync(world)
    assert not pending(world, key)


def test_other_users_reminders_are_left_alone(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)
    mine = rows(world)
    sync(world, OTHER_ID)
    assert rows(world) == mine
    assert rows(world, OTHER_ID) == []


def test_a_new_customer_brings_the_forecast_and_a_regular_visit(world: World) -> None:
    customer = world.customer(cadence=30)
    sync(world)
    planned = {(row.key, row.slot): row.send_at for row in world.pending()}
    assert planned[("demand_forecast:2026-11", "overdue")] == shanghai(2026, 12, 1, 8, 0)
    regular = f"regular_visit:customer:{customer.id}:2026-11-27"
    assert planned[(regular, "overdue")] == shanghai(2026, 12, 28, 8, 0)


def test_a_visit_replaces_the_regular_visit_episode(world: World) -> None:
    customer = world.customer(cadence=30)
    sync(world)
    world.at(shanghai(2026, 12, 5, 15, 0))
    world.visit(customer, shanghai(2026, 12, 5, 10, 0), way=WAY_PHONE)
    sync(world)
    episode = f"regular_visit:customer:{customer.id}:2026-12-05"
    assert pending(world, "regular_visit") == [(episode, "overdue")]


# -- the digest ------------------------------------------------------------------------------


def test_the_next_digest_is_planned_at_the_users_time(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)  # 10:30: today's 08:30 has passed
    [digest] = [row for row in world.pending() if row.kind == "digest"]
    assert (digest.key, digest.slot, digest.send_at) == (
        "digest:2026-11-28",
        "at",
        shanghai(2026, 11, 28, 8, 30),
    )
    world.store.settings.update(OWNER_ID, digest_at="12:00")
    sync(world)
    [digest] = [row for row in world.pending() if row.kind == "digest"]
    assert (digest.key, digest.send_at) == ("digest:2026-11-27", shanghai(2026, 11, 27, 12, 0))


def test_no_digest_when_turned_off_or_nothing_is_open(world: World) -> None:
    sync(world)
    assert rows(world) == []
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)
    assert pending(world, "digest")
    world.store.settings.update(OWNER_ID, digest_at=None)
    sync(world)
    assert not pending(world, "digest")


def test_todays_digest_still_pending_after_its_time_is_kept(world: World) -> None:
    world.at(shanghai(2026, 11, 27, 7, 0))
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    sync(world)
    assert pending(world, "digest") == [("digest:2026-11-27", "at")]
    world.at(shanghai(2026, 11, 27, 9, 0))  # the bot was down at 08:30
    sync(world)
    assert pending(world, "digest") == [("digest:2026-11-27", "at"), ("digest:2026-11-28", "at")]
    world.at(shanghai(2026, 11, 28, 9, 0))  # down a whole day: yesterday's is dropped
    sync(world)
    assert ("digest:2026-11-27", "at") not in pending(world, "digest")


# -- syncing only when something changed -----------------------------------------------------


def test_tracker_syncs_once_then_only_after_a_change(world: World) -> None:
    tracker = ChangeTracker()
    kb = world.knowledge.kb

    def changed() -> bool:
        return tracker.sync_if_changed(world.store, kb, CONFIG, OWNER_ID, world.now)

    assert changed()  # the first time: nothing seen yet
    assert not changed()
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    assert changed()
    assert pending(world, "thank_you_letter")
    assert not changed()
    world.store.settings.update(OWNER_ID, quiet_start=time(23, 0))
    assert changed()
    world.store.completions(OWNER_ID).complete("demand_forecast:2026-11", START)
    assert changed()
    assert not pending(world, "demand_forecast")
    world.records(OTHER_ID).customers.add(NewCustomer("中国石化"))
    assert not changed()  # someone else's change
    world.records().visits.mark_thank_you_sent(visit.id, START)
    assert changed()
    assert not pending(world, "thank_you_letter")
