"""The pure parts of the /plan, /letter and /bid forms: parsing, the booking rule, prefill."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dialogs.bid_form import BID_FORM
from dialogs.engine import Accepted, FormEnv, Rejected
from dialogs.letter_form import LETTER_FORM
from dialogs.plan_form import PLAN_FORM, booking_question_due, visit_prefill
from knowledge.service import Knowledge
from storage.models import NewCustomer, NewPlan
from storage.scope import Scope
from storage.store import Store
from tests.conftest import FIXED_NOW
from timekeeping.workdays import WorkdayCalendar

TOMORROW_9AM = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # Saturday 09:00 in Shanghai
MONDAY_9AM = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


@pytest.fixture
def env(fresh_store: Store, knowledge: Knowledge) -> FormEnv:
    return FormEnv(
        now=FIXED_NOW,
        user_id=1,
        records=fresh_store.records(Scope.own(1)),
        knowledge=knowledge,
        calendar=WorkdayCalendar(),
    )


def test_booking_is_asked_for_an_onsite_visit_less_than_a_day_away(env: FormEnv) -> None:
    tomorrow = {"way": "onsite", "starts_at": TOMORROW_9AM.isoformat()}
    assert booking_question_due(tomorrow, env)
    assert not booking_question_due({**tomorrow, "way": "phone"}, env)
    assert not booking_question_due({**tomorrow, "starts_at": MONDAY_9AM.isoformat()}, env)
    exactly_a_day = (FIXED_NOW + timedelta(days=1)).isoformat()
    assert not booking_question_due({**tomorrow, "starts_at": exactly_a_day}, env)


def test_a_late_onsite_time_leads_to_the_booking_question(env: FormEnv) -> None:
    step = PLAN_FORM.step("time")
    parsed = step.on_text("明天上午9点", {"way": "onsite"}, env)
    assert isinstance(parsed, Accepted)
    assert parsed.next_key == "booking"
    assert parsed.updates["starts_at"] == TOMORROW_9AM.isoformat()
    parsed = step.on_text("下周一上午9点", {"way": "onsite"}, env)
    assert isinstance(parsed, Accepted)
    assert parsed.next_key is None


def test_a_planned_time_must_be_in_the_future_and_have_a_clock_time(env: FormEnv) -> None:
    step = PLAN_FORM.step("time")
    assert isinstance(step.on_text("今天上午9点", {}, env), Rejected)
    assert isinstance(step.on_text("下周一", {}, env), Rejected)


def test_a_past_plan_prefills_the_visit_with_its_time(env: FormEnv) -> None:
    customer = env.records.customers.add(NewCustomer(name="华为"))
    start = FIXED_NOW - timedelta(hours=3)
    plan = env.records.plans.add(
        NewPlan(customer.id, "onsite", start, start + timedelta(hours=1), "介绍方案")
    )
    prefill, note = visit_prefill(plan, "华为", FIXED_NOW)
    assert prefill["plan_id"] == plan.id
    assert prefill["customer_id"] == customer.id
    assert (prefill["way"], prefill["purpose"]) == ("onsite", "介绍方案")
    assert prefill["started_at"] == start.isoformat()
    assert {"customer", "way", "purpose", "time"} <= set(prefill)
    assert "时间" in note


def test_a_future_plan_leaves_the_visit_time_to_the_user(env: FormEnv) -> None:
    customer = env.records.customers.add(NewCustomer(name="华为"))
    plan = env.records.plans.add(NewPlan(customer.id, "phone", MONDAY_9AM, None, "回访"))
    prefill, note = visit_prefill(plan, "华为", FIXED_NOW)
    assert "time" not in prefill
    assert "started_at" not in prefill
    assert "请填写实际的拜访时间" in note


def test_a_letter_date_is_today_or_earlier(env: FormEnv) -> None:
    step = LETTER_FORM.step("received")
    assert isinstance(step.on_text("今天", {}, env), Accepted)
    assert isinstance(step.on_text("明天", {}, env), Rejected)
    assert isinstance(step.on_text("今天下午5点", {}, env), Rejected)  # later today
    yesterday = step.choose("yesterday", {}, env)
    assert isinstance(yesterday, Accepted)
    assert yesterday.updates["received_at"] == "2026-11-25T16:00:00+00:00"  # 26th, 00:00 local


def test_a_bid_time_is_a_future_moment_with_a_clock_time(env: FormEnv) -> None:
    step = BID_FORM.step("time")
    parsed = step.on_text("12月3日上午9点", {}, env)
    assert isinstance(parsed, Accepted)
    assert parsed.updates["starts_at"] == "2026-12-03T01:00:00+00:00"
    assert isinstance(step.on_text("12月3日", {}, env), Rejected)
    assert isinstance(step.on_text("昨天上午9点", {}, env), Rejected)
