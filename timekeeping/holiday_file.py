"""Reads the administrator's fallback holiday file for years chinesecalendar does not cover."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

_SATURDAY = 5


@dataclass(frozen=True)
class FallbackYear:
    """One year's official schedule as the administrator copied it from the State Council."""

    holidays: frozenset[date]  # days off, weekends inside a holiday included
    workdays: frozenset[date]  # adjusted workdays (调休): weekend days that are worked


def read_fallback_file(path: Path) -> dict[int, FallbackYear]:
    """The years listed in the file; {} if it does not exist. ValueError names file and entry."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read the holiday file: {error}") from error
    if data is None:  # only comments
        return {}
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping of years, like '2027:'")
    years = {}
    for key, entry in data.items():
        year = _year(path, key)
        years[year] = _fallback_year(path, year, entry)
    return years


def _year(path: Path, key: Any) -> int:
    if isinstance(key, bool) or not isinstance(key, int | str) or not str(key).isdigit():
        raise ValueError(f"{path}: {key!r}: a top-level key must be a year, like 2027")
    year = int(key)
    if not 2000 <= year <= 2100:
        raise ValueError(f"{path}: {key!r}: year out of range 2000–2100")
    return year


def _fallback_year(path: Path, year: int, entry: Any) -> FallbackYear:
    if entry is None:  # "2027:" with nothing under it: weekdays only, on purpose
        return FallbackYear(frozenset(), frozenset())
    if not isinstance(entry, Mapping):
        raise ValueError(f"{path}: {year}: expected 'holidays:' and/or 'workdays:' lists")
    unknown = set(entry) - {"holidays", "workdays"}
    if unknown:
        raise ValueError(
            f"{path}: {year}: unknown key(s) {sorted(map(str, unknown))}; "
            "only 'holidays' and 'workdays' are allowed"
        )
    holidays = _dates(path, year, "holidays", entry.get("holidays"))
    workdays = _dates(path, year, "workdays", entry.get("workdays"))
    for index, day in enumerate(workdays):
        # 调休 only ever turns a weekend day into a workday; a weekday here is a typo.
        if day.weekday() < _SATURDAY:
            raise ValueError(
                f"{path}: {year}.workdays[{index}]: {day} is a weekday; adjusted workdays "
                "are Saturdays or Sundays"
            )
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise ValueError(f"{path}: {year}: {both[0]} is listed as both holiday and workday")
    return FallbackYear(frozenset(holidays), frozenset(workdays))


def _dates(path: Path, year: int, field: str, value: Any) -> list[date]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{path}: {year}.{field}: expected a list of dates like 2027-01-01")
    days = []
    for index, item in enumerate(value):
        where = f"{path}: {year}.{field}[{index}]"
        day = _date(item)
        if day is None:
            raise ValueError(f"{where}: {item!r} is not a date like 2027-01-01")
        if day.year != year:
            raise ValueError(f"{where}: {day} is not in {year}")
        days.append(day)
    return days


def _date(item: Any) -> date | None:
    """YAML gives unquoted 2027-01-01 as a date; a quoted one arrives as a string."""
    if isinstance(item, datetime):
        return None
    if isinstance(item, date):
        return item
    if isinstance(item, str):
        try:
            return date.fromisoformat(item.strip())
        except ValueError:
            return None
    return None
