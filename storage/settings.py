"""Each user's reminder settings: quiet hours, the morning digest, the travel time and the time
of 每日一练."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import time
from typing import Any

from sqlite_utils import Database

from storage.rows import record, row_of
from timekeeping.clock import Clock

TRAVEL_MINUTES_MAX = 240  # four hours: more is a trip, not a way to a visit
_TABLE = "user_settings"


@dataclass(frozen=True)
class UserSettings:
    """A user's reminder settings; the defaults apply to anyone who never changed them.

    Times are local (Asia/Shanghai) wall times. Quiet hours may wrap midnight (22:00–08:00);
    equal start and end mean no quiet hours at all (关闭免打扰).
    """

    user_id: int
    quiet_start: time = time(22, 0)
    quiet_end: time = time(8, 0)
    digest_at: time | None = time(8, 30)  # None: no morning digest
    travel_minutes: int = 30
    practice_at: time | None = time(9, 0)  # 每日一练; None: none

    def __post_init__(self) -> None:
        for name in ("quiet_start", "quiet_end", "digest_at", "practice_at"):
            value = getattr(self, name)
            if value is not None and value != _whole_minute(value):
                raise ValueError(f"{name} must be a whole minute, not {value!r}")
        if isinstance(self.travel_minutes, bool) or not isinstance(self.travel_minutes, int):
            raise ValueError(f"travel_minutes must be a whole number, not {self.travel_minutes!r}")
        if not 0 <= self.travel_minutes <= TRAVEL_MINUTES_MAX:
            raise ValueError(f"travel_minutes must be 0–{TRAVEL_MINUTES_MAX}")

    @property
    def has_quiet_hours(self) -> bool:
        return self.quiet_start != self.quiet_end

    def is_quiet(self, wall: time) -> bool:
        """Whether a local wall time falls inside the quiet hours [start, end)."""
        if not self.has_quiet_hours:
            return False
        wall = wall.replace(tzinfo=None)
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= wall < self.quiet_end
        return wall >= self.quiet_start or wall < self.quiet_end


def _whole_minute(value: time) -> time:
    return value.replace(second=0, microsecond=0, tzinfo=None)


def parse_wall_time(text: str) -> time:
    """'08:30' → time(8, 30); raises ValueError for anything but a valid HH:MM."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or len(minutes) != 2 or not minutes.isdigit():
        raise ValueError(f"expected HH:MM, not {text!r}")
    return time(int(hours), int(minutes))  # time() refuses 24:00, 8:61 …


def format_wall_time(value: time) -> str:
    return f"{value:%H:%M}"


def _coerce_time(name: str, value: object, *, optional: bool = False) -> time | None:
    if value is None and optional:
        return None
    if isinstance(value, str):
        return parse_wall_time(value)
    if isinstance(value, time):
        return value
    raise ValueError(f"{name} must be a time or 'HH:MM', not {value!r}")


PRACTICE_OFF = "off"  # stored practice_at of a user who turned 每日一练 off


def _stored_settings(row: dict[str, Any]) -> UserSettings:
    """A stored row. A column left null (a row written by hand, or before the column was
    added) falls back to its default; a null digest_at is the digest turned off, and so is a
    practice_at of 'off' 每日一练."""
    values = {
        name: value for name, value in row.items() if value is not None or name == "digest_at"
    }
    if values.get("practice_at") == PRACTICE_OFF:
        values["practice_at"] = None
    return record(UserSettings, values)


_CHANGEABLE = frozenset(field.name for field in fields(UserSettings)) - {"user_id"}


class SettingsRepository:
    """Settings are the user's own preferences, not company records: they are not audited."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._table = db.table(_TABLE)

    def get(self, user_id: int) -> UserSettings:
        """The user's settings; the defaults when they never changed any."""
        # Read after every update (reminder re-sync): a plain query, no sqlite-utils table check.
        row = next(self._db.query(f"SELECT * FROM {_TABLE} WHERE user_id = ?", [user_id]), None)
        return _stored_settings(row) if row is not None else UserSettings(user_id)

    def update(self, user_id: int, **changes: object) -> UserSettings:
        """Change some settings ('HH:MM' strings or times; digest_at=None turns it off).

        Raises ValueError for an unknown setting or an invalid value; nothing is stored then.
        """
        unknown = set(changes) - _CHANGEABLE
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "travel_minutes":
                values[name] = value
            else:
                optional = name in ("digest_at", "practice_at")
                values[name] = _coerce_time(name, value, optional=optional)
        with self._db.atomic():
            updated = replace(self.get(user_id), **values)  # validates
            row = row_of(updated, updated_at=self._clock())
            if updated.practice_at is None:
                row["practice_at"] = PRACTICE_OFF
            self._table.upsert(row, pk="user_id")
        return updated
