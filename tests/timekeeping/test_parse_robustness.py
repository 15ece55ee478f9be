"""Whatever is typed, the parsers answer with a value or a TimeParseError — never a traceback."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from tests.timekeeping.clock import NOW
from timekeeping.parsing import parse_due, parse_duration, parse_moment, parse_span
from timekeeping.results import TimeParseError
from timekeeping.workdays import WorkdayCalendar

CALENDAR = WorkdayCalendar(None)

PARSERS: dict[str, Callable[[str], Any]] = {
    "moment": lambda text: parse_moment(text, NOW),
    "moment_future": lambda text: parse_moment(text, NOW, prefer="future"),
    "span": lambda text: parse_span(text, NOW),
    "duration": parse_duration,
    "due": lambda text: parse_due(text, NOW, calendar=CALENDAR),
}

JUNK = [
    "",
    "   ",
    "\n\t",
    "x" * 5000,
    "昨天下午3点" * 1000,
    "😀",
    "昨天😀下午3点",
    "🕒 15:00 ⏰",
    "asdf",
    "null",
    "None",
    "'; DROP TABLE visits; --",
    "\x00\x01\x02",
    "٣:٣٠",
    "Ⅻ点",
    "½小时",
    "１２３４５６７８９０",
    "99999999999999999999点",
    "9999年9999月9999日",
    "9999天后",
    "十十十十十点",
    "零十一点",
    "::::",
    "----",
    "到到到",
    "下午下午3点",
    "今晚下午8点",
]

# Pieces of the grammar, shuffled into near-misses.
TOKENS = [
    "今天", "昨天", "明天", "前天", "后天", "上", "下", "这", "周", "星期", "一", "三", "五", "日",
    "天", "十", "两", "零", "〇", "九", "点", "时", "分", "分钟", "半", "刻", "整", "小时", "个",
    "月", "年", "号", "-", "到", ":", "1", "2", "0", "30", "12", "25", "9999", "上午", "下午",
    "晚上", "中午", "凌晨", "早", "晚", " ", "前", "后", "内", "之前", "工作日", "月底", "h",
    "min", "，", "刚才", "的", "左右", "😀", ".", "/",
]  # fmt: skip


@pytest.mark.parametrize("text", JUNK)
@pytest.mark.parametrize("parser", PARSERS)
def test_junk_is_a_parse_error_or_a_value(parser: str, text: str) -> None:
    try:
        PARSERS[parser](text)
    except TimeParseError as error:
        message = error.message
    else:
        return
    assert "可以这样写" in message or "比如" in message


@pytest.mark.parametrize("parser", PARSERS)
def test_empty_text_asks_for_a_time(parser: str) -> None:
    with pytest.raises(TimeParseError, match="请写上时间。可以这样写"):
        PARSERS[parser]("  ")


@pytest.mark.parametrize("parser", PARSERS)
def test_long_text_is_refused_with_examples(parser: str) -> None:
    with pytest.raises(TimeParseError, match="太长了"):
        PARSERS[parser]("昨天下午3点" * 1000)


def test_shuffled_grammar_pieces_never_raise_anything_else() -> None:
    rng = random.Random(20261127)
    for _ in range(3000):
        text = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6)))
        for parse in PARSERS.values():
            with contextlib.suppress(TimeParseError):
                parse(text)


def test_naive_now_is_a_programming_error() -> None:
    naive = datetime(2026, 11, 27, 10, 30)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="naive"):
        parse_moment("昨天下午3点", naive)
