"""parse_moment: moments as customer managers type them, read in Shanghai time.

NOW is Friday 2026-11-27 10:30 in Shanghai.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.timekeeping.clock import NOW, shanghai
from timekeeping.parsing import parse_moment
from timekeeping.results import ParsedMoment, TimeParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The examples, verbatim.
        ("刚才", shanghai(2026, 11, 27, 10, 30)),
        ("昨天下午3点", shanghai(2026, 11, 26, 15, 0)),
        ("11月28日 14:30", shanghai(2026, 11, 28, 14, 30)),  # this year: the caller rejects
        ("周五上午十点", shanghai(2026, 11, 27, 10, 0)),
        # Right now.
        ("刚刚", shanghai(2026, 11, 27, 10, 30)),
        ("现在", shanghai(2026, 11, 27, 10, 30)),
        # Relative days.
        ("今天 9:30", shanghai(2026, 11, 27, 9, 30)),
        ("今天上午9点半", shanghai(2026, 11, 27, 9, 30)),
        ("昨天下午3点半", shanghai(2026, 11, 26, 15, 30)),
        ("前天上午10点", shanghai(2026, 11, 25, 10, 0)),
        ("大前天 8:15", shanghai(2026, 11, 24, 8, 15)),
        ("明天上午10点", shanghai(2026, 11, 28, 10, 0)),
        ("后天14:00", shanghai(2026, 11, 29, 14, 0)),
        ("昨晚十点半", shanghai(2026, 11, 26, 22, 30)),
        ("今早8点", shanghai(2026, 11, 27, 8, 0)),
        ("两天前下午4点", shanghai(2026, 11, 25, 16, 0)),
        # Calendar dates.
        ("11月28号下午两点", shanghai(2026, 11, 28, 14, 0)),
        ("11-28 14:30", shanghai(2026, 11, 28, 14, 30)),
        ("11/28 14:30", shanghai(2026, 11, 28, 14, 30)),
        ("2026-11-28 14:30", shanghai(2026, 11, 28, 14, 30)),
        ("2026年11月28日14:30", shanghai(2026, 11, 28, 14, 30)),
        ("二〇二六年十一月二十日上午九点", shanghai(2026, 11, 20, 9, 0)),
        ("3月9日 10:00", shanghai(2026, 3, 9, 10, 0)),
        ("26号下午3点", shanghai(2026, 11, 26, 15, 0)),
        ("28号 10点", shanghai(2026, 10, 28, 10, 0)),  # the latest 28th not after now
        # Weekdays.
        ("星期五 10:00", shanghai(2026, 11, 27, 10, 0)),
        ("周五下午3点", shanghai(2026, 11, 20, 15, 0)),  # today's 15:00 is still to come
        ("周三 14:00", shanghai(2026, 11, 25, 14, 0)),
        ("上周五 10点", shanghai(2026, 11, 20, 10, 0)),
        ("上周五十点", shanghai(2026, 11, 20, 10, 0)),
        ("上个星期一十点", shanghai(2026, 11, 16, 10, 0)),
        ("下周一上午9点", shanghai(2026, 11, 30, 9, 0)),
        ("本周日晚上8点", shanghai(2026, 11, 29, 20, 0)),
        ("礼拜天 9:00", shanghai(2026, 11, 22, 9, 0)),
        # Clock times alone are today.
        ("10点", shanghai(2026, 11, 27, 10, 0)),
        ("下午3点", shanghai(2026, 11, 27, 15, 0)),
        ("中午12点", shanghai(2026, 11, 27, 12, 0)),
        ("中午1点", shanghai(2026, 11, 27, 13, 0)),
        ("晚上8点", shanghai(2026, 11, 27, 20, 0)),
        ("早上8点", shanghai(2026, 11, 27, 8, 0)),
        ("凌晨12点", shanghai(2026, 11, 27, 0, 0)),
        ("晚上12点", shanghai(2026, 11, 28, 0, 0)),  # midnight at the end of the day
        ("下午15点", shanghai(2026, 11, 27, 15, 0)),
        ("傍晚6点", shanghai(2026, 11, 27, 18, 0)),
        ("3点", shanghai(2026, 11, 27, 15, 0)),  # 1–6 o'clock alone: the working afternoon
        ("凌晨3点", shanghai(2026, 11, 27, 3, 0)),
        ("9点", shanghai(2026, 11, 27, 9, 0)),
        ("十二点", shanghai(2026, 11, 27, 12, 0)),
        ("两点一刻", shanghai(2026, 11, 27, 14, 15)),
        ("下午两点三刻", shanghai(2026, 11, 27, 14, 45)),
        ("九点零五", shanghai(2026, 11, 27, 9, 5)),
        ("9点05分", shanghai(2026, 11, 27, 9, 5)),
        ("10时30分", shanghai(2026, 11, 27, 10, 30)),
        ("8点整", shanghai(2026, 11, 27, 8, 0)),
        ("下午 3:30", shanghai(2026, 11, 27, 15, 30)),
        # Relative to now.
        ("半小时前", shanghai(2026, 11, 27, 10, 0)),
        ("两个小时以前", shanghai(2026, 11, 27, 8, 30)),
        # Typing variants: full-width digits and colon, spaces, hedges.
        ("今天　９：３０", shanghai(2026, 11, 27, 9, 30)),
        ("  昨天   下午3点 ", shanghai(2026, 11, 26, 15, 0)),
        ("昨天下午3点左右", shanghai(2026, 11, 26, 15, 0)),
        ("大概昨天下午3点", shanghai(2026, 11, 26, 15, 0)),
        ("昨天的下午3点。", shanghai(2026, 11, 26, 15, 0)),
    ],
)
def test_moment_in_the_past(text: str, expected: datetime) -> None:
    parsed = parse_moment(text, NOW, prefer="past")
    assert parsed == ParsedMoment(expected, has_time=True)
    assert parsed.instant.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天", shanghai(2026, 11, 27)),
        ("昨天", shanghai(2026, 11, 26)),
        ("周五", shanghai(2026, 11, 27)),  # today counts: its start is not after now
        ("周六", shanghai(2026, 11, 21)),
        ("11月20日", shanghai(2026, 11, 20)),
        ("2025-12-31", shanghai(2025, 12, 31)),
        ("3天前", shanghai(2026, 11, 24)),
        ("5号", shanghai(2026, 11, 5)),
        ("31号", shanghai(2026, 10, 31)),  # November has no 31st
        ("2月29日", shanghai(2024, 2, 29)),
        # A part of the day without a clock time: its start.
        ("昨天下午", shanghai(2026, 11, 26, 13, 0)),
        ("上午", shanghai(2026, 11, 27, 8, 0)),
        ("昨晚", shanghai(2026, 11, 26, 18, 0)),
        ("周六上午", shanghai(2026, 11, 21, 8, 0)),
        ("这周三下午", shanghai(2026, 11, 25, 13, 0)),
    ],
)
def test_day_without_clock_time_has_no_time(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW, prefer="past") == ParsedMoment(expected, has_time=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周五上午十点", shanghai(2026, 12, 4, 10, 0)),  # today's 10:00 has passed
        ("周五下午3点", shanghai(2026, 11, 27, 15, 0)),
        ("周一 9:00", shanghai(2026, 11, 30, 9, 0)),
        ("5号 10点", shanghai(2026, 12, 5, 10, 0)),
        ("28号 10点", shanghai(2026, 11, 28, 10, 0)),
        ("12月5日 9:00", shanghai(2026, 12, 5, 9, 0)),
        ("两小时后", shanghai(2026, 11, 27, 12, 30)),
        ("明天上午10点", shanghai(2026, 11, 28, 10, 0)),
    ],
)
def test_moment_in_the_future(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW, prefer="future") == ParsedMoment(expected, has_time=True)


def test_month_and_day_near_new_year_is_last_year_for_the_past() -> None:
    second_of_january = datetime(2027, 1, 2, 2, 0, tzinfo=UTC)
    parsed = parse_moment("12月30日 下午3点", second_of_january, prefer="past")
    assert parsed.instant == shanghai(2026, 12, 30, 15, 0)


def test_month_and_day_near_new_year_is_next_year_for_the_future() -> None:
    december = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
    parsed = parse_moment("1月5日 9:00", december, prefer="future")
    assert parsed.instant == shanghai(2027, 1, 5, 9, 0)


def test_month_and_day_months_ago_is_this_year_in_the_past() -> None:
    assert parse_moment("3月9日", NOW, prefer="past").instant == shanghai(2026, 3, 9)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("13月40日", "没有13月"),
        ("11月31日", "11月没有31日"),
        ("2026年2月29日", "2026年2月没有29日"),
        ("25点", "没有25点"),
        ("10点70分", "没有70分"),
        ("下午0点", "下午0点”说不通"),
        ("晚上3点", "晚上3点”说不通"),
        ("中午5点", "中午5点”说不通"),
        ("3000年1月1日", "3000年超出了"),
    ],
)
def test_impossible_dates_and_times_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(TimeParseError) as raised:
        parse_moment(text, NOW)
    assert problem in raised.value.message
    assert "可以这样写" in raised.value.message


@pytest.mark.parametrize("text", ["10", "下午3点半小时", "星期八", "今天 下班后", "昨天到今天"])
def test_text_that_is_not_a_moment_gets_examples(text: str) -> None:
    with pytest.raises(TimeParseError) as raised:
        parse_moment(text, NOW)
    assert raised.value.message.startswith("没看懂这个时间。可以这样写：")
    assert "昨天下午3点" in raised.value.message


def test_unreadable_text_is_marked_so_and_gets_the_callers_examples() -> None:
    with pytest.raises(TimeParseError) as unreadable:
        parse_moment("不记得了", NOW, examples="今天、昨天")
    with pytest.raises(TimeParseError) as impossible:
        parse_moment("2月30日", NOW, examples="今天、昨天")
    assert unreadable.value.unreadable
    assert unreadable.value.message == "没看懂这个时间。可以这样写：今天、昨天"
    assert not impossible.value.unreadable
    assert impossible.value.message.startswith("2月没有30日。")
