"""What /settings shows: quiet hours, the morning digest, the travel time and 每日一练, with
presets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from storage.settings import TRAVEL_MINUTES_MAX, UserSettings, format_wall_time, parse_wall_time
from storage.signatures import Signature
from views.button_data import STALE_SETTINGS, EditSignature, SettingsPress, SettingsTopic
from views.common import Button, Reply

QUIET: SettingsTopic = "quiet"
DIGEST: SettingsTopic = "digest"
TRAVEL: SettingsTopic = "travel"
PRACTICE: SettingsTopic = "practice"
OFF = "off"

# Presets offered as buttons: (start, end) local wall times; the digest time; travel minutes.
QUIET_PRESETS = ((time(22, 0), time(8, 0)), (time(23, 0), time(7, 0)), (time(21, 0), time(8, 0)))
DIGEST_PRESETS = (time(7, 30), time(8, 30), time(9, 0))
TRAVEL_PRESETS = (15, 30, 45, 60)
PRACTICE_PRESETS = (time(8, 0), time(9, 0), time(12, 30), time(17, 30))

TITLE = "⚙️ 提醒设置"
QUIET_HELP = "免打扰时段内不发提醒：落在其中的提醒提前到开始前，或推迟到结束时。"
DIGEST_HELP = "早间汇总：每天早上把今天到期和已逾期的事项发给您（没有事项时不发）。"
TRAVEL_HELP = "路上时间：用于计算拜访和投标的出发提醒（提前5分钟到达，投标提前15分钟）。"
PRACTICE_HELP = "每日一练：每天这个时间发5道规范练习题，答错的会更早再练（不在免打扰时段发）。"
TYPED_EXAMPLES = (
    "/settings 免打扰 22:30-07:30\n"
    "/settings 汇总 08:00（或 /settings 汇总 关闭）\n"
    "/settings 路上 40\n"
    "/settings 练习 12:30（或 /settings 练习 关闭）"
)
TYPED_HELP = f"也可以直接输入，例如：\n{TYPED_EXAMPLES}"
SAVED = "已保存，提醒已按新设置重新安排。"
BAD_PRESS = STALE_SETTINGS


def _hhmm(value: time) -> str:
    return f"{value:%H%M}"


def _from_hhmm(text: str) -> time | None:
    if len(text) != 4 or not text.isdigit():
        return None
    try:
        return time(int(text[:2]), int(text[2:]))
    except ValueError:
        return None


def quiet_text(settings: UserSettings) -> str:
    if not settings.has_quiet_hours:
        return "关闭"
    start, end = format_wall_time(settings.quiet_start), format_wall_time(settings.quiet_end)
    overnight = "次日" if settings.quiet_end < settings.quiet_start else ""
    return f"{start}–{overnight}{end}"


def digest_text(settings: UserSettings) -> str:
    return "关闭" if settings.digest_at is None else f"每天 {format_wall_time(settings.digest_at)}"


def travel_text(settings: UserSettings) -> str:
    return f"{settings.travel_minutes}分钟"


def practice_text(settings: UserSettings) -> str:
    at = settings.practice_at
    return "关闭" if at is None else f"每天 {format_wall_time(at)}"


def settings_overview(
    settings: UserSettings, note: str | None = None, signature: Signature | None = None
) -> Reply:
    signed = "，".join(signature.lines()) if signature else "未设置（第一次起草信函时会请您设置）"
    lines = [
        TITLE,
        "",
        f"🌙 免打扰：{quiet_text(settings)}",
        f"☀️ 早间汇总：{digest_text(settings)}",
        f"🚗 路上时间：{travel_text(settings)}",
        f"📚 每日一练：{practice_text(settings)}",
        f"✍️ 信函落款：{signed}",
        "",
        TYPED_HELP,
    ]
    if note:
        lines[1:1] = [note, ""]
    return Reply(
        "\n".join(lines),
        (
            (Button("🌙 修改免打扰", SettingsPress(QUIET).pack()),),
            (Button("☀️ 修改早间汇总", SettingsPress(DIGEST).pack()),),
            (Button("🚗 修改路上时间", SettingsPress(TRAVEL).pack()),),
            (Button("📚 修改每日一练", SettingsPress(PRACTICE).pack()),),
            (Button("✍️ 修改落款", EditSignature().pack()),),
        ),
    )


def _marked(label: str, chosen: bool) -> str:
    return f"✓ {label}" if chosen else label


def _time_choices(
    topic: SettingsTopic, chosen: time | None, presets: tuple[time, ...], off_label: str
) -> list[tuple[Button, ...]]:
    """A row per preset time (the chosen one marked), and one to switch it off."""
    rows: list[tuple[Button, ...]] = [
        (
            Button(
                _marked(format_wall_time(at), chosen == at), SettingsPress(topic, _hhmm(at)).pack()
            ),
        )
        for at in presets
    ]
    rows.append((Button(_marked(off_label, chosen is None), SettingsPress(topic, OFF).pack()),))
    return rows


def _back() -> tuple[Button, ...]:
    return (Button("« 返回", SettingsPress(None).pack()),)


def topic_menu(topic: SettingsTopic, settings: UserSettings) -> Reply:
    """One setting's presets, the current one ticked."""
    rows: list[tuple[Button, ...]]
    if topic == QUIET:
        rows = [
            (
                Button(
                    _marked(
                        f"{format_wall_time(start)}–{format_wall_time(end)}",
                        settings.has_quiet_hours
                        and (settings.quiet_start, settings.quiet_end) == (start, end),
                    ),
                    SettingsPress(QUIET, f"{_hhmm(start)}-{_hhmm(end)}").pack(),
                ),
            )
            for start, end in QUIET_PRESETS
        ]
        rows.append(
            (
                Button(
                    _marked("关闭免打扰", not settings.has_quiet_hours),
                    SettingsPress(QUIET, OFF).pack(),
                ),
            )
        )
        text = f"🌙 免打扰：{quiet_text(settings)}\n{QUIET_HELP}"
    elif topic == DIGEST:
        rows = _time_choices(DIGEST, settings.digest_at, DIGEST_PRESETS, "关闭早间汇总")
        text = f"☀️ 早间汇总：{digest_text(settings)}\n{DIGEST_HELP}"
    elif topic == PRACTICE:
        rows = _time_choices(PRACTICE, settings.practice_at, PRACTICE_PRESETS, "关闭每日一练")
        text = f"📚 每日一练：{practice_text(settings)}\n{PRACTICE_HELP}"
    else:
        rows = [
            tuple(
                Button(
                    _marked(f"{minutes}分钟", settings.travel_minutes == minutes),
                    SettingsPress(TRAVEL, str(minutes)).pack(),
                )
                for minutes in TRAVEL_PRESETS
            )
        ]
        text = f"🚗 路上时间：{travel_text(settings)}\n{TRAVEL_HELP}"
    rows.append(_back())
    return Reply(text, tuple(rows))


def changes_for(press: SettingsPress) -> dict[str, object] | None:
    """The settings a preset button sets; None for a value no button of ours carries."""
    value = press.value
    if value is None:
        return None
    if press.topic == QUIET:
        if value == OFF:
            # Equal start and end: no quiet hours (storage/settings.py).
            return {"quiet_start": time(0, 0), "quiet_end": time(0, 0)}
        start_text, _, end_text = value.partition("-")
        start, end = _from_hhmm(start_text), _from_hhmm(end_text)
        if start is None or end is None or start == end:
            return None
        return {"quiet_start": start, "quiet_end": end}
    if press.topic == DIGEST:
        if value == OFF:
            return {"digest_at": None}
        at = _from_hhmm(value)
        return None if at is None else {"digest_at": at}
    if press.topic == PRACTICE:
        if value == OFF:
            return {"practice_at": None}
        at = _from_hhmm(value)
        return None if at is None else {"practice_at": at}
    if press.topic == TRAVEL and value.isdigit() and int(value) <= TRAVEL_MINUTES_MAX:
        return {"travel_minutes": int(value)}
    return None


# -- typed values: /settings 免打扰 22:30-07:30 --------------------------------------------

_TOPIC_WORDS = {
    QUIET: ("免打扰", "勿扰", "安静"),
    DIGEST: ("汇总", "早间汇总", "早报", "晨报"),
    TRAVEL: ("路上", "路上时间", "路程", "交通"),
    PRACTICE: ("练习", "每日一练", "一练", "答题"),
}
_OFF_WORDS = ("关闭", "关", "off", "不要", "取消")
TYPED_UNCLEAR = f"没有看懂这个设置。可以这样写：\n{TYPED_EXAMPLES}"
TYPED_BAD_TIME = "时间请写成 HH:MM，例如 22:30-07:30 或 08:00。"
TYPED_BAD_TRAVEL = f"路上时间请写 0–{TRAVEL_MINUTES_MAX} 之间的分钟数，例如 /settings 路上 40。"


@dataclass(frozen=True)
class TypedSetting:
    changes: dict[str, object] | None
    problem: str | None = None


def _wall_time(text: str) -> time:
    """'22:30', '22：30', '8点', '8点半', '7点05' → a wall time; ValueError otherwise."""
    text = text.strip().replace("：", ":")
    if "点" in text:
        hours, _, minutes = text.partition("点")
        minutes = {"": "00", "半": "30"}.get(minutes, minutes.removesuffix("分"))
        text = f"{hours}:{minutes.zfill(2)}"
    return parse_wall_time(text)


def parse_typed_setting(text: str) -> TypedSetting:
    """'免打扰 22:30-07:30', '汇总 关闭', '路上 40分钟' → the settings they change."""
    words = text.replace("－", "-").replace("—", "-").replace("～", "-").replace("~", "-").split()
    if not words:
        return TypedSetting(None, TYPED_UNCLEAR)
    topic = next((name for name, names in _TOPIC_WORDS.items() if words[0] in names), None)
    value = "".join(words[1:]).lower()
    if topic is None or not value:
        return TypedSetting(None, TYPED_UNCLEAR)
    off = value in _OFF_WORDS
    try:
        if topic == QUIET:
            if off:
                return TypedSetting({"quiet_start": time(0, 0), "quiet_end": time(0, 0)})
            start_text, dash, end_text = value.partition("-")
            if not dash:
                return TypedSetting(None, TYPED_BAD_TIME)
            start, end = _wall_time(start_text), _wall_time(end_text)
            if start == end:
                return TypedSetting(None, TYPED_BAD_TIME)
            return TypedSetting({"quiet_start": start, "quiet_end": end})
        if topic == DIGEST:
            return TypedSetting({"digest_at": None if off else _wall_time(value)})
        if topic == PRACTICE:
            return TypedSetting({"practice_at": None if off else _wall_time(value)})
    except ValueError:
        return TypedSetting(None, TYPED_BAD_TIME)
    minutes = value.removesuffix("分钟").removesuffix("分").removesuffix("min")
    if not minutes.isdigit() or int(minutes) > TRAVEL_MINUTES_MAX:
        return TypedSetting(None, TYPED_BAD_TRAVEL)
    return TypedSetting({"travel_minutes": int(minutes)})
