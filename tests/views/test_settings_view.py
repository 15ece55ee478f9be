"""/settings texts and buttons, and typed settings such as '免打扰 22:30-07:30'."""

from __future__ import annotations

from datetime import time

import pytest

from storage.settings import UserSettings
from views.button_data import EditSignature, SettingsPress
from views.common import CALLBACK_DATA_LIMIT
from views.settings import (
    DIGEST,
    QUIET,
    TRAVEL,
    changes_for,
    parse_typed_setting,
    settings_overview,
    topic_menu,
)

settings_press = SettingsPress.parse

DEFAULTS = UserSettings(1)


def all_data() -> list[str]:
    replies = [settings_overview(DEFAULTS)] + [
        topic_menu(t, DEFAULTS) for t in (QUIET, DIGEST, TRAVEL)
    ]
    return [button.data for reply in replies for row in reply.buttons for button in row]


def test_the_overview_shows_each_setting() -> None:
    text = settings_overview(DEFAULTS).text
    assert "免打扰：22:00–次日08:00" in text
    assert "早间汇总：每天 08:30" in text
    assert "路上时间：30分钟" in text


def test_turned_off_settings_read_off() -> None:
    settings = UserSettings(1, quiet_start=time(0, 0), quiet_end=time(0, 0), digest_at=None)
    text = settings_overview(settings).text
    assert "免打扰：关闭" in text
    assert "早间汇总：关闭" in text


def test_every_button_is_short_and_understood() -> None:
    for data in all_data():
        assert len(data.encode()) < CALLBACK_DATA_LIMIT
        if EditSignature.parse(data) is not None:
            continue  # 修改落款 opens the signature dialog (handlers/drafts.py)
        press = settings_press(data)
        assert press is not None, data
        if press.value is not None:
            assert changes_for(press) is not None, data


def test_the_current_preset_is_ticked() -> None:
    labels = [b.label for row in topic_menu(TRAVEL, DEFAULTS).buttons for b in row]
    assert "✓ 30分钟" in labels
    assert "15分钟" in labels


@pytest.mark.parametrize(
    "data", ["set", "set:quiet", "set:menu:colour", "set:quiet:2200-2200", "set:travel:999"]
)
def test_odd_presses_change_nothing(data: str) -> None:
    press = settings_press(data)
    assert press is None or (press.value is not None and changes_for(press) is None)


def test_preset_presses_become_changes() -> None:
    quiet = changes_for(SettingsPress(QUIET, "2300-0700"))
    assert quiet == {"quiet_start": time(23, 0), "quiet_end": time(7, 0)}
    assert changes_for(SettingsPress(QUIET, "off")) == {
        "quiet_start": time(0, 0),
        "quiet_end": time(0, 0),
    }
    assert changes_for(SettingsPress(DIGEST, "off")) == {"digest_at": None}
    assert changes_for(SettingsPress(TRAVEL, "45")) == {"travel_minutes": 45}


@pytest.mark.parametrize(
    ("typed", "changes"),
    [
        ("免打扰 22:30-07:30", {"quiet_start": time(22, 30), "quiet_end": time(7, 30)}),
        ("免打扰 22:30 - 07:30", {"quiet_start": time(22, 30), "quiet_end": time(7, 30)}),
        ("免打扰 关闭", {"quiet_start": time(0, 0), "quiet_end": time(0, 0)}),
        ("汇总 8点半", {"digest_at": time(8, 30)}),
        ("汇总 07：45", {"digest_at": time(7, 45)}),
        ("汇总 关闭", {"digest_at": None}),
        ("路上 40分钟", {"travel_minutes": 40}),
        ("路上 0", {"travel_minutes": 0}),
    ],
)
def test_typed_settings(typed: str, changes: dict[str, object]) -> None:
    assert parse_typed_setting(typed).changes == changes


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("天气 好", "没有看懂"),
        ("免打扰", "没有看懂"),
        ("免打扰 22:00", "HH:MM"),
        ("免打扰 25:00-07:00", "HH:MM"),
        ("汇总 早上", "HH:MM"),
        ("路上 300", "0–240"),
        ("路上 半小时", "0–240"),
    ],
)
def test_unclear_typed_settings_say_how(typed: str, problem: str) -> None:
    parsed = parse_typed_setting(typed)
    assert parsed.changes is None
    assert problem in (parsed.problem or "")
