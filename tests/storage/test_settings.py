"""Reminder settings: defaults until changed, validated, kept per user."""

from __future__ import annotations

from datetime import time

import pytest

from storage.settings import UserSettings, parse_wall_time
from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, FakeClock


def test_a_user_who_never_changed_anything_gets_the_defaults(store: Store) -> None:
    assert store.settings.get(OWNER_ID) == UserSettings(
        OWNER_ID,
        quiet_start=time(22, 0),
        quiet_end=time(8, 0),
        digest_at=time(8, 30),
        travel_minutes=30,
    )


def test_changes_are_kept_and_leave_the_other_settings_alone(store: Store) -> None:
    store.settings.update(OWNER_ID, quiet_start="23:00", quiet_end=time(7, 0))
    updated = store.settings.update(OWNER_ID, travel_minutes=45)
    assert updated == UserSettings(OWNER_ID, time(23, 0), time(7, 0), time(8, 30), 45)
    assert store.settings.get(OWNER_ID) == updated


def test_settings_are_per_user(store: Store) -> None:
    store.settings.update(OWNER_ID, travel_minutes=60)
    assert store.settings.get(OTHER_ID).travel_minutes == 30


def test_the_digest_can_be_turned_off_and_on_again(store: Store) -> None:
    assert store.settings.update(OWNER_ID, digest_at=None).digest_at is None
    assert store.settings.get(OWNER_ID).digest_at is None
    assert store.settings.update(OWNER_ID, digest_at="07:30").digest_at == time(7, 30)


def test_the_change_time_is_stored(store: Store, clock: FakeClock) -> None:
    store.settings.update(OWNER_ID, travel_minutes=15)
    [row] = store.db.table("user_settings").rows
    assert row["updated_at"] == FIXED_NOW.isoformat()
    assert (row["quiet_start"], row["quiet_end"], row["digest_at"]) == ("22:00", "08:00", "08:30")


@pytest.mark.parametrize(
    "changes",
    [
        {"travel_minutes": -1},
        {"travel_minutes": 241},
        {"travel_minutes": "30"},
        {"travel_minutes": True},
        {"quiet_start": "24:00"},
        {"quiet_start": "8:5"},
        {"quiet_end": "半夜"},
        {"quiet_end": None},
        {"digest_at": time(8, 30, 15)},
        {"colour": "blue"},
    ],
)
def test_invalid_values_are_refused_and_nothing_is_stored(
    store: Store, changes: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match=r"must|expected|unknown"):
        store.settings.update(OWNER_ID, **changes)
    assert store.db.table("user_settings").count == 0


def test_travel_time_limits_are_allowed(store: Store) -> None:
    assert store.settings.update(OWNER_ID, travel_minutes=0).travel_minutes == 0
    assert store.settings.update(OWNER_ID, travel_minutes=240).travel_minutes == 240


def test_quiet_hours_wrap_midnight() -> None:
    settings = UserSettings(OWNER_ID)  # 22:00–08:00
    assert settings.is_quiet(time(23, 30))
    assert settings.is_quiet(time(7, 59))
    assert not settings.is_quiet(time(8, 0))
    assert not settings.is_quiet(time(21, 59))
    assert settings.is_quiet(time(22, 0))


def test_quiet_hours_within_one_day() -> None:
    settings = UserSettings(OWNER_ID, quiet_start=time(12, 0), quiet_end=time(14, 0))
    assert settings.is_quiet(time(13, 0))
    assert not settings.is_quiet(time(14, 0))
    assert not settings.is_quiet(time(23, 0))


def test_equal_start_and_end_means_no_quiet_hours(store: Store) -> None:
    settings = store.settings.update(OWNER_ID, quiet_start="00:00", quiet_end="00:00")
    assert not settings.has_quiet_hours
    assert not any(settings.is_quiet(time(hour, 0)) for hour in range(24))


def test_wall_times_parse_only_as_hh_mm() -> None:
    assert parse_wall_time("08:30") == time(8, 30)
    assert parse_wall_time(" 7:05 ") == time(7, 5)
    for bad in ("0830", "08:3", "08:30:00", "-1:00", "08：30"):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_wall_time(bad)
