"""Words only due dates use: 3天内, 2个工作日内, 两周后, 2小时内, 月底, 下个月底, 年底.

Counting follows Chinese law (民法典 第二百零一条): the day it starts does not count, so '3天内'
said on the 27th ends with the 30th, the same day as '3天后'. The vague '月初' / '下个月初' are
not accepted: a deadline needs a day, and the beginning of a month is not one.
"""

from __future__ import annotations

import calendar as month_calendar
import re
from datetime import UTC, date, datetime, timedelta

from timekeeping.grammar import match_duration
from timekeeping.numerals import NUMBER, read_whole_number
from timekeeping.results import ParsedMoment, TimeParseError
from timekeeping.workdays import WorkdayCalendar
from timekeeping.zone import end_of_local_day, local_date

MAX_WORKING_DAYS = 365

_WITHIN_OR_AFTER = r"(?:之内|以内|内|之后|以后|后)"
_COUNTED_DAYS = re.compile(
    rf"(?P<count>{NUMBER})个?(?P<unit>天|日|星期|周|礼拜){_WITHIN_OR_AFTER}"
)
_WORKING_DAYS = re.compile(rf"(?P<count>{NUMBER})个?工作日{_WITHIN_OR_AFTER}?")
_MONTH_END = re.compile(r"(?P<which>本|这个?|下个?)?月[底末]")
_YEAR_END = re.compile(r"(?:今|本)?年[底末]")
_DURATION_WITHIN = re.compile(rf"(?P<duration>.+?){_WITHIN_OR_AFTER}")


def match_due_words(text: str, now: datetime, calendar: WorkdayCalendar) -> ParsedMoment | None:
    """The deadline, if the text is one of the due-only phrases; None otherwise."""
    today = local_date(now)
    if match := _COUNTED_DAYS.fullmatch(text):
        count = read_whole_number(match["count"])
        if count is None:
            return None
        days = count if match["unit"] in ("天", "日") else 7 * count
        return ParsedMoment(end_of_local_day(today + timedelta(days=days)), has_time=False)
    if match := _WORKING_DAYS.fullmatch(text):
        count = read_whole_number(match["count"])
        if count is None:
            return None
        if count > MAX_WORKING_DAYS:
            raise TimeParseError(f"期限太远了，最多{MAX_WORKING_DAYS}个工作日。比如：2个工作日内")
        return ParsedMoment(calendar.add_working_days(now, count), has_time=False)
    if match := _MONTH_END.fullmatch(text):
        months_ahead = 1 if match["which"] and match["which"].startswith("下") else 0
        return ParsedMoment(end_of_local_day(_month_end(today, months_ahead)), has_time=False)
    if _YEAR_END.fullmatch(text):
        return ParsedMoment(end_of_local_day(date(today.year, 12, 31)), has_time=False)
    if match := _DURATION_WITHIN.fullmatch(text):
        duration = match_duration(match["duration"])
        if duration is not None:
            return ParsedMoment((now + duration).astimezone(UTC), has_time=True)
    return None


def _month_end(today: date, months_ahead: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 + months_ahead, 12)
    return date(year, month + 1, month_calendar.monthrange(year, month + 1)[1])
