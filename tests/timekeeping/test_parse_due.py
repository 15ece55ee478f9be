"""parse_due: when a promise is due. NOW is Friday 2026-11-27 10:30 in Shanghai."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.timekeeping.clock import NOW, shanghai
from timekeeping.parsing import parse_due
from timekeeping.results import DUE_EXAMPLES, ParsedMoment, TimeParseError
from timekeeping.workdays import WorkdayCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkdayCalendar:
    return WorkdayCalendar(None)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("今天", (2026, 11, 27)),
        ("明天", (2026, 11, 28)),
        ("后天", (2026, 11, 29)),
        ("3天后", (2026, 11, 30)),
        ("三天内", (2026, 11, 30)),  # today does not count: the end of the 3rd day after it
        ("3日之内", (2026, 11, 30)),
        ("两周内", (2026, 12, 11)),
        ("一个星期后", (2026, 12, 4)),
        ("下周一", (2026, 11, 30)),
        ("周一", (2026, 11, 30)),
        ("周五", (2026, 11, 27)),  # today: its end is still to come
        ("周五前", (2026, 11, 27)),
        ("周五之前", (2026, 11, 27)),
        ("下周五以前", (2026, 12, 4)),
        ("最晚下周三", (2026, 12, 2)),
        ("截止12月5日", (2026, 12, 5)),
        ("月底", (2026, 11, 30)),
        ("本月底", (2026, 11, 30)),
        ("下个月底", (2026, 12, 31)),
        ("下月末", (2026, 12, 31)),
        ("年底", (2026, 12, 31)),
        ("12月5日", (2026, 12, 5)),
        ("12-05", (2026, 12, 5)),
        ("1月5日", (2027, 1, 5)),
        ("5号", (2026, 12, 5)),
        ("2个工作日内", (2026, 12, 1)),  # the weekend does not count
        ("3个工作日", (2026, 12, 2)),
    ],
)
def test_due_day_ends_at_midnight(
    text: str, day: tuple[int, int, int], calendar: WorkdayCalendar
) -> None:
    expected = ParsedMoment(shanghai(*day, 23, 59, 59), has_time=False)
    assert parse_due(text, NOW, calendar=calendar) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明天上午10点", shanghai(2026, 11, 28, 10, 0)),
        ("下午3点前", shanghai(2026, 11, 27, 15, 0)),
        ("周一 9:00", shanghai(2026, 11, 30, 9, 0)),
        ("2小时内", shanghai(2026, 11, 27, 12, 30)),
        ("半小时后", shanghai(2026, 11, 27, 11, 0)),
        ("12月5日 17:00", shanghai(2026, 12, 5, 17, 0)),
    ],
)
def test_due_with_a_clock_time(text: str, expected: datetime, calendar: WorkdayCalendar) -> None:
    assert parse_due(text, NOW, calendar=calendar) == ParsedMoment(expected, has_time=True)


def test_due_part_of_day_ends_with_that_part(calendar: WorkdayCalendar) -> None:
    expected = ParsedMoment(shanghai(2026, 11, 28, 12, 0), has_time=False)
    assert parse_due("明天上午", NOW, calendar=calendar) == expected


def test_working_days_skip_national_day(calendar: WorkdayCalendar) -> None:
    before_national_day = shanghai(2026, 9, 30, 11, 0)
    due = parse_due("2个工作日内", before_national_day, calendar=calendar)
    assert due == ParsedMoment(shanghai(2026, 10, 9, 23, 59, 59), has_time=False)


def test_working_days_use_the_shipped_holiday_file_by_default() -> None:
    due = parse_due("1个工作日内", NOW)
    assert due == ParsedMoment(shanghai(2026, 11, 30, 23, 59, 59), has_time=False)


def test_past_due_date_is_returned_for_the_caller_to_judge(calendar: WorkdayCalendar) -> None:
    assert parse_due("昨天", NOW, calendar=calendar).instant < NOW


@pytest.mark.parametrize("text", ["3天前", "半小时前", "下个月初", "月初", "尽快", "过几天"])
def test_vague_or_past_due_dates_get_examples(text: str, calendar: WorkdayCalendar) -> None:
    with pytest.raises(TimeParseError) as raised:
        parse_due(text, NOW, calendar=calendar)
    assert raised.value.message == f"没看懂这个期限。可以这样写：{DUE_EXAMPLES}"


def test_too_many_working_days_are_refused(calendar: WorkdayCalendar) -> None:
    with pytest.raises(TimeParseError, match="期限太远了"):
        parse_due("400个工作日内", NOW, calendar=calendar)


def test_due_beyond_the_recordable_years_is_refused(calendar: WorkdayCalendar) -> None:
    with pytest.raises(TimeParseError, match="超出了能记录的范围"):
        parse_due("9999周内", NOW, calendar=calendar)
