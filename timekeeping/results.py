"""What the parsers return: a moment, a span, or a TimeParseError with a Chinese message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MOMENT_EXAMPLES = "刚才、昨天下午3点、今天 9:30、11月28日 14:30、周五上午十点"
SPAN_EXAMPLES = "今天 9:30-10:30、昨天下午3点到4点半、上午10点 两小时"
DURATION_EXAMPLES = "1小时、一个半小时、45分钟"
DUE_EXAMPLES = "明天、3天内、下周一、周五前、12月5日"


class TimeParseError(ValueError):
    """The text is not a time we understand; `message` is the reply for the user.

    Each kind of mistake has one message ("2月没有30日", "结束时间要晚于开始时间"), the same in
    every dialog. `unreadable` marks text the grammar could not read at all ("没看懂…"), where
    a caller reading something else first (a duration, then a clock time) may say more.
    """

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.unreadable = unreadable


@dataclass(frozen=True)
class ParsedMoment:
    """An instant (aware, UTC); has_time False when the user named a day but no clock time."""

    instant: datetime
    has_time: bool


@dataclass(frozen=True)
class ParsedSpan:
    """A start (aware, UTC) and, if one was given, an end after it on the same day."""

    start: datetime
    end: datetime | None
    has_time: bool = True  # False only for a bare day ('昨天'), which never has an end
