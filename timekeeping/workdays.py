"""China's official working-day calendar (holidays and 调休), with a fallback for new years."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import chinese_calendar

from timekeeping.holiday_file import FallbackYear, read_fallback_file
from timekeeping.zone import end_of_local_day, local_date

logger = logging.getLogger(__name__)

DEFAULT_HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "config" / "holidays.yaml"

_SATURDAY = 5


@cache
def _official_covers(year: int) -> bool:
    # Asking is the only stable way to learn the range: it is not part of the public API.
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkdayCalendar:
    """Answers "is this a working day in China?" and counts working days for deadlines.

    Years chinesecalendar covers use its data. For other years the week is Monday–Friday,
    corrected by the administrator's fallback file (`config/holidays.yaml`, or the file the
    bot's BOT_HOLIDAYS_FILE names), and a WARNING is logged once per year so someone upgrades
    the package or fills in the file when the State Council publishes the schedule.
    """

    def __init__(self, fallback_file: Path | str | None = DEFAULT_HOLIDAYS_FILE) -> None:
        self._fallback_file = Path(fallback_file) if fallback_file is not None else None
        self._file_found = self._fallback_file is not None and self._fallback_file.exists()
        self._fallback: dict[int, FallbackYear] = (
            read_fallback_file(self._fallback_file) if self._fallback_file is not None else {}
        )
        self._warned_years: set[int] = set()
        ignored = sorted(year for year in self._fallback if self.covers(year))
        if ignored:
            logger.info(
                "Holiday file %s: entries for %s ignored, the official calendar covers them",
                self._fallback_file,
                ignored,
            )

    def covers(self, year: int) -> bool:
        """Whether official data (chinesecalendar) is available for the year."""
        return _official_covers(year)

    def is_workday(self, day: date) -> bool:
        """Whether people work on that day: weekdays minus holidays, plus 调休 weekend days."""
        if self.covers(day.year):
            return bool(chinese_calendar.is_workday(day))
        fallback = self._fallback.get(day.year)
        self._warn_uncovered(day.year, fallback)
        if fallback is None:
            return day.weekday() < _SATURDAY
        if day in fallback.workdays:
            return True
        return day.weekday() < _SATURDAY and day not in fallback.holidays

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The deadline for "within `days` working days" of something that arrived at `start`.

        The day of arrival never counts, whatever the hour: counting starts the next day, as
        Chinese law counts periods (民法典 第二百零一条). The deadline is the end of the last
        counted working day in Shanghai (23:59:59 local), returned as an aware UTC instant; we
        do not assume office hours (18:00), which the material does not state. With days=0 it
        is the end of the day of arrival.
        """
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        day = local_date(start)
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return end_of_local_day(day)

    def _warn_uncovered(self, year: int, fallback: FallbackYear | None) -> None:
        if year in self._warned_years:
            return
        self._warned_years.add(year)
        if fallback is not None:
            source = (
                f"Monday–Friday with {len(fallback.holidays)} holidays and "
                f"{len(fallback.workdays)} adjusted workdays from {self._fallback_file}"
            )
        elif self._fallback_file is None:
            source = "Monday–Friday only (no holiday file configured)"
        elif not self._file_found:
            source = f"Monday–Friday only ({self._fallback_file} does not exist)"
        else:
            source = f"Monday–Friday only ({self._fallback_file} has no entry for {year})"
        logger.warning(
            "Official working-day calendar for %d is not available (upgrade chinesecalendar, "
            "or add %d to the holiday file once the State Council publishes it); using %s",
            year,
            year,
            source,
        )
