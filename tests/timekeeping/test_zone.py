"""Shanghai wall time: conversions and the way dates, times and durations are shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.timekeeping.clock import NOW, shanghai
from timekeeping.zone import (
    SHANGHAI,
    end_of_local_day,
    format_duration,
    format_local,
    format_local_brief,
    format_local_date,
    local_date,
    local_to_utc,
    to_local,
)


def test_to_local_shows_shanghai_wall_time() -> None:
    assert to_local(NOW) == shanghai(2026, 11, 27, 10, 30)
    assert to_local(NOW).tzinfo is SHANGHAI


def test_to_local_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_local(datetime(2026, 11, 27, 10, 30))  # noqa: DTZ001 - the point of the test


def test_local_to_utc_reads_naive_as_shanghai_wall_time() -> None:
    utc = local_to_utc(datetime(2026, 11, 27, 10, 30))  # noqa: DTZ001 - naive on purpose
    assert utc == NOW
    assert utc.tzinfo is UTC


def test_local_to_utc_converts_aware_datetimes() -> None:
    assert local_to_utc(shanghai(2026, 11, 27, 10, 30)) == NOW


def test_local_date_is_the_shanghai_day_not_the_utc_day() -> None:
    late_utc_evening = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)  # 00:30 on the 28th locally
    assert local_date(late_utc_evening) == date(2026, 11, 28)


def test_end_of_local_day_is_the_last_second_in_shanghai() -> None:
    assert end_of_local_day(date(2026, 11, 27)) == datetime(2026, 11, 27, 15, 59, 59, tzinfo=UTC)


def test_format_local_omits_the_current_year() -> None:
    instant = datetime(2026, 11, 28, 6, 30, tzinfo=UTC)
    assert format_local(instant, now=NOW) == "11月28日（周六）14:30"


def test_format_local_shows_another_year() -> None:
    instant = datetime(2027, 1, 4, 1, 0, tzinfo=UTC)
    assert format_local(instant, now=NOW) == "2027年1月4日（周一）09:00"


def test_format_local_without_now_always_shows_the_year() -> None:
    assert format_local(NOW) == "2026年11月27日（周五）10:30"


def test_format_local_uses_the_local_day_and_year() -> None:
    new_years_morning = datetime(2026, 12, 31, 16, 5, tzinfo=UTC)  # 00:05 on 1 January locally
    assert format_local(new_years_morning, now=NOW) == "2027年1月1日（周五）00:05"


def test_format_local_date() -> None:
    assert format_local_date(date(2026, 11, 29), now=NOW) == "11月29日（周日）"
    assert format_local_date(date(2025, 11, 28), now=NOW) == "2025年11月28日（周五）"


@pytest.mark.parametrize(
    ("delta", "shown"),
    [
        (timedelta(hours=1, minutes=30), "1小时30分钟"),
        (timedelta(minutes=45), "45分钟"),
        (timedelta(days=2, hours=3), "2天3小时"),
        (timedelta(days=1, minutes=5), "1天5分钟"),
        (timedelta(hours=2), "2小时"),
        (timedelta(minutes=59, seconds=59), "59分钟"),
        (timedelta(seconds=20), "不到1分钟"),
        (timedelta(0), "0分钟"),
    ],
)
def test_format_duration(delta: timedelta, shown: str) -> None:
    assert format_duration(delta) == shown


def test_format_duration_rejects_negative_durations() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_duration(timedelta(minutes=-1))


def test_the_brief_form_is_the_local_day_and_time_without_padding_or_weekday() -> None:
    assert format_local_brief(datetime(2027, 1, 4, 23, 30, tzinfo=UTC)) == "1月5日 07:30"
    assert format_local_brief(datetime(2026, 11, 27, 2, 30, tzinfo=UTC)) == "11月27日 10:30"
