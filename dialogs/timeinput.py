"""Time answers of dialog steps: typed Chinese or a button in, an instant or an error out."""

from __future__ import annotations

from datetime import datetime, timedelta

from timekeeping import parsing
from timekeeping.resolve import Prefer
from timekeeping.workdays import WorkdayCalendar
from timekeeping.zone import end_of_local_day, format_local, local_date, to_local

# Due-date buttons offered for a request or commitment (value → label).
DUE_SUGGESTIONS = {"d1": "明天", "d3": "3天后", "d7": "一周后"}
_DUE_DAYS = {"d1": 1, "d3": 3, "d7": 7}


def read_moment(text: str, now: datetime, *, prefer: Prefer = "past") -> datetime | str:
    """One instant, or the error message to show."""
    try:
        return parsing.parse_moment(text, now, prefer=prefer).instant
    except parsing.TimeParseError as error:
        return error.message


def read_span(
    text: str, now: datetime, *, prefer: Prefer = "past"
) -> tuple[datetime, datetime | None] | str:
    """A start with an optional end ("昨天下午3点到4点半"), or the error message to show."""
    try:
        span = parsing.parse_span(text, now, prefer=prefer)
    except parsing.TimeParseError as error:
        return error.message
    return span.start, span.end


def read_length(text: str) -> timedelta | str:
    """How long something took ("1小时", "45分钟"), or the error message to show."""
    try:
        return parsing.parse_duration(text)
    except parsing.TimeParseError as error:
        return error.message


def read_end(text: str, start: datetime, now: datetime) -> datetime | str:
    """The end of something that began at `start`: a duration ("1小时") or a clock time."""
    try:
        return start + parsing.parse_duration(text)
    except parsing.TimeParseError as error:
        if not error.unreadable:  # a duration, but a wrong one ("0分钟")
            return error.message
    try:
        # "到4点半", "16:30": a time on the start's day.
        span = parsing.parse_span(
            f"{_day_words(start)} {_clock_part(start)}-{text.lstrip('到至')}", now
        )
    except parsing.TimeParseError as error:
        if not error.unreadable:  # read as a clock time, but a wrong one: say what is wrong
            return error.message
        return (
            "没看懂结束时间。可以写时长，例如：1小时、90分钟；或写几点结束，例如：4点半、16:30。"
        )
    if span.end is None:
        return "没看懂结束时间。可以写时长，例如：1小时；或写几点结束，例如：16:30。"
    return span.end


def read_due(text: str, now: datetime, calendar: WorkdayCalendar) -> datetime | str:
    """A due date for a promise: a day without a time means the end of that day."""
    try:
        return parsing.parse_due(text, now, calendar=calendar).instant
    except parsing.TimeParseError as error:
        return error.message


def suggested_due(value: str, now: datetime) -> datetime | None:
    days = _DUE_DAYS.get(value)
    if days is None:
        return None
    return end_of_local_day(local_date(now) + timedelta(days=days))


def span_text(start: str, end: str | None, *, now: datetime | None = None) -> str:
    """'11月26日（周四）15:00–16:30' from ISO instants; the end's day only if it differs."""
    started = datetime.fromisoformat(start)
    shown = format_local(started, now=now)
    if end is None:
        return shown
    ended = datetime.fromisoformat(end)
    if local_date(ended) == local_date(started):
        return f"{shown}–{to_local(ended):%H:%M}"
    return f"{shown} – {format_local(ended, now=now)}"


def _day_words(start: datetime) -> str:
    local = to_local(start)
    return f"{local.year}年{local.month}月{local.day}日"


def _clock_part(start: datetime) -> str:
    return f"{to_local(start):%H:%M}"
