"""parse_span: when a visit started and ended. NOW is Friday 2026-11-27 10:30 in Shanghai."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.timekeeping.clock import NOW, shanghai
from timekeeping.parsing import parse_span
from timekeeping.results import ParsedSpan, TimeParseError


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # The example, verbatim.
        ("今天 9:30-10:30", shanghai(2026, 11, 27, 9, 30), shanghai(2026, 11, 27, 10, 30)),
        ("今天9:30到10:30", shanghai(2026, 11, 27, 9, 30), shanghai(2026, 11, 27, 10, 30)),
        ("今天 9:30～10:30", shanghai(2026, 11, 27, 9, 30), shanghai(2026, 11, 27, 10, 30)),
        ("今天 9:30 — 10:30", shanghai(2026, 11, 27, 9, 30), shanghai(2026, 11, 27, 10, 30)),
        ("昨天下午3点到4点半", shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 16, 30)),
        ("昨天上午10点至下午2点", shanghai(2026, 11, 26, 10, 0), shanghai(2026, 11, 26, 14, 0)),
        ("上午11点到1点", shanghai(2026, 11, 27, 11, 0), shanghai(2026, 11, 27, 13, 0)),
        ("下午3-4点", shanghai(2026, 11, 27, 15, 0), shanghai(2026, 11, 27, 16, 0)),
        ("前天下午三到四点", shanghai(2026, 11, 25, 15, 0), shanghai(2026, 11, 25, 16, 0)),
        ("14:00-15:30", shanghai(2026, 11, 27, 14, 0), shanghai(2026, 11, 27, 15, 30)),
        ("11月28日 14:30-16:00", shanghai(2026, 11, 28, 14, 30), shanghai(2026, 11, 28, 16, 0)),
        ("11-28 14:30-16:00", shanghai(2026, 11, 28, 14, 30), shanghai(2026, 11, 28, 16, 0)),
        ("2026-11-20 9:00-11:00", shanghai(2026, 11, 20, 9, 0), shanghai(2026, 11, 20, 11, 0)),
        ("周三晚上8点到12点", shanghai(2026, 11, 25, 20, 0), shanghai(2026, 11, 26, 0, 0)),
        # A start and a duration.
        ("昨天下午3点，1个小时", shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 16, 0)),
        ("上午10点 两小时", shanghai(2026, 11, 27, 10, 0), shanghai(2026, 11, 27, 12, 0)),
        ("周三 9:00 一个半小时", shanghai(2026, 11, 25, 9, 0), shanghai(2026, 11, 25, 10, 30)),
        ("昨天下午3点，共45分钟", shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 15, 45)),
    ],
)
def test_span_with_an_end(text: str, start: datetime, end: datetime) -> None:
    assert parse_span(text, NOW) == ParsedSpan(start, end)


def test_span_can_be_just_a_moment() -> None:
    expected = ParsedSpan(shanghai(2026, 11, 26, 15, 0), None)
    assert parse_span("昨天下午3点", NOW) == expected


def test_span_of_a_day_alone_has_no_time() -> None:
    expected = ParsedSpan(shanghai(2026, 11, 26), None, has_time=False)
    assert parse_span("昨天", NOW) == expected


def test_span_weekday_follows_prefer() -> None:
    span = parse_span("周五下午3点到4点", NOW, prefer="future")
    assert span == ParsedSpan(shanghai(2026, 11, 27, 15, 0), shanghai(2026, 11, 27, 16, 0))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("今天 10:30-9:00", "结束时间要晚于开始时间"),
        ("下午4点到下午3点", "结束时间要晚于开始时间"),
        ("今天10点到10点", "结束时间要晚于开始时间"),
        ("昨天到今天", "没看懂这个时间段"),
        ("昨天 1小时", "请写上从几点开始"),
        ("下午3点到25点", "没有25点"),
        ("上午10点 0分钟", "时长要大于0"),
    ],
)
def test_span_problems_are_explained(text: str, problem: str) -> None:
    with pytest.raises(TimeParseError) as raised:
        parse_span(text, NOW)
    assert problem in raised.value.message
    assert "可以这样写" in raised.value.message
