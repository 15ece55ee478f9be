"""parse_duration: how long something took, as typed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from timekeeping.parsing import parse_duration
from timekeeping.results import TimeParseError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1小时", 60),
        ("一个半小时", 90),
        ("半小时", 30),
        ("半个小时", 30),
        ("90分钟", 90),
        ("1.5小时", 90),
        ("一点五小时", 90),
        ("两个小时", 120),
        ("两小时", 120),
        ("45分", 45),
        ("1h", 60),
        ("1H", 60),
        ("30min", 30),
        ("1h30m", 90),
        ("1小时30分钟", 90),
        ("1个小时 20分钟", 80),
        ("一刻钟", 15),
        ("三个钟头", 180),
        ("2天3小时", 2 * 24 * 60 + 180),
        ("0.33小时", 20),  # rounded to whole minutes
        ("约1小时", 60),
    ],
)
def test_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["0分钟", "0小时", "0.001小时"])
def test_duration_must_be_at_least_a_minute(text: str) -> None:
    with pytest.raises(TimeParseError, match="时长要大于0"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["小时", "一会儿", "1", "1.5", "3点", "很久", "-1小时"])
def test_text_that_is_not_a_duration_gets_examples(text: str) -> None:
    with pytest.raises(TimeParseError) as raised:
        parse_duration(text)
    assert raised.value.message == "没看懂这个时长。可以这样写：1小时、一个半小时、45分钟"
