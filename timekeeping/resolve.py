"""Turns parsed syntax into instants: which day '周五' is, what '下午3点' is on the clock.

The rules, relative to `now` in Shanghai:

- A weekday without 上/这/下 (周五) and a day of month without a month (28号) mean the nearest
  such day in the preferred direction whose resulting instant is not after `now` (past) or
  not before it (future). So at Friday 10:30, '周五上午十点' is today and '周五下午3点' (past)
  is last Friday; '周五' as a due date is today, its end not having passed.
- 上周/这周/下周 count weeks from Monday, as Chinese calendars do.
- A month and day without a year (11月28日) mean this year's, unless that is more than a month
  on the wrong side of today: then the latest earlier one (past) or the first later one
  (future). On 2 January '12月30日' is three days ago, and in December '1月5日' as a due
  date is next January. A day slightly on the wrong side stays where it is: with prefer
  "past", '11月28日' on 27 November is tomorrow, and the caller rejects it where the past is
  required (a visit cannot have happened tomorrow) rather than filing it a year back.
- A clock time without a day (10点, 下午3点) is today, whatever `prefer` says.
- Parts of the day: 凌晨/早上/上午 keep the hour (凌晨12点 is 0:00); 中午 1–2点 is 13–14:00;
  下午 adds 12 to 1–11 and 傍晚 to 4–8, an hour already past noon is kept (下午15点 is
  15:00); 晚上 adds 12 to 6–11 and 晚上12点 is midnight at the end of that day. Combinations
  that make no sense (下午0点, 晚上3点, 中午5点) are errors rather than guesses.
  Without a part of the day the hour is on the 24-hour clock, except 1–6 o'clock, which in
  a customer manager's working day mean the afternoon: '3点' is 15:00, '凌晨3点' 03:00.
- Without a clock time the instant is the start (moments) or end (due dates) of the day, or of
  the part of the day named (昨天下午: 13:00; 明天下午 as a due date: 18:00), and has_time is
  False.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from timekeeping.grammar import (
    CalendarDay,
    DateExpr,
    FromNow,
    MomentExpr,
    OnDay,
    RelativeDay,
    RightNow,
    SpanExpr,
    TimeOfDay,
    WeekdayRef,
)
from timekeeping.results import ParsedMoment, ParsedSpan, TimeParseError
from timekeeping.zone import END_OF_DAY, local_date, local_instant, to_local

Prefer = Literal["past", "future"]
Untimed = Literal["start", "end"]  # where an instant without a clock time goes in its day

PARTS_OF_DAY: dict[str, tuple[time, time]] = {
    "凌晨": (time(0), time(6)),
    "早上": (time(6), time(9)),
    "上午": (time(8), time(12)),
    "中午": (time(12), time(13)),
    "下午": (time(13), time(18)),
    "傍晚": (time(17), time(19)),
    "晚上": (time(18), END_OF_DAY),
}

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# A month and day this close to the wrong side of today is taken as this year's, and the
# caller can reject it, rather than silently moved a year away.
_WRONG_SIDE_GRACE = timedelta(days=31)

_CLOCK_HELP = "时间可以这样写：下午3点、9:30、晚上8点"
_DATE_HELP = "日期可以这样写：11月28日、2026-11-28"


# ---- clock --------------------------------------------------------------------------------


def wall_time(time_of_day: TimeOfDay, untimed: Untimed) -> tuple[time, int, bool]:
    """The wall-clock time, days to add (晚上12点 is the next midnight), and has_time."""
    part, clock = time_of_day.part, time_of_day.clock
    if clock is None:
        if part is None:
            return (time(0) if untimed == "start" else END_OF_DAY), 0, False
        start, end = PARTS_OF_DAY[part]
        return (start if untimed == "start" else end), 0, False
    said = f"{part or ''}{clock.hour}点"
    if clock.minute > 59:
        raise TimeParseError(f"没有{clock.minute}分。{_CLOCK_HELP}")
    hour_and_shift = _hour_in_part(part, clock.hour)
    if hour_and_shift is None:
        problem = f"没有{said}" if part is None else f"“{said}”说不通"
        raise TimeParseError(f"{problem}。{_CLOCK_HELP}")
    hour, shift = hour_and_shift
    return time(hour, clock.minute), shift, True


def _hour_in_part(part: str | None, hour: int) -> tuple[int, int] | None:
    """The 24-hour hour and a day shift, or None if the hour does not fit the part of day."""
    if part is None:
        if 1 <= hour <= 6:
            return hour + 12, 0  # visits and deadlines happen in working hours
        return (hour, 0) if hour <= 23 else None
    if part in ("凌晨", "早上", "上午"):
        if part == "凌晨" and hour == 12:
            return 0, 0
        return (hour, 0) if hour <= 12 else None
    if part == "中午":
        if hour in (1, 2):
            return hour + 12, 0
        return (hour, 0) if 11 <= hour <= 14 else None
    if part == "傍晚":
        if 4 <= hour <= 8:
            return hour + 12, 0
        return (hour, 0) if 16 <= hour <= 20 else None
    if part == "下午":
        if 1 <= hour <= 11:
            return hour + 12, 0
        return (hour, 0) if 12 <= hour <= 23 else None
    # 晚上: 晚上3点 could be either 凌晨 or a typo; better to ask than to guess.
    if 6 <= hour <= 11:
        return hour + 12, 0
    if hour == 12:
        return 0, 1
    return (hour, 0) if 18 <= hour <= 23 else None


# ---- days ---------------------------------------------------------------------------------


def pick_day(
    expr: DateExpr | None, today: date, on_side: Callable[[date], bool], prefer: Prefer
) -> date:
    """The calendar day the expression names; on_side(day) says if that day's instant fits."""
    step = timedelta(days=-1 if prefer == "past" else 1)
    match expr:
        case None:
            return today
        case RelativeDay(offset):
            return today + timedelta(days=offset)
        case WeekdayRef(weekday, None):
            candidates = (today + step * count for count in range(8))
            return next(d for d in candidates if d.weekday() == weekday and on_side(d))
        case WeekdayRef(weekday, weeks):
            monday = today - timedelta(days=today.weekday())
            return monday + timedelta(weeks=weeks or 0, days=weekday)
        case CalendarDay(year, month, day) if year is not None and month is not None:
            return _calendar_date(year + 2000 if year < 100 else year, month, day)
        case CalendarDay(None, month, day) if month is not None:
            return _month_day_occurrence(month, day, today, prefer)
        case CalendarDay(None, None, day):
            return _day_of_month(day, today, on_side, prefer)
    raise AssertionError(f"unhandled date expression {expr!r}")


def _calendar_date(year: int, month: int, day: int) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise TimeParseError(f"{year}年超出了能记录的范围。{_DATE_HELP}")
    _check_month_and_day(month, day)
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeParseError(f"{year}年{month}月没有{day}日。{_DATE_HELP}") from None


def _check_month_and_day(month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise TimeParseError(f"没有{month}月。{_DATE_HELP}")
    if not 1 <= day <= 31:
        raise TimeParseError(f"没有{day}日。{_DATE_HELP}")


def _month_day_occurrence(month: int, day: int, today: date, prefer: Prefer) -> date:
    _check_month_and_day(month, day)
    if day > monthrange(2000, month)[1]:  # 2000 is a leap year: the longest that month gets
        raise TimeParseError(f"{month}月没有{day}日。{_DATE_HELP}")
    candidates = []
    for year in range(today.year - 4, today.year + 5):  # 2月29日 is up to four years away
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if prefer == "past":
        return max(d for d in candidates if d <= today + _WRONG_SIDE_GRACE)
    return min(d for d in candidates if d >= today - _WRONG_SIDE_GRACE)


def _day_of_month(day: int, today: date, on_side: Callable[[date], bool], prefer: Prefer) -> date:
    if not 1 <= day <= 31:
        raise TimeParseError(f"没有{day}号。{_DATE_HELP}")
    direction = -1 if prefer == "past" else 1
    for months_away in range(13):  # 31号 skips the short months
        month_index = today.year * 12 + today.month - 1 + direction * months_away
        year, month = divmod(month_index, 12)
        try:
            candidate = date(year, month + 1, day)
        except ValueError:
            continue
        if candidate == today and on_side(candidate):
            return candidate
        if (candidate < today) if prefer == "past" else (candidate > today):
            return candidate
    raise AssertionError("every year has a month with that day")


# ---- moments and spans --------------------------------------------------------------------


def resolve_moment(
    expr: MomentExpr, now: datetime, prefer: Prefer, untimed: Untimed
) -> ParsedMoment:
    """The instant (aware UTC) the expression names, relative to `now`."""
    match expr:
        case RightNow():
            return ParsedMoment(now.astimezone(UTC), has_time=True)
        case FromNow(offset):
            return ParsedMoment(within_range((now + offset).astimezone(UTC)), has_time=True)
        case OnDay(day_expr, time_of_day):
            wall, shift, has_time = wall_time(time_of_day, untimed)

            def instant_on(day: date) -> datetime:
                return local_instant(day + timedelta(days=shift), wall)

            def on_side(day: date) -> bool:
                instant = instant_on(day)
                return instant <= now if prefer == "past" else instant >= now

            day = pick_day(day_expr, local_date(now), on_side, prefer)
            return ParsedMoment(within_range(instant_on(day)), has_time)
    raise AssertionError(f"unhandled moment expression {expr!r}")


def resolve_span(expr: SpanExpr, now: datetime, prefer: Prefer) -> ParsedSpan:
    """Start and end (aware UTC); the end must come after the start."""
    start = resolve_moment(expr.start, now, prefer, "start")
    if expr.end is None:
        return ParsedSpan(start.instant, None, start.has_time)
    if not start.has_time:
        raise TimeParseError("请写上从几点开始。时间段可以这样写：今天 9:30-10:30")
    if isinstance(expr.end, timedelta):
        if expr.end <= timedelta(0):
            raise TimeParseError("时长要大于0。时间段可以这样写：上午10点 两小时")
        return ParsedSpan(start.instant, within_range(start.instant + expr.end))
    end = _end_on_start_day(expr, start.instant)
    if end <= start.instant:
        raise TimeParseError("结束时间要晚于开始时间。时间段可以这样写：今天 9:30-10:30")
    return ParsedSpan(start.instant, end)


def _end_on_start_day(expr: SpanExpr, start: datetime) -> datetime:
    """The end time on the start's day; '下午3点到4点半' lends 下午 to the end."""
    assert isinstance(expr.end, TimeOfDay)
    end = expr.end
    start_part = expr.start.time.part if isinstance(expr.start, OnDay) else None
    if end.part is None and start_part is not None:
        try:
            wall, shift, _ = wall_time(TimeOfDay(start_part, end.clock), "start")
        except TimeParseError:  # '傍晚5点到9点': 9 is no 傍晚 hour, read it on its own
            wall, shift, _ = wall_time(end, "start")
    else:
        wall, shift, _ = wall_time(end, "start")
    start_day = to_local(start).date()
    instant = local_instant(start_day + timedelta(days=shift), wall)
    if instant <= start and expr.end.part is None and 1 <= wall.hour <= 6:
        # '11点到1点' and '9:30-1:30' end in the afternoon; '10:30-9:00' is a mistake.
        instant += timedelta(hours=12)
    return instant


def within_range(instant: datetime) -> datetime:
    """The instant, if its year is one we can record; TimeParseError otherwise."""
    if not EARLIEST_YEAR <= to_local(instant).year <= LATEST_YEAR:
        raise TimeParseError(f"这个时间超出了能记录的范围。{_DATE_HELP}")
    return instant
