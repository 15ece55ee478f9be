"""Reads the dates, times and durations customer managers type into the chat.

Every function takes the text and an aware `now`, reads it as Shanghai wall time, and returns
aware UTC values; for text it does not understand it raises TimeParseError, whose `message`
is a short Chinese reply with examples. No other exception escapes for any text. The rules for
days that are left open (周五, 11月28日, 下午3点) are in `timekeeping.resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from functools import cache

from timekeeping.due import match_due_words
from timekeeping.grammar import match_duration, match_moment, match_span
from timekeeping.resolve import Prefer, resolve_moment, resolve_span, within_range
from timekeeping.results import (
    DUE_EXAMPLES,
    DURATION_EXAMPLES,
    MOMENT_EXAMPLES,
    SPAN_EXAMPLES,
    ParsedMoment,
    ParsedSpan,
    TimeParseError,
)
from timekeeping.workdays import WorkdayCalendar
from timekeeping.zone import to_local

# Longer than any date people type; keeps a pasted paragraph from reaching the grammar.
MAX_LENGTH = 60

_DASHES = re.compile(r"[~—–‐‑‒―−〜]")  # NFKC has already made ～ into ~
_HEDGES = re.compile(r"^(?:大概|大约|约莫|约)|(?:左右)$")
_DUE_LEAD = re.compile(r"^(?:最晚|最迟|截止到|截止|截至|不晚于|到|在)")
_BEFORE = re.compile(r"(?P<due>.+?)(?:之前|以前|前)")


def parse_moment(
    text: str, now: datetime, *, prefer: Prefer = "past", examples: str = MOMENT_EXAMPLES
) -> ParsedMoment:
    """'刚才', '昨天下午3点', '11月28日 14:30', '周五上午十点', '半小时前' → an instant.

    `prefer` decides which 周五 or 28号 is meant when the text leaves it open: the latest one
    not after `now` ("past", for things that happened) or the first not before it ("future").
    `examples` are what the messages for unreadable text suggest (a date, a time of day …).
    """
    _require_aware(now)
    expr = match_moment(_normalised(text, examples))
    if expr is None:
        raise TimeParseError(f"没看懂这个时间。可以这样写：{examples}", unreadable=True)
    return resolve_moment(expr, now, prefer, "start")


def parse_span(text: str, now: datetime, *, prefer: Prefer = "past") -> ParsedSpan:
    """'今天 9:30-10:30', '昨天下午3点到4点半', '上午10点 两小时', or a moment (end None).

    The end is a clock time on the start's day (or a duration after the start) and must be
    after the start. An end without a part of the day takes the start's (下午3点到4点半 ends at
    16:30); if it then falls before the start and is 1–6 o'clock, it is read as afternoon
    (11点到1点, 9:30-1:30); any other end before the start is an error.
    """
    _require_aware(now)
    expr = match_span(_normalised(text, SPAN_EXAMPLES))
    if expr is None:
        raise TimeParseError(f"没看懂这个时间段。可以这样写：{SPAN_EXAMPLES}", unreadable=True)
    return resolve_span(expr, now, prefer)


def parse_duration(text: str) -> timedelta:
    """'1小时', '一个半小时', '半小时', '90分钟', '1.5小时', '45分', '1h', '30min' → timedelta.

    Rounded to whole minutes; it must come to at least one minute.
    """
    duration = match_duration(_normalised(text, DURATION_EXAMPLES))
    if duration is None:
        raise TimeParseError(f"没看懂这个时长。可以这样写：{DURATION_EXAMPLES}", unreadable=True)
    if duration <= timedelta(0):
        raise TimeParseError(f"时长要大于0。可以这样写：{DURATION_EXAMPLES}")
    return duration


def parse_due(
    text: str, now: datetime, *, calendar: WorkdayCalendar | None = None
) -> ParsedMoment:
    """The deadline of a promise: '明天', '3天内', '2个工作日内', '下周一', '周五前', '月底'…

    Anything parse_moment(prefer="future") reads is accepted too. Without a clock time the
    deadline is the end of that day (23:59:59 Shanghai), or of the part of the day named (明天
    上午: 12:00), with has_time False so the caller can say so. 'X前' / 'X之前' means by X,
    inclusive ('周五前' is the end of Friday), as it does in work talk. '月初' is not accepted.
    A date in the past is returned as such; the caller decides whether that is an error.
    `calendar` counts 工作日 (the default reads config/holidays.yaml once).
    """
    _require_aware(now)
    normalised = _DUE_LEAD.sub("", _normalised(text, DUE_EXAMPLES)).strip()
    before = _BEFORE.fullmatch(normalised)
    # '周五前' is a deadline; '3天前' would be a past day, so no "ago" reading after a cut.
    due = _due(before["due"].strip() if before else normalised, now, calendar)
    if due is None:
        raise TimeParseError(f"没看懂这个期限。可以这样写：{DUE_EXAMPLES}", unreadable=True)
    return ParsedMoment(within_range(due.instant), due.has_time)


def _due(text: str, now: datetime, calendar: WorkdayCalendar | None) -> ParsedMoment | None:
    due = match_due_words(text, now, calendar or _default_calendar())
    if due is not None:
        return due
    expr = match_moment(text)
    return resolve_moment(expr, now, "future", "end") if expr is not None else None


@cache
def _default_calendar() -> WorkdayCalendar:
    return WorkdayCalendar()


def _normalised(text: str, examples: str) -> str:
    """One way of writing: half-width digits and colons, one kind of dash, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DASHES.sub("-", text)
    text = " ".join(text.split()).strip(" 。.,!?")
    if len(text) > MAX_LENGTH:
        raise TimeParseError(f"太长了，只写时间就好。可以这样写：{examples}")
    text = _HEDGES.sub("", text).strip()
    if not text:
        raise TimeParseError(f"请写上时间。可以这样写：{examples}", unreadable=True)
    return text


def _require_aware(now: datetime) -> None:
    to_local(now)  # raises ValueError for a naive `now`: a programming error, not user input
