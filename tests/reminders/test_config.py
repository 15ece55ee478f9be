"""config/reminders.yaml: every kind's reminders, read and checked field by field."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from fieldwork.obligations import OBLIGATION_KINDS
from reminders.config import (
    REMINDERS_FILE,
    KindsSchema,
    ReminderConfigError,
    load_reminder_config,
)
from storage.settings import UserSettings

SHIPPED = REMINDERS_FILE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reminders.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_configures_every_kind_of_obligation() -> None:
    config = load_reminder_config()
    assert set(config.slots) == set(OBLIGATION_KINDS)
    assert set(KindsSchema.model_fields) == set(OBLIGATION_KINDS)
    assert [rule.name for rule in config.slot_rules("thank_you_letter")] == [
        "before:24h",
        "before:2h",
        "overdue",
    ]
    assert config.quiet_lead == timedelta(minutes=1)
    assert config.late_grace == timedelta(seconds=60)


def test_shipped_defaults_are_the_settings_of_a_new_user() -> None:
    defaults = load_reminder_config().defaults
    assert defaults.settings_for(7) == UserSettings(7)


def test_wall_times_may_be_written_without_quotes(tmp_path: Path) -> None:
    # YAML 1.1 reads 16:00 unquoted as 960 (base 60); it is taken as the time meant.
    path = write(tmp_path, SHIPPED.replace('day_before: "16:00"', "day_before: 16:00"))
    assert "day_before: 16:00" in path.read_text(encoding="utf-8")
    [rule] = load_reminder_config(path).slot_rules("plan_confirm")
    assert rule.wall == time(16, 0)


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ("before: [24h, 2h]", "before: [24 hours, 2h]", "kinds.thank_you_letter.before.0", "15m"),
        ('day_before: "16:00"', 'day_before: "25:00"', "kinds.plan_confirm.day_before", "25"),
        ("  regular_visit:\n    overdue: 0m\n", "", "kinds.regular_visit", "required"),
        ("plan_depart:\n    at: true", "plan_depart:\n    at: false", "kinds.plan_depart", "one"),
        ("late_grace: 60s", "late_grace: soon", "sweep.late_grace", "duration"),
        ("travel_minutes: 30", "travel_minutes: 999", "defaults.travel_minutes", "240"),
        ("bid_summary:", "bid_sumary:", "kinds.bid_sumary", "not permitted"),
        ("before: [1d, 2h]", "before: [2h, 2h]", "kinds.written_reply", "twice"),
    ],
)
def test_invalid_file_names_the_file_and_the_field(
    tmp_path: Path, old: str, new: str, field: str, problem: str
) -> None:
    comments, settings = SHIPPED.split("\nkinds:", 1)
    assert old in settings
    path = write(tmp_path, comments + "\nkinds:" + settings.replace(old, new, 1))
    with pytest.raises(ReminderConfigError) as raised:
        load_reminder_config(path)
    message = str(raised.value)
    assert str(path) in message
    assert f"field '{field}" in message
    assert problem in message


def test_unreadable_or_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReminderConfigError, match="cannot read"):
        load_reminder_config(tmp_path / "missing.yaml")
    with pytest.raises(ReminderConfigError, match="mapping"):
        load_reminder_config(write(tmp_path, "# nothing\n"))
