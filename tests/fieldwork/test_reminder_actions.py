"""A reminder's buttons: completing its obligation by kind, and when a snooze comes back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from fieldwork.reminder_actions import (
    Completion,
    ObligationKey,
    ObligationState,
    Situation,
    complete_obligation,
    obligation_state,
    parse_key,
    snooze_until,
)
from knowledge.service import Knowledge
from storage.completions import CompletionRepository
from storage.models import (
    COMPANIONS_ALONE,
    KIND_COMMITMENT,
    STAGE_CONTACT,
    WAY_ONSITE,
    WAY_PHONE,
    Customer,
    NewCustomer,
    NewItem,
    NewLetter,
    NewPlan,
    NewVisit,
)
from storage.scope import Scope
from storage.settings import UserSettings
from storage.store import Records, Store
from tests.conftest import FIXED_NOW

OWNER_ID = 100001
OTHER_ID = 100002
LATER = FIXED_NOW + timedelta(hours=3)


def shanghai(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@pytest.fixture
def store() -> Iterator[Store]:
    store = Store(":memory:", clock=lambda: FIXED_NOW)
    yield store
    store.close()


@pytest.fixture
def mine(store: Store) -> Records:
    return store.records(Scope.own(OWNER_ID))


@pytest.fixture
def done(store: Store) -> CompletionRepository:
    return store.completions(OWNER_ID)


@pytest.fixture
def mine_now(mine: Records, done: CompletionRepository, knowledge: Knowledge) -> Situation:
    """The owner's situation three hours after FIXED_NOW, when they press 已完成."""
    return Situation(mine, done, knowledge.kb, UserSettings(OWNER_ID), LATER)


@pytest.fixture
def customer(mine: Records) -> Customer:
    return mine.customers.add(NewCustomer("华信制造"))


def a_visit(customer_id: int, way: str = WAY_ONSITE) -> NewVisit:
    return NewVisit(
        customer_id,
        way,  # type: ignore[arg-type]
        STAGE_CONTACT,
        "了解需求",
        FIXED_NOW - timedelta(hours=2),
        FIXED_NOW - timedelta(hours=1),
        COMPANIONS_ALONE,
    )


def test_keys_give_their_kind_and_subject() -> None:
    assert parse_key("thank_you_letter:visit:12") == ObligationKey("thank_you_letter", 12)
    assert parse_key("regular_visit:customer:4:2026-10-30") == ObligationKey("regular_visit", 4)
    assert parse_key("demand_forecast:2026-12") == ObligationKey("demand_forecast", None)
    assert parse_key("digest") == ObligationKey("digest", None)


def test_done_on_a_thank_you_letter_notes_it_on_the_visit(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    visit, _ = mine.visits.add(a_visit(customer.id))
    key = f"thank_you_letter:visit:{visit.id}"
    assert complete_obligation(mine_now, key) is Completion.RECORDED
    assert mine.visits.get(visit.id).thank_you_sent_at == LATER  # type: ignore[union-attr]
    assert complete_obligation(mine_now, key) is Completion.ALREADY_DONE


def test_done_on_a_written_reply_answers_the_letter(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    letter = mine.letters.add(NewLetter(customer.id, FIXED_NOW, "扩容申请", LATER))
    key = f"written_reply:letter:{letter.id}"
    assert complete_obligation(mine_now, key) is Completion.RECORDED
    assert mine.letters.get(letter.id).answered_at == LATER  # type: ignore[union-attr]


def test_done_on_a_follow_up_ticks_the_item(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    item = mine.follow_ups.add(customer.id, NewItem(KIND_COMMITMENT, "发报价", LATER))
    key = f"follow_up:item:{item.id}"
    assert obligation_state(mine_now, key) is ObligationState.OPEN
    assert complete_obligation(mine_now, key) is Completion.RECORDED
    assert mine.follow_ups.get(item.id).done_at == LATER  # type: ignore[union-attr]
    assert obligation_state(mine_now, key) is ObligationState.DONE


def test_done_on_a_plan_confirmation_notes_the_booking(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    plan = mine.plans.add(
        NewPlan(customer.id, WAY_ONSITE, LATER + timedelta(days=1), None, "方案")
    )
    key = f"plan_confirm:plan:{plan.id}"
    assert complete_obligation(mine_now, key) is Completion.RECORDED
    assert mine.plans.get(plan.id).booking_confirmed  # type: ignore[union-attr]


def test_a_cancelled_plan_needs_no_confirmation(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    plan = mine.plans.add(
        NewPlan(customer.id, WAY_ONSITE, LATER + timedelta(days=1), None, "方案")
    )
    mine.plans.cancel(plan.id)
    assert complete_obligation(mine_now, f"plan_confirm:plan:{plan.id}") is (
        Completion.ALREADY_DONE
    )


def test_done_on_the_monthly_forecast_records_a_completion(
    mine_now: Situation, done: CompletionRepository, customer: Customer
) -> None:
    key = "demand_forecast:2026-11"
    assert complete_obligation(mine_now, key) is Completion.RECORDED
    assert done.done_at(key) == LATER
    assert complete_obligation(mine_now, key) is Completion.ALREADY_DONE


def test_done_on_a_departure_reminder_is_acknowledged_and_remembered(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    plan = mine.plans.add(
        NewPlan(customer.id, WAY_ONSITE, LATER + timedelta(days=1), None, "方案")
    )
    key = f"plan_depart:plan:{plan.id}"
    assert obligation_state(mine_now, key) is ObligationState.OPEN
    assert complete_obligation(mine_now, key) is Completion.ACKNOWLEDGED
    assert obligation_state(mine_now, key) is ObligationState.DONE
    assert mine_now.completions.is_done(key)


def test_a_departure_after_the_visit_began_is_over(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    plan = mine.plans.add(
        NewPlan(customer.id, WAY_ONSITE, LATER - timedelta(hours=1), None, "方案")
    )
    key = f"plan_depart:plan:{plan.id}"
    assert complete_obligation(mine_now, key) is Completion.ALREADY_DONE


def test_another_users_record_is_not_found_and_unchanged(
    store: Store, mine: Records, mine_now: Situation, customer: Customer
) -> None:
    visit, _ = mine.visits.add(a_visit(customer.id))
    theirs = store.records(Scope.own(OTHER_ID))
    key = f"thank_you_letter:visit:{visit.id}"
    situation = replace(mine_now, records=theirs, completions=store.completions(OTHER_ID))
    outcome = complete_obligation(situation, key)
    assert outcome is Completion.NOT_FOUND
    assert mine.visits.get(visit.id).thank_you_sent_at is None  # type: ignore[union-attr]


def test_a_phone_call_has_no_thank_you_letter_to_note(
    mine: Records, mine_now: Situation, customer: Customer
) -> None:
    call, _ = mine.visits.add(a_visit(customer.id, WAY_PHONE))
    key = f"thank_you_letter:visit:{call.id}"
    assert complete_obligation(mine_now, key) is Completion.NOT_FOUND


DEFAULTS = UserSettings(OWNER_ID)  # quiet 22:00–08:00


def test_snooze_for_an_hour() -> None:
    assert snooze_until(FIXED_NOW, "h", DEFAULTS) == FIXED_NOW + timedelta(hours=1)


def test_snooze_for_an_hour_into_quiet_hours_waits_for_their_end() -> None:
    now = shanghai(2026, 11, 27, 21, 30)
    assert snooze_until(now, "h", DEFAULTS) == shanghai(2026, 11, 28, 8, 0)


def test_snooze_for_an_hour_after_midnight_waits_for_the_same_mornings_end() -> None:
    now = shanghai(2026, 11, 28, 0, 30)  # sent late at night, pressed after midnight
    assert snooze_until(now, "h", DEFAULTS) == shanghai(2026, 11, 28, 8, 0)


def test_snooze_until_tomorrow_is_nine_in_the_morning() -> None:
    assert snooze_until(FIXED_NOW, "d", DEFAULTS) == shanghai(2026, 11, 28, 9, 0)


def test_snooze_until_tomorrow_respects_late_quiet_hours() -> None:
    late_sleeper = UserSettings(OWNER_ID, quiet_start=time(23, 0), quiet_end=time(9, 30))
    assert snooze_until(FIXED_NOW, "d", late_sleeper) == shanghai(2026, 11, 28, 9, 30)


def test_snooze_crosses_the_year() -> None:
    now = shanghai(2026, 12, 31, 23, 10)
    assert snooze_until(now, "d", DEFAULTS) == shanghai(2027, 1, 1, 9, 0)


def test_snooze_without_quiet_hours_is_exactly_an_hour() -> None:
    night_owl = UserSettings(OWNER_ID, quiet_start=time(0, 0), quiet_end=time(0, 0))
    now = shanghai(2026, 11, 27, 23, 0)
    assert snooze_until(now, "h", night_owl) == now + timedelta(hours=1)
