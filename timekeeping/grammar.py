"""The grammar of dates, times and durations as typed on a phone: text in, syntax out.

Nothing here knows the calendar or the clock: `resolve` turns the syntax into instants. Each
component is one regular expression; a moment is `[day] [part of day] [clock time]`, tried
component by component so that each piece stays small and readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from timekeeping.numerals import CHINESE_DIGITS, DECIMAL, NUMBER, read_number, read_whole_number

# ---- syntax -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelativeDay:
    """今天 (0), 昨天 (-1), 后天 (2), 3天前 (-3)…"""

    offset: int


@dataclass(frozen=True)
class CalendarDay:
    """11月28日 (no year), 2026-11-28, or 28号 (neither month nor year)."""

    year: int | None
    month: int | None
    day: int


@dataclass(frozen=True)
class WeekdayRef:
    """周五 (weeks None: the nearest one), 上周五 (-1), 这周三 (0), 下周一 (1); Monday is 0."""

    weekday: int
    weeks: int | None


DateExpr = RelativeDay | CalendarDay | WeekdayRef


@dataclass(frozen=True)
class ClockFace:
    """The numbers as written: '下午3点' is ClockFace(3, 0) in the 下午 part of the day."""

    hour: int
    minute: int


@dataclass(frozen=True)
class TimeOfDay:
    """A part of the day (canonical name, see PART_NAMES) and/or a clock time."""

    part: str | None
    clock: ClockFace | None


@dataclass(frozen=True)
class RightNow:
    """刚才, 现在."""


@dataclass(frozen=True)
class FromNow:
    """半小时前 (negative), 2小时后 (positive)."""

    offset: timedelta


@dataclass(frozen=True)
class OnDay:
    """A day (None: today) with an optional part of the day and clock time."""

    day: DateExpr | None
    time: TimeOfDay


MomentExpr = RightNow | FromNow | OnDay


@dataclass(frozen=True)
class SpanExpr:
    """A start and an end: a clock time on the start's day, a duration, or none."""

    start: MomentExpr
    end: TimeOfDay | timedelta | None


# ---- words --------------------------------------------------------------------------------

NOW_WORDS = frozenset({"刚才", "刚刚", "现在", "此刻", "刚"})

# Canonical part of the day for every word people use for it.
PART_NAMES = {
    "凌晨": "凌晨",
    "早上": "早上",
    "早晨": "早上",
    "清晨": "早上",
    "早": "早上",
    "上午": "上午",
    "中午": "中午",
    "下午": "下午",
    "傍晚": "傍晚",
    "晚上": "晚上",
    "夜里": "晚上",
    "夜间": "晚上",
    "晚": "晚上",
}

_RELATIVE_DAYS = {
    "大前天": -3,
    "前天": -2,
    "昨天": -1,
    "昨日": -1,
    "昨儿": -1,
    "今天": 0,
    "今日": 0,
    "今儿": 0,
    "明天": 1,
    "明日": 1,
    "明儿": 1,
    "后天": 2,
    "大后天": 3,
}
_SHORT_DAYS = {"昨": -1, "今": 0, "明": 1}  # in 昨晚, 今早, 明早
_SHORT_PARTS = {"早": "早上", "晨": "早上", "晚": "晚上"}
_WEEKS = {"上上": -2, "上": -1, "这": 0, "本": 0, "下": 1, "下下": 2}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAYS.update({str(number): number - 1 for number in range(1, 8)})
_AGO = ("之前", "以前", "前")
_LATER = ("之后", "以后", "后")


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that 大前天 wins over 前天."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# ---- component patterns -------------------------------------------------------------------

_PART = rf"(?P<part>{_alternatives(PART_NAMES)})"

_RELATIVE_DAY = re.compile(rf"(?P<word>{_alternatives(_RELATIVE_DAYS)})")
_DAY_AND_PART = re.compile(r"(?P<day>[昨今明])(?P<part>[早晨晚])")
_DAYS_AWAY = re.compile(
    rf"(?P<count>{NUMBER})个?[天日](?P<direction>{_alternatives(_AGO + _LATER)})"
)
_CHINESE_DATE = re.compile(
    rf"(?:(?P<year>{NUMBER})年)?(?P<month>{NUMBER})月份?(?P<day>{NUMBER})[日号]?"
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})[日号]?")
_SHORT_DATE = re.compile(r"(?P<month>\d{1,2})[-/](?P<day>\d{1,2})[日号]?")
_DAY_OF_MONTH = re.compile(rf"(?P<day>{NUMBER})[日号]")
_WEEKDAY = re.compile(
    rf"(?P<week>{_alternatives(_WEEKS)})?个?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天1-7])"
)

_PART_ONLY = re.compile(_PART)
_COLON_TIME = re.compile(rf"{_PART}?\s?(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})")
_SPOKEN_TIME = re.compile(
    rf"{_PART}?\s?(?P<hour>{NUMBER})[点时]钟?"
    rf"(?:(?P<half>半)|(?P<quarters>[一1三3])刻|(?P<sharp>整)|(?P<minute>{NUMBER})分?)?"
)

_HOURS = r"(?:小时|钟头|hours|hour|hrs|hr|h)"
_DURATION = re.compile(
    rf"(?:(?P<days>{NUMBER})个?[天日])?\s?"
    rf"(?:(?P<hours>{DECIMAL})个?(?P<and_half>半)?个?{_HOURS}|(?P<half_hour>半)个?{_HOURS})?\s?"
    rf"(?:(?P<minutes>{NUMBER})(?:分钟|分|minutes|minute|mins|min|m)"
    rf"|(?P<quarters>[一1三3])刻钟)?"
)
_DURATION_LEAD = re.compile(r"(?:持续|共计|共|用时|用了|历时|大约|大概|约)")

# '下午3-4点' means 3点 to 4点: give the first hour its 点 so the span grammar sees two times.
_HOUR_RANGE = re.compile(
    rf"(?<![\d:{CHINESE_DIGITS}])(?P<first>\d{{1,2}}|[{CHINESE_DIGITS}]{{1,3}})"
    rf"(?P<joint>-|到|至)(?=(?:{NUMBER})[点时])"
)
_SPAN_JOINT = re.compile(r"-|到|至")
_SPAN_PAUSE = " ,、;"


# ---- days ---------------------------------------------------------------------------------

_DayMatch = tuple[DateExpr, str | None]  # the day and the part of day it implies (今晚)


def _relative_day(match: re.Match[str]) -> _DayMatch | None:
    return RelativeDay(_RELATIVE_DAYS[match["word"]]), None


def _day_and_part(match: re.Match[str]) -> _DayMatch | None:
    return RelativeDay(_SHORT_DAYS[match["day"]]), _SHORT_PARTS[match["part"]]


def _days_away(match: re.Match[str]) -> _DayMatch | None:
    count = read_whole_number(match["count"])
    if count is None:
        return None
    sign = -1 if match["direction"] in _AGO else 1
    return RelativeDay(sign * count), None


def _calendar_day(match: re.Match[str]) -> _DayMatch | None:
    numbers = {name: read_whole_number(text) for name, text in match.groupdict().items() if text}
    day = numbers.get("day")
    if day is None or None in numbers.values():
        return None
    return CalendarDay(numbers.get("year"), numbers.get("month"), day), None


def _weekday(match: re.Match[str]) -> _DayMatch | None:
    weeks = _WEEKS[match["week"]] if match["week"] else None
    return WeekdayRef(_WEEKDAYS[match["weekday"]], weeks), None


# Each pattern that matches the start is tried in turn until the rest reads as a time.
_DAY_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _DayMatch | None]], ...] = (
    (_RELATIVE_DAY, _relative_day),
    (_DAY_AND_PART, _day_and_part),
    (_DAYS_AWAY, _days_away),
    (_ISO_DATE, _calendar_day),
    (_CHINESE_DATE, _calendar_day),
    (_SHORT_DATE, _calendar_day),
    (_DAY_OF_MONTH, _calendar_day),
    (_WEEKDAY, _weekday),
)


def _day_prefixes(text: str) -> Iterator[tuple[DateExpr, str | None, str]]:
    """Every way the text can start with a day: the day, its implied part, the rest."""
    for pattern, build in _DAY_PATTERNS:
        match = pattern.match(text)
        found = build(match) if match is not None else None
        if match is not None and found is not None:
            yield *found, text[match.end() :].lstrip(" 的")


# ---- times of day -------------------------------------------------------------------------


def match_time_of_day(text: str) -> TimeOfDay | None:
    """'下午3点半', '9:30', '十点一刻', '中午' (part of day alone) — or None."""
    if match := _PART_ONLY.fullmatch(text):
        return TimeOfDay(PART_NAMES[match["part"]], None)
    if match := _COLON_TIME.fullmatch(text):
        clock = ClockFace(int(match["hour"]), int(match["minute"]))
    elif match := _SPOKEN_TIME.fullmatch(text):
        hour = read_whole_number(match["hour"])
        minute = _spoken_minute(match)
        if hour is None or minute is None:
            return None
        clock = ClockFace(hour, minute)
    else:
        return None
    part = PART_NAMES[match["part"]] if match["part"] else None
    return TimeOfDay(part, clock)


def _spoken_minute(match: re.Match[str]) -> int | None:
    if match["half"]:
        return 30
    if match["quarters"]:
        return 15 * (1 if match["quarters"] in "一1" else 3)
    if match["minute"]:
        return read_whole_number(match["minute"])
    return 0  # '3点', '3点整'


# ---- moments and spans --------------------------------------------------------------------


def match_moment(text: str) -> MomentExpr | None:
    """'刚才', '昨天下午3点', '11月28日 14:30', '周五上午十点', '半小时前' — or None."""
    if text in NOW_WORDS:
        return RightNow()
    for day, implied_part, rest in _day_prefixes(text):
        if not rest:
            return OnDay(day, TimeOfDay(implied_part, None))
        time = match_time_of_day(rest)
        if time is None or (implied_part and time.part):  # '今晚下午8点' says it twice
            continue
        return OnDay(day, TimeOfDay(time.part or implied_part, time.clock))
    if time := match_time_of_day(text):
        return OnDay(None, time)
    return _from_now(text)


def _from_now(text: str) -> FromNow | None:
    for suffix, sign in [(word, -1) for word in _AGO] + [(word, 1) for word in _LATER]:
        if text.endswith(suffix):
            duration = match_duration(text[: -len(suffix)].strip())
            return FromNow(sign * duration) if duration is not None else None
    return None


def match_span(text: str) -> SpanExpr | None:
    """A moment alone, 'start-end' / 'start到end', or 'start, duration' — or None."""
    moment = match_moment(text)
    if moment is not None:
        return SpanExpr(moment, None)
    text = _HOUR_RANGE.sub(r"\g<first>点\g<joint>", text)
    # The end is a clock time, so look from the right: '11-28 14:30-16:00' splits at the last.
    for joint in reversed(list(_SPAN_JOINT.finditer(text))):
        start = match_moment(text[: joint.start()].strip())
        end = match_time_of_day(text[joint.end() :].strip())
        if start is not None and end is not None and end.clock is not None:
            return SpanExpr(start, end)
    for cut in range(len(text) - 1, 0, -1):
        tail = text[cut:].strip()
        lead = _DURATION_LEAD.match(tail)
        duration = match_duration(tail[lead.end() :] if lead else tail)
        if duration is None:
            continue
        start = match_moment(text[:cut].strip(_SPAN_PAUSE))
        if start is not None:
            return SpanExpr(start, duration)
    return None


# ---- durations ----------------------------------------------------------------------------


def match_duration(text: str) -> timedelta | None:
    """'1小时', '一个半小时', '90分钟', '1h', '2天3小时' — rounded to whole minutes — or None."""
    match = _DURATION.fullmatch(text)
    if match is None or not any(match.groupdict().values()):
        return None
    minutes = 0.0
    if match["days"]:
        days = read_whole_number(match["days"])
        if days is None:
            return None
        minutes += days * 24 * 60
    if match["hours"]:
        hours = read_number(match["hours"])
        if hours is None:
            return None
        minutes += (hours + (0.5 if match["and_half"] else 0)) * 60
    if match["half_hour"]:
        minutes += 30
    if match["minutes"]:
        whole_minutes = read_whole_number(match["minutes"])
        if whole_minutes is None:
            return None
        minutes += whole_minutes
    if match["quarters"]:
        minutes += 15 * (1 if match["quarters"] in "一1" else 3)
    return timedelta(minutes=round(minutes))


# ---- a moment inside free text ------------------------------------------------------------

# Days a note names inside a sentence ("下周二带方案再上门", "12月20日前再约一次"): the day of the
# month alone ("3号") is left out, it is too often a building or a line.
_DAYS_IN_TEXT = tuple(
    (pattern, build) for pattern, build in _DAY_PATTERNS if pattern is not _DAY_OF_MONTH
)
_TIMES_IN_TEXT = (_COLON_TIME, _SPOKEN_TIME, _PART_ONLY)


def find_moment(text: str) -> tuple[OnDay, str] | None:
    """The first day named in the text, with a time of day right after it if there is one,
    and the words as written ("下周二上午"); None if the text names no day."""
    for start in range(len(text)):
        for pattern, build in _DAYS_IN_TEXT:
            match = pattern.match(text, start)
            found = build(match) if match is not None else None
            if match is None or found is None:
                continue
            day, implied_part = found
            end = match.end()
            time = TimeOfDay(implied_part, None)
            for time_pattern in _TIMES_IN_TEXT:
                timed = time_pattern.match(text, end)
                read = match_time_of_day(timed.group()) if timed else None
                if timed and read is not None and not (implied_part and read.part):
                    time = TimeOfDay(read.part or implied_part, read.clock)
                    end = timed.end()
                    break
            return OnDay(day, time), text[start:end]
    return None
