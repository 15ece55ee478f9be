"""China's working days: official holidays and 调休, deadlines, and the fallback for new years."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.timekeeping.clock import shanghai
from timekeeping.holiday_file import read_fallback_file
from timekeeping.workdays import DEFAULT_HOLIDAYS_FILE, WorkdayCalendar

FAR_YEAR = 2099  # no chinesecalendar release will cover it soon


@pytest.fixture
def calendar() -> WorkdayCalendar:
    return WorkdayCalendar(None)


def write_holidays(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_official_calendar_covers_2026_but_not_2027(calendar: WorkdayCalendar) -> None:
    # chinesecalendar 1.11.0 (requirements.txt). After an upgrade that adds 2027, move the
    # uncovered-year tests below to the next uncovered year.
    assert calendar.covers(2026)
    assert not calendar.covers(2027)


def test_national_day_week_is_off(calendar: WorkdayCalendar) -> None:
    assert not any(calendar.is_workday(date(2026, 10, day)) for day in range(1, 8))
    assert calendar.is_workday(date(2026, 10, 8))


def test_adjusted_saturday_counts_as_workday(calendar: WorkdayCalendar) -> None:
    assert date(2026, 10, 10).weekday() == 5
    assert calendar.is_workday(date(2026, 10, 10))
    # A letter on Friday 9 October, reply within 1 working day: the 调休 Saturday is that day.
    due = calendar.add_working_days(shanghai(2026, 10, 9, 15, 0), 1)
    assert due == shanghai(2026, 10, 10, 23, 59, 59)


def test_adjusted_sunday_before_national_day_counts_as_workday(calendar: WorkdayCalendar) -> None:
    assert date(2026, 9, 20).weekday() == 6
    assert calendar.is_workday(date(2026, 9, 20))


def test_reply_due_skips_national_day_holiday(calendar: WorkdayCalendar) -> None:
    # Arrives Wednesday 30 September; 1–7 October are off, so the 2nd working day is the 9th.
    due = calendar.add_working_days(shanghai(2026, 9, 30, 11, 0), 2)
    assert due == shanghai(2026, 10, 9, 23, 59, 59)


def test_reply_due_skips_mid_autumn_festival(calendar: WorkdayCalendar) -> None:
    # Friday 25 September 2026 is 中秋节; with the weekend, work resumes on the 28th.
    assert not calendar.is_workday(date(2026, 9, 25))
    due = calendar.add_working_days(shanghai(2026, 9, 24, 16, 0), 2)
    assert due == shanghai(2026, 9, 29, 23, 59, 59)


def test_letter_arriving_on_a_holiday_counts_from_the_next_working_day(
    calendar: WorkdayCalendar,
) -> None:
    due = calendar.add_working_days(shanghai(2026, 9, 25, 10, 0), 2)
    assert due == shanghai(2026, 9, 29, 23, 59, 59)


def test_day_of_arrival_never_counts_whatever_the_hour(calendar: WorkdayCalendar) -> None:
    early = calendar.add_working_days(shanghai(2026, 11, 23, 0, 1), 1)
    late = calendar.add_working_days(shanghai(2026, 11, 23, 23, 59), 1)
    assert early == late == shanghai(2026, 11, 24, 23, 59, 59)


def test_arrival_is_counted_on_the_shanghai_day(calendar: WorkdayCalendar) -> None:
    sunday_evening_utc = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # Monday 00:30 locally
    due = calendar.add_working_days(sunday_evening_utc, 1)
    assert due == shanghai(2026, 11, 24, 23, 59, 59)


def test_deadline_is_returned_in_utc(calendar: WorkdayCalendar) -> None:
    due = calendar.add_working_days(shanghai(2026, 11, 23, 9, 0), 1)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 11, 24, 15, 59, 59, tzinfo=UTC)


def test_zero_working_days_is_the_end_of_the_day_of_arrival(calendar: WorkdayCalendar) -> None:
    due = calendar.add_working_days(shanghai(2026, 10, 3, 9, 0), 0)
    assert due == shanghai(2026, 10, 3, 23, 59, 59)


def test_negative_working_days_are_rejected(calendar: WorkdayCalendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        calendar.add_working_days(shanghai(2026, 11, 23, 9, 0), -1)


def test_reply_due_runs_from_2026_into_uncovered_2027(
    calendar: WorkdayCalendar, caplog: pytest.LogCaptureFixture
) -> None:
    # Thursday 31 December is worked (official 2026 data); 2027 falls back to Monday–Friday,
    # so Friday 1 January counts although it will surely be 元旦 once the schedule is out.
    with caplog.at_level(logging.WARNING, logger="timekeeping.workdays"):
        due = calendar.add_working_days(shanghai(2026, 12, 30, 10, 0), 3)
    assert due == shanghai(2027, 1, 4, 23, 59, 59)
    assert "2027" in caplog.text


def test_uncovered_year_falls_back_to_weekdays_and_file(tmp_path: Path) -> None:
    path = write_holidays(
        tmp_path,
        f"""
{FAR_YEAR}:
  holidays:
    - {FAR_YEAR}-01-01
  workdays:
    - {FAR_YEAR}-01-03
""",
    )
    calendar = WorkdayCalendar(path)
    assert not calendar.is_workday(date(FAR_YEAR, 1, 1))  # Thursday, listed holiday
    assert calendar.is_workday(date(FAR_YEAR, 1, 2))  # Friday
    assert calendar.is_workday(date(FAR_YEAR, 1, 3))  # Saturday, listed workday
    assert not calendar.is_workday(date(FAR_YEAR, 1, 4))  # Sunday
    assert calendar.is_workday(date(FAR_YEAR, 1, 5))  # Monday


def test_uncovered_year_without_file_entry_is_monday_to_friday(
    calendar: WorkdayCalendar,
) -> None:
    week = [calendar.is_workday(date(FAR_YEAR, 3, day)) for day in range(2, 9)]  # Mon–Sun
    assert week == [True, True, True, True, True, False, False]


def test_uncovered_year_warns_once(
    calendar: WorkdayCalendar, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="timekeeping.workdays"):
        for day in range(1, 20):
            calendar.is_workday(date(FAR_YEAR, 5, day))
        calendar.add_working_days(shanghai(FAR_YEAR, 6, 1, 9, 0), 10)
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str(FAR_YEAR) in warnings[0].getMessage()
    assert "Monday–Friday only" in warnings[0].getMessage()


def test_covered_year_does_not_warn(
    calendar: WorkdayCalendar, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="timekeeping.workdays"):
        calendar.add_working_days(shanghai(2026, 9, 30, 11, 0), 5)
    assert not caplog.records


def test_warning_says_which_fallback_is_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_holidays(tmp_path, f"{FAR_YEAR}:\n  holidays: [{FAR_YEAR}-01-01]\n")
    with caplog.at_level(logging.WARNING, logger="timekeeping.workdays"):
        WorkdayCalendar(path).is_workday(date(FAR_YEAR, 1, 1))
        WorkdayCalendar(tmp_path / "missing.yaml").is_workday(date(FAR_YEAR, 1, 1))
    with_entry, missing = (record.getMessage() for record in caplog.records)
    assert "1 holidays and 0 adjusted workdays" in with_entry
    assert str(path) in with_entry
    assert "does not exist" in missing


def test_official_data_wins_over_the_file(tmp_path: Path) -> None:
    path = write_holidays(tmp_path, "2026:\n  holidays: [2026-11-27]\n")
    assert WorkdayCalendar(path).is_workday(date(2026, 11, 27))


def test_missing_file_is_not_an_error(tmp_path: Path) -> None:
    calendar = WorkdayCalendar(tmp_path / "missing.yaml")
    assert calendar.is_workday(date(FAR_YEAR, 3, 2))


def test_shipped_holiday_file_is_valid_and_invents_no_dates() -> None:
    assert DEFAULT_HOLIDAYS_FILE.exists()
    assert read_fallback_file(DEFAULT_HOLIDAYS_FILE) == {}
    WorkdayCalendar()


@pytest.mark.parametrize(
    ("text", "entry", "problem"),
    [
        (f"{FAR_YEAR}:\n  workdays: [{FAR_YEAR}-01-05]\n", f"{FAR_YEAR}.workdays[0]", "weekday"),
        (f"{FAR_YEAR}:\n  holidays: [2098-12-31]\n", f"{FAR_YEAR}.holidays[0]", "not in"),
        (f"{FAR_YEAR}:\n  holidays: [01-05]\n", f"{FAR_YEAR}.holidays[0]", "not a date"),
        (f"{FAR_YEAR}:\n  holidays: ['{FAR_YEAR}-13-01']\n", f"{FAR_YEAR}.holidays[0]", "not a"),
        (f"{FAR_YEAR}:\n  holiday: [{FAR_YEAR}-01-01]\n", f"{FAR_YEAR}", "unknown key"),
        (f"{FAR_YEAR}:\n  holidays: {FAR_YEAR}-01-01\n", f"{FAR_YEAR}.holidays", "list"),
        (f"{FAR_YEAR}: [{FAR_YEAR}-01-01]\n", f"{FAR_YEAR}", "holidays"),
        ("next year:\n  holidays: []\n", "'next year'", "must be a year"),
        ("- 2099-01-01\n", "", "mapping of years"),
        (f"{FAR_YEAR}:\n  holidays: [{FAR_YEAR}-01-01\n", "", "cannot read"),
        (
            f"{FAR_YEAR}:\n  holidays: [{FAR_YEAR}-01-03]\n  workdays: [{FAR_YEAR}-01-03]\n",
            f"{FAR_YEAR}",
            "both holiday and workday",
        ),
    ],
)
def test_invalid_holiday_file_names_file_and_entry(
    tmp_path: Path, text: str, entry: str, problem: str
) -> None:
    path = write_holidays(tmp_path, text)
    with pytest.raises(ValueError, match=r"holidays\.yaml") as raised:
        WorkdayCalendar(path)
    message = str(raised.value)
    assert str(path) in message
    assert entry in message
    assert problem in message
