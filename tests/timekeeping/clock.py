"""The fixed clock of the timekeeping tests and a shorthand for Shanghai wall times."""

from __future__ import annotations

from datetime import UTC, datetime

from timekeeping.zone import SHANGHAI

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # Friday 2026-11-27 10:30 in Shanghai


def shanghai(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An aware Shanghai wall time, to compare with the parsers' UTC results."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)
