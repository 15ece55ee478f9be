"""Planning: an obligation's deadline and the configuration in, reminder times out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from fieldwork.obligations import Obligation
from knowledge.service import Knowledge
from reminders.config import ReminderConfig, load_reminder_config
from reminders.planning import first_working_day, plan_slots, quiet_window_at
from storage.settings import UserSettings
from tests.reminders.world import OWNER_ID, START, World
from tests.timekeeping.clock import shanghai
from timekeeping.workdays import WorkdayCalendar

CONFIG = load_reminder_config()
DEFAULTS = UserSettings(OWNER_ID)
LONG_AGO = shanghai(2026, 11, 1, 9, 0)


def obligation(
    kind: str, deadline: datetime, *, opens_at: datetime | None = LONG_AGO
) -> Obligation:
    return Obligation(
        key=f"{kind}:test:1",
        kind=kind,
        owner_id=OWNER_ID,
        deadline=deadline,
        title="测试",
        rule_id=None,
        subject=None,
        customer_id=None,
        opens_at=opens_at,
    )


def planned(
    ob: Obligation,
    settings: UserSettings = DEFAULTS,
    config: ReminderConfig = CONFIG,
    calendar: WorkdayCalendar | None = None,
) -> list[tuple[str, datetime]]:
    slots = plan_slots(ob, config, settings, START, calendar=calendar or WorkdayCalendar(None))
    assert all(slot.deadline_at == ob.deadline for slot in slots)
    return [(slot.slot, slot.send_at) for slot in slots]


def quiet(start: time, end: time) -> UserSettings:
    return UserSettings(OWNER_ID, quiet_start=start, quiet_end=end)


# -- the offsets of the configuration --------------------------------------------------------


def test_thank_you_letter_is_reminded_a_day_and_two_hours_before_and_when_overdue() -> None:
    due = shanghai(2026, 11, 28, 16, 30)
    assert planned(obligation("thank_you_letter", due)) == [
        ("before:24h", shanghai(2026, 11, 27, 16, 30)),
        ("before:2h", shanghai(2026, 11, 28, 14, 30)),
        ("overdue", due),
    ]


def test_plan_confirmation_goes_out_the_afternoon_before() -> None:
    start = shanghai(2026, 11, 30, 9, 0)  # Monday
    assert planned(obligation("plan_confirm", start)) == [
        ("day_before", shanghai(2026, 11, 29, 16, 0))
    ]


def test_departure_is_reminded_at_the_time_to_leave() -> None:
    leave = shanghai(2026, 11, 30, 8, 25)
    assert planned(obligation("plan_depart", leave)) == [("at", leave)]


def test_log_prompt_comes_a_quarter_of_an_hour_after_the_end() -> None:
    end = shanghai(2026, 11, 30, 10, 30)
    assert planned(obligation("plan_log", end, opens_at=end)) == [
        ("after:15m", shanghai(2026, 11, 30, 10, 45))
    ]


def test_bid_reminders() -> None:
    start = shanghai(2026, 12, 2, 9, 0)
    assert planned(obligation("bid_checklist", start)) == [
        ("day_before", shanghai(2026, 12, 1, 16, 0))
    ]
    assert planned(obligation("bid_summary", start, opens_at=start)) == [
        ("after:4h", shanghai(2026, 12, 2, 13, 0))
    ]


def test_forecast_on_the_first_working_day_and_when_overdue() -> None:
    due = shanghai(2026, 10, 31, 23, 59, 59)
    opened = shanghai(2026, 10, 1, 0, 0)
    assert planned(obligation("demand_forecast", due, opens_at=opened)) == [
        ("first_workday", shanghai(2026, 10, 8, 9, 0)),  # after the National Day week
        ("overdue", shanghai(2026, 11, 1, 8, 0)),  # 23:59:59 is quiet: the next morning
    ]


def test_regular_visit_is_suggested_the_morning_after_its_cadence_ran_out() -> None:
    due = shanghai(2026, 12, 27, 23, 59, 59)
    assert planned(obligation("regular_visit", due, opens_at=due)) == [
        ("overdue", shanghai(2026, 12, 28, 8, 0))
    ]


def test_the_plan_does_not_depend_on_now() -> None:
    ob = obligation("thank_you_letter", shanghai(2026, 11, 28, 16, 30))
    early = plan_slots(ob, CONFIG, DEFAULTS, START)
    late = plan_slots(ob, CONFIG, DEFAULTS, START + timedelta(days=3))
    assert early == late


def test_slots_already_past_since_the_obligation_opened_are_kept_for_the_sweep() -> None:
    ob = obligation("thank_you_letter", shanghai(2026, 11, 20, 16, 30))
    assert [slot for slot, _ in planned(ob)] == ["before:24h", "before:2h", "overdue"]


# -- quiet hours -----------------------------------------------------------------------------


def test_reminder_in_quiet_hours_waits_for_their_end_when_the_deadline_is_later() -> None:
    due = shanghai(2026, 11, 28, 9, 0)  # before:2h would be 07:00
    assert planned(obligation("thank_you_letter", due))[1] == (
        "before:2h",
        shanghai(2026, 11, 28, 8, 0),
    )


def test_reminder_in_quiet_hours_comes_just_before_them_when_the_deadline_is_earlier() -> None:
    due = shanghai(2026, 11, 28, 1, 0)  # Saturday 01:00
    assert planned(obligation("thank_you_letter", due)) == [
        ("before:24h", shanghai(2026, 11, 27, 8, 0)),  # Friday 01:00 → Friday's quiet end
        ("before:2h", shanghai(2026, 11, 27, 21, 59)),  # Friday 23:00 → before quiet starts
        ("overdue", shanghai(2026, 11, 28, 8, 0)),  # overdue waits for the morning
    ]


def test_deadline_at_the_very_end_of_quiet_hours_counts_as_before_it() -> None:
    due = shanghai(2026, 11, 28, 8, 0)
    assert planned(obligation("thank_you_letter", due))[1] == (
        "before:2h",
        shanghai(2026, 11, 27, 21, 59),
    )


def test_quiet_hours_start_inclusive_end_exclusive() -> None:
    at_start = shanghai(2026, 11, 27, 22, 0)
    at_end = shanghai(2026, 11, 28, 8, 0)
    assert planned(obligation("plan_depart", at_start)) == [("at", shanghai(2026, 11, 27, 21, 59))]
    assert planned(obligation("plan_depart", at_end)) == [("at", at_end)]


def test_departure_before_dawn_is_said_the_evening_before() -> None:
    leave = shanghai(2026, 11, 28, 6, 25)
    assert planned(obligation("plan_depart", leave)) == [("at", shanghai(2026, 11, 27, 21, 59))]


def test_a_prompt_after_the_event_never_moves_before_it() -> None:
    end = shanghai(2026, 11, 27, 21, 50)  # log prompt at 22:05, in quiet hours
    assert planned(obligation("plan_log", end, opens_at=end)) == [
        ("after:15m", shanghai(2026, 11, 28, 8, 0))
    ]


def test_daytime_quiet_hours() -> None:
    lunch = quiet(time(12, 0), time(13, 0))
    later = shanghai(2026, 11, 28, 14, 30)  # before:2h at 12:30, deadline after 13:00
    sooner = shanghai(2026, 11, 28, 12, 45)  # at 12:45, deadline before 13:00
    assert planned(obligation("thank_you_letter", later), lunch)[1] == (
        "before:2h",
        shanghai(2026, 11, 28, 13, 0),
    )
    assert planned(obligation("plan_depart", sooner), lunch) == [
        ("at", shanghai(2026, 11, 28, 11, 59))
    ]
    night = shanghai(2026, 11, 28, 23, 0)
    assert planned(obligation("plan_depart", night), lunch) == [("at", night)]


def test_quiet_hours_of_the_users_choosing() -> None:
    owl = quiet(time(1, 0), time(10, 0))
    due = shanghai(2026, 11, 28, 11, 0)  # before:2h at 09:00
    assert planned(obligation("thank_you_letter", due), owl)[1] == (
        "before:2h",
        shanghai(2026, 11, 28, 10, 0),
    )


def test_no_quiet_hours_when_start_equals_end() -> None:
    never = quiet(time(0, 0), time(0, 0))
    leave = shanghai(2026, 11, 28, 3, 0)
    assert planned(obligation("plan_depart", leave), never) == [("at", leave)]


def test_day_before_reminder_inside_quiet_hours() -> None:
    siesta = quiet(time(15, 0), time(17, 0))
    start = shanghai(2026, 11, 30, 9, 0)
    assert planned(obligation("plan_confirm", start), siesta) == [
        ("day_before", shanghai(2026, 11, 29, 17, 0))
    ]


def test_quiet_window_spanning_midnight_is_found_from_both_sides() -> None:
    evening = quiet_window_at(shanghai(2026, 11, 27, 23, 0), DEFAULTS)
    morning = quiet_window_at(shanghai(2026, 11, 28, 7, 0), DEFAULTS)
    assert evening == morning
    assert evening is not None
    assert (evening.start, evening.end) == (
        shanghai(2026, 11, 27, 22, 0),
        shanghai(2026, 11, 28, 8, 0),
    )
    assert quiet_window_at(shanghai(2026, 11, 28, 8, 0), DEFAULTS) is None


def test_two_reminders_moved_to_the_same_minute_are_one(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "config" / "reminders.yaml").read_text(encoding="utf-8")
    path = tmp_path / "reminders.yaml"
    path.write_text(text.replace("before: [24h, 2h]", "before: [3h, 2h]"), encoding="utf-8")
    config = load_reminder_config(path)
    due = shanghai(2026, 11, 28, 1, 0)  # 22:00 and 23:00 both move to 21:59
    assert planned(obligation("thank_you_letter", due), config=config) == [
        ("before:2h", shanghai(2026, 11, 27, 21, 59)),
        ("overdue", shanghai(2026, 11, 28, 8, 0)),
    ]


# -- reminders that fell before the obligation existed ---------------------------------------


def test_a_visit_logged_late_skips_reminders_it_already_missed() -> None:
    due = shanghai(2026, 11, 28, 16, 30)  # the visit ended Thursday 16:30
    logged = shanghai(2026, 11, 27, 22, 30)  # 30 hours later: "24 h before" has passed
    assert planned(obligation("thank_you_letter", due, opens_at=logged)) == [
        ("before:2h", shanghai(2026, 11, 28, 14, 30)),
        ("overdue", due),
    ]


def test_a_visit_logged_after_its_letter_was_due_is_reminded_once_at_once() -> None:
    due = shanghai(2026, 11, 28, 16, 30)
    logged = shanghai(2026, 11, 28, 18, 0)
    assert planned(obligation("thank_you_letter", due, opens_at=logged)) == [("overdue", logged)]


def test_the_one_late_reminder_still_respects_quiet_hours() -> None:
    due = shanghai(2026, 11, 28, 16, 30)
    logged = shanghai(2026, 11, 28, 23, 0)
    assert planned(obligation("thank_you_letter", due, opens_at=logged)) == [
        ("overdue", shanghai(2026, 11, 29, 8, 0))
    ]


def test_a_departure_planned_in_the_night_for_the_morning_is_said_at_once() -> None:
    leave = shanghai(2026, 11, 28, 6, 25)
    planned_at = shanghai(2026, 11, 27, 23, 0)  # after "just before quiet hours" had passed
    assert planned(obligation("plan_depart", leave, opens_at=planned_at)) == [("at", planned_at)]


# -- the calendar: first working days and the year boundary ----------------------------------


def test_first_working_day_skips_holidays_and_counts_adjusted_workdays() -> None:
    calendar = WorkdayCalendar(None)
    assert first_working_day(date(2026, 10, 15), calendar) == date(2026, 10, 8)  # 国庆
    assert first_working_day(date(2026, 5, 15), calendar) == date(2026, 5, 6)  # 劳动节
    assert first_working_day(date(2026, 1, 15), calendar) == date(2026, 1, 4)  # 调休 Sunday


def test_january_2027_falls_back_to_monday_to_friday(caplog: pytest.LogCaptureFixture) -> None:
    due = shanghai(2027, 1, 31, 23, 59, 59)
    opened = shanghai(2027, 1, 1, 0, 0)
    # 1 January 2027 is a Friday; without the 2027 schedule it counts as a working day.
    assert planned(obligation("demand_forecast", due, opens_at=opened))[0] == (
        "first_workday",
        shanghai(2027, 1, 1, 9, 0),
    )
    assert "2027" in caplog.text


def test_january_2027_follows_the_holiday_file_once_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("2027:\n  holidays: [2027-01-01]\n", encoding="utf-8")
    due = shanghai(2027, 1, 31, 23, 59, 59)
    opened = shanghai(2027, 1, 1, 0, 0)
    ob = obligation("demand_forecast", due, opens_at=opened)
    assert planned(ob, calendar=WorkdayCalendar(path))[0] == (
        "first_workday",
        shanghai(2027, 1, 4, 9, 0),
    )


def test_written_reply_across_the_new_year_uses_the_fallback_calendar() -> None:
    calendar = WorkdayCalendar(None)
    received = shanghai(2026, 12, 31, 15, 0)  # Thursday
    # Working days: Friday 1 January (fallback: Monday–Friday), then Monday 4 January.
    due = calendar.add_working_days(received, 2)
    assert due == shanghai(2027, 1, 4, 23, 59, 59)
    assert planned(obligation("written_reply", due, opens_at=received), calendar=calendar) == [
        ("before:1d", shanghai(2027, 1, 4, 8, 0)),  # Sunday 23:59 is quiet; deadline is later
        ("before:2h", shanghai(2027, 1, 4, 21, 59, 59)),
        ("overdue", shanghai(2027, 1, 5, 8, 0)),
    ]


# -- the travel time, through the obligations ------------------------------------------------


@pytest.fixture
def world(knowledge: Knowledge) -> Iterator[World]:
    world = World(knowledge)
    yield world
    world.close()


def test_departure_reminder_follows_the_travel_time(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 9, 0))
    bid = world.bid(shanghai(2026, 12, 2, 9, 0))
    world.store.settings.update(OWNER_ID, travel_minutes=45)
    settings = world.settings()
    depart = world.obligation(f"plan_depart:plan:{plan.id}")
    arrive = world.obligation(f"bid_arrive:bid:{bid.id}")
    # 5 minutes early for a visit (1.2.1-05), 15 for a bid (1.2.4-02), plus 45 on the way.
    assert planned(depart, settings) == [("at", shanghai(2026, 11, 30, 8, 10))]
    assert planned(arrive, settings) == [("at", shanghai(2026, 12, 2, 8, 0))]
