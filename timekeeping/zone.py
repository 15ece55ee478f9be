"""Asia/Shanghai wall time: converting stored UTC instants and showing them to users."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

# A deadline "by the end of the day" is the last second of that day in Shanghai.
END_OF_DAY = time(23, 59, 59)

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {instant!r}")


def to_local(instant: datetime) -> datetime:
    """The instant as Shanghai wall time (aware, tzinfo SHANGHAI)."""
    _require_aware(instant)
    return instant.astimezone(SHANGHAI)


def local_to_utc(local: datetime) -> datetime:
    """A Shanghai wall time (naive, or aware in any zone) as an aware UTC instant."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=SHANGHAI)
    return local.astimezone(UTC)


def local_date(instant: datetime) -> date:
    """The calendar day the instant falls on in Shanghai."""
    return to_local(instant).date()


def local_instant(day: date, wall: time) -> datetime:
    """The aware UTC instant of a Shanghai wall-clock time on a given day."""
    return datetime.combine(day, wall, tzinfo=SHANGHAI).astimezone(UTC)


def end_of_local_day(day: date) -> datetime:
    """The last second of the Shanghai day, as an aware UTC instant."""
    return local_instant(day, END_OF_DAY)


def format_local_date(day: date, *, now: datetime | None = None) -> str:
    """'11月28日（周六）'; the year is shown unless `now` is given and falls in the same year."""
    label = f"{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"
    if now is not None and local_date(now).year == day.year:
        return label
    return f"{day.year}年{label}"


def format_local(instant: datetime, *, now: datetime | None = None) -> str:
    """'11月28日（周六）14:30' in Shanghai time; the year as for format_local_date."""
    local = to_local(instant)
    return f"{format_local_date(local.date(), now=now)}{local:%H:%M}"


def format_local_brief(instant: datetime) -> str:
    """'11月28日 14:30' in Shanghai time: a list's line, with no room for the weekday."""
    local = to_local(instant)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def format_duration(delta: timedelta) -> str:
    """'1小时30分钟', '45分钟', '2天3小时'; whole minutes, rounded down."""
    if delta < timedelta(0):
        raise ValueError(f"cannot format a negative duration: {delta!r}")
    minutes = delta // timedelta(minutes=1)
    if minutes == 0:
        return "不到1分钟" if delta else "0分钟"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{days}天" if days else "",
        f"{hours}小时" if hours else "",
        f"{minutes}分钟" if minutes else "",
    ]
    return "".join(parts)
