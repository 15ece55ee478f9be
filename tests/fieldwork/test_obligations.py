"""Obligations: what is open and by when, derived from the records and the deadline rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from fieldwork.obligations import (
    OBLIGATION_KINDS,
    Obligation,
    find_obligation,
    open_obligations,
)
from knowledge.service import Knowledge
from storage.models import KIND_COMMITMENT, KIND_REQUEST, WAY_PHONE, NewItem
from tests.reminders.world import OTHER_ID, OWNER_ID, START, World
from tests.timekeeping.clock import shanghai


@pytest.fixture
def world(knowledge: Knowledge) -> Iterator[World]:
    world = World(knowledge)
    yield world
    world.close()


def kinds(world: World) -> list[str]:
    return [obligation.kind for obligation in world.obligations()]


def record_kinds(world: World) -> list[str]:
    """The kinds of obligations about records, leaving out those every customer brings."""
    return [kind for kind in kinds(world) if kind not in ("demand_forecast", "regular_visit")]


def record_keys(world: World) -> list[str]:
    return [
        obligation.key
        for obligation in world.obligations()
        if obligation.kind not in ("demand_forecast", "regular_visit")
    ]


def test_no_records_no_obligations(world: World) -> None:
    assert world.obligations() == []


# -- thank-you letter (norm 1.2.1-12) --------------------------------------------------------


def test_on_site_visit_owes_a_thank_you_letter_48_hours_after_its_end(world: World) -> None:
    customer = world.customer()
    visit, _ = world.visit(customer, shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 16, 30))
    found = world.obligation(f"thank_you_letter:visit:{visit.id}")
    assert found == Obligation(
        key=f"thank_you_letter:visit:{visit.id}",
        kind="thank_you_letter",
        owner_id=OWNER_ID,
        deadline=shanghai(2026, 11, 28, 16, 30),
        title="给华为技术有限公司送感谢函",
        rule_id="thank_you_letter",
        subject=("visits", visit.id),
        customer_id=customer.id,
        norm_id="1.2.1-12",
        opens_at=START,
    )


def test_phone_visit_owes_no_thank_you_letter(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0), way=WAY_PHONE)
    assert "thank_you_letter" not in kinds(world)


def test_thank_you_letter_sent_closes_it(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    world.records().visits.mark_thank_you_sent(visit.id, START)
    assert "thank_you_letter" not in kinds(world)


def test_thank_you_letter_older_than_30_days_past_its_deadline_no_longer_nags(
    world: World,
) -> None:
    customer = world.customer()
    old, _ = world.visit(customer, START - timedelta(days=33))  # due 31 days less 1 h ago
    recent, _ = world.visit(customer, START - timedelta(days=31, hours=1))  # due 29 days ago
    keys = world.obligation_keys()
    assert f"thank_you_letter:visit:{old.id}" not in keys
    assert f"thank_you_letter:visit:{recent.id}" in keys


# -- written reply (norm 1.2.2-01) -----------------------------------------------------------


def test_open_letter_is_due_at_its_reply_time(world: World) -> None:
    customer = world.customer()
    due = shanghai(2026, 12, 1, 23, 59, 59)
    letter = world.letter(customer, START, due)
    found = world.obligation(f"written_reply:letter:{letter.id}")
    assert (found.deadline, found.rule_id, found.norm_id) == (due, "written_reply", "1.2.2-01")
    assert found.title == "书面答复华为技术有限公司的来函《专线报价》"


def test_answered_letter_is_closed(world: World) -> None:
    letter = world.letter(world.customer(), START, START + timedelta(days=2))
    world.records().letters.mark_answered(letter.id, START)
    assert record_kinds(world) == []


# -- requests and commitments (norm 1.2.1-16) ------------------------------------------------


def test_request_and_commitment_are_named_for_what_they_are(world: World) -> None:
    customer = world.customer()
    due = START + timedelta(days=3)
    _, (request, commitment) = world.visit(
        customer,
        START - timedelta(hours=2),
        way=WAY_PHONE,
        items=[
            NewItem(KIND_REQUEST, "开通专线测试", due),
            NewItem(KIND_COMMITMENT, "提供报价", due),
        ],
    )
    asked = world.obligation(f"follow_up:item:{request.id}")
    promised = world.obligation(f"follow_up:item:{commitment.id}")
    assert (asked.title, asked.rule_id) == (
        "落实华为技术有限公司的要求：开通专线测试",
        "customer_request_follow_up",
    )
    assert (promised.title, promised.rule_id) == (
        "履行对华为技术有限公司的承诺：提供报价",
        "commitment_kept",
    )
    assert asked.deadline == promised.deadline == due
    assert asked.norm_id == "1.2.1-16"


def test_done_item_is_closed(world: World) -> None:
    _, [item] = world.visit(
        world.customer(),
        START - timedelta(hours=2),
        way=WAY_PHONE,
        items=[NewItem(KIND_REQUEST, "开通专线测试", START + timedelta(days=1))],
    )
    world.records().follow_ups.mark_done(item.id, START)
    assert record_kinds(world) == []


# -- planned visits (norms 1.2.1-04, 1.2.1-05, 1.2.1-15) -------------------------------------


def test_planned_on_site_visit_is_confirmed_left_for_and_logged(world: World) -> None:
    customer = world.customer()
    start, end = shanghai(2026, 11, 30, 9, 0), shanghai(2026, 11, 30, 10, 30)
    plan = world.plan(customer, start, end)
    confirm = world.obligation(f"plan_confirm:plan:{plan.id}")
    depart = world.obligation(f"plan_depart:plan:{plan.id}")
    log = world.obligation(f"plan_log:plan:{plan.id}")
    assert (confirm.deadline, confirm.rule_id, confirm.title) == (
        start,
        "visit_booking_lead",
        "和华为技术有限公司确认拜访预约",
    )
    # Arrive 5 minutes early (1.2.1-05), with the default 30 minutes on the way.
    assert depart.deadline == shanghai(2026, 11, 30, 8, 25)
    assert (depart.rule_id, depart.norm_id) == ("visit_arrival_lead", "1.2.1-05")
    assert (log.deadline, log.opens_at, log.rule_id, log.norm_id) == (end, end, None, "1.2.1-15")
    assert not log.is_open_at(START)
    assert log.is_open_at(end)


def test_departure_follows_the_users_travel_time(world: World) -> None:
    world.store.settings.update(OWNER_ID, travel_minutes=60)
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0))
    depart = world.obligation(f"plan_depart:plan:{plan.id}")
    assert depart.deadline == shanghai(2026, 11, 30, 7, 55)


def test_confirmed_plan_needs_no_confirmation(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0), confirmed=True)
    about_plan = [ob for ob in world.obligations() if ob.subject == ("planned_visits", plan.id)]
    assert [ob.kind for ob in about_plan] == ["plan_depart", "plan_log"]


def test_planned_phone_visit_is_only_logged(world: World) -> None:
    world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0), way=WAY_PHONE)
    assert record_kinds(world) == ["plan_log"]


def test_plan_without_an_end_is_logged_an_hour_after_its_start(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0))
    assert world.obligation(f"plan_log:plan:{plan.id}").deadline == shanghai(2026, 11, 30, 10, 0)


def test_once_the_visit_began_only_logging_is_left(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 27, 14, 0))
    world.at(shanghai(2026, 11, 27, 14, 0, 1))
    assert record_keys(world) == [f"plan_log:plan:{plan.id}"]


def test_logged_or_cancelled_plan_has_nothing_left(world: World) -> None:
    customer = world.customer()
    logged = world.plan(customer, shanghai(2026, 11, 27, 8, 0), shanghai(2026, 11, 27, 9, 0))
    cancelled = world.plan(customer, shanghai(2026, 11, 30, 9, 0))
    world.visit(customer, logged.starts_at, logged.ends_at, plan_id=logged.id)
    world.records().plans.cancel(cancelled.id)
    assert record_kinds(world) == ["thank_you_letter"]


# -- bids (norms 1.2.4-02, 1.2.4-03, 1.2.4-06) -----------------------------------------------


def test_upcoming_bid_has_its_checklist_arrival_and_summary(world: World) -> None:
    start = shanghai(2026, 12, 2, 9, 0)
    bid = world.bid(start)
    checklist = world.obligation(f"bid_checklist:bid:{bid.id}")
    arrive = world.obligation(f"bid_arrive:bid:{bid.id}")
    summary = world.obligation(f"bid_summary:bid:{bid.id}")
    assert (checklist.deadline, checklist.norm_id) == (start, "1.2.4-03")
    assert checklist.title == "检查《智慧园区专网》投标的现场必需品"
    # 15 minutes early (1.2.4-02) and 30 minutes on the way.
    assert (arrive.deadline, arrive.norm_id) == (shanghai(2026, 12, 2, 8, 15), "1.2.4-02")
    assert (summary.deadline, summary.opens_at, summary.norm_id) == (start, start, "1.2.4-06")


def test_after_the_bid_began_only_the_summary_is_left_until_written(world: World) -> None:
    bid = world.bid(shanghai(2026, 11, 27, 14, 0))
    world.at(shanghai(2026, 11, 27, 15, 0))
    assert world.obligation_keys() == [f"bid_summary:bid:{bid.id}"]
    world.records().bids.summarize(bid.id, "价格偏高，下次提前沟通", world.now)
    assert world.obligation_keys() == []


def test_bid_summary_forgotten_for_30_days_no_longer_nags(world: World) -> None:
    world.bid(shanghai(2026, 11, 27, 14, 0))
    world.at(shanghai(2026, 12, 27, 14, 0, 1))
    assert "bid_summary" not in kinds(world)


# -- monthly demand forecast (norm 1.2.3-05) -------------------------------------------------


def test_forecast_is_due_at_the_end_of_the_month_once_there_are_customers(world: World) -> None:
    assert "demand_forecast" not in kinds(world)
    world.customer()
    world.customer("中国石化")
    forecast = world.obligation("demand_forecast:2026-11")
    assert forecast.deadline == shanghai(2026, 11, 30, 23, 59, 59)
    assert forecast.title == "做好11月客户业务需求预测（2个客户）"
    assert (forecast.rule_id, forecast.norm_id) == ("monthly_demand_forecast", "1.2.3-05")
    assert forecast.opens_at == START  # the first customer, after the month began


def test_forecast_done_is_closed_and_next_month_opens(world: World) -> None:
    world.customer()
    world.store.completions(OWNER_ID).complete("demand_forecast:2026-11", START)
    assert "demand_forecast" not in kinds(world)
    world.at(shanghai(2026, 12, 1, 0, 0))
    forecast = world.obligation("demand_forecast:2026-12")
    assert forecast.opens_at == shanghai(2026, 12, 1, 0, 0)


def test_last_months_forecast_stays_open_through_this_month_if_never_done(world: World) -> None:
    world.customer()
    world.at(shanghai(2026, 12, 15, 9, 0))
    forecasts = [ob.key for ob in world.obligations() if ob.kind == "demand_forecast"]
    assert forecasts == ["demand_forecast:2026-11", "demand_forecast:2026-12"]
    world.at(shanghai(2027, 1, 2, 9, 0))
    forecasts = [ob.key for ob in world.obligations() if ob.kind == "demand_forecast"]
    assert forecasts == ["demand_forecast:2026-12", "demand_forecast:2027-01"]


def test_no_forecast_for_a_month_before_the_first_customer(world: World) -> None:
    world.at(shanghai(2026, 12, 3, 9, 0))
    world.customer()
    assert [ob.key for ob in world.obligations() if ob.kind == "demand_forecast"] == [
        "demand_forecast:2026-12"
    ]


# -- regular visits (norm 1.2.3-09) ----------------------------------------------------------


def test_customer_is_due_a_visit_at_the_end_of_its_cadence(world: World) -> None:
    customer = world.customer(cadence=30)
    key = f"regular_visit:customer:{customer.id}:2026-11-27"
    due = world.obligation(key)
    assert due.deadline == shanghai(2026, 12, 27, 23, 59, 59)
    assert due.opens_at == due.deadline
    assert due.title == "定期拜访华为技术有限公司（尚未拜访过）"
    assert (due.rule_id, due.norm_id, due.subject) == (
        "regular_visits",
        "1.2.3-09",
        ("customers", customer.id),
    )


def test_each_visit_starts_a_new_regular_visit_episode(world: World) -> None:
    customer = world.customer(cadence=7)
    world.at(shanghai(2026, 12, 10, 15, 0))
    world.visit(customer, shanghai(2026, 12, 10, 9, 0), way=WAY_PHONE)
    [due] = [ob for ob in world.obligations() if ob.kind == "regular_visit"]
    assert due.key == f"regular_visit:customer:{customer.id}:2026-12-10"
    assert due.deadline == shanghai(2026, 12, 17, 23, 59, 59)
    assert due.title == "定期拜访华为技术有限公司"


def test_a_customer_with_a_visit_planned_ahead_is_not_suggested(world: World) -> None:
    customer = world.customer()
    world.plan(customer, shanghai(2026, 12, 30, 9, 0))
    assert "regular_visit" not in kinds(world)


# -- across kinds ----------------------------------------------------------------------------


def test_obligations_are_sorted_by_deadline(world: World) -> None:
    customer = world.customer()
    world.plan(customer, shanghai(2026, 11, 30, 9, 0))
    world.visit(customer, shanghai(2026, 11, 26, 15, 0))
    world.bid(shanghai(2026, 12, 2, 9, 0))
    deadlines = [obligation.deadline for obligation in world.obligations()]
    assert deadlines == sorted(deadlines)
    assert set(kinds(world)) == set(OBLIGATION_KINDS) - {
        "written_reply",
        "follow_up",
        "regular_visit",  # the customer has a visit planned
    }


def test_another_users_records_are_not_my_obligations(world: World) -> None:
    world.customer()
    assert (
        open_obligations(
            world.records(OTHER_ID),
            world.knowledge.kb,
            world.settings(OTHER_ID),
            world.now,
            world.store.completions(OTHER_ID),
        )
        == []
    )


def test_a_completion_closes_an_obligation_without_a_record_of_its_own(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0))
    key = f"plan_depart:plan:{plan.id}"
    world.store.completions(OWNER_ID).complete(key, START)
    assert key not in world.obligation_keys()


def test_find_obligation_agrees_with_the_full_list(world: World) -> None:
    customer = world.customer(cadence=3)
    world.visit(
        customer,
        shanghai(2026, 11, 26, 15, 0),
        items=[NewItem(KIND_REQUEST, "开通专线测试", START + timedelta(days=1))],
    )
    world.letter(customer, START, START + timedelta(days=2))
    world.plan(world.customer("中国石化"), shanghai(2026, 11, 30, 9, 0))
    world.bid(shanghai(2026, 12, 2, 9, 0))
    world.at(shanghai(2026, 11, 29, 8, 0))
    everything = world.obligations()
    assert {ob.kind for ob in everything} == set(OBLIGATION_KINDS)
    for obligation in everything:
        assert find(world, obligation.key) == obligation


def find(world: World, key: str, owner_id: int = OWNER_ID) -> Obligation | None:
    return find_obligation(
        world.records(owner_id),
        world.knowledge.kb,
        world.settings(owner_id),
        world.now,
        world.store.completions(owner_id),
        key,
    )


def test_find_obligation_is_none_when_done_gone_or_someone_elses(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    key = f"thank_you_letter:visit:{visit.id}"
    assert find(world, key, OTHER_ID) is None
    assert find(world, "thank_you_letter:visit:999") is None
    assert find(world, "no_such_kind:visit:1") is None
    world.records().visits.mark_thank_you_sent(visit.id, START)
    assert find(world, key) is None
