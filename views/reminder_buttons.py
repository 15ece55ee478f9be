"""The buttons under a reminder (已完成, 1小时后提醒, 明天再提醒) and what pressing them says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from timekeeping.zone import format_local
from views.button_data import (
    SNOOZE_BEFORE_DEADLINE,
    SNOOZE_HOUR,
    SNOOZE_TOMORROW,
    ReminderDone,
    ReminderSnooze,
    SnoozeChoice,
)
from views.common import MESSAGE_LIMIT, Button, fit_message

DONE_LABEL = "已完成"
SNOOZE_HOUR_LABEL = "1小时后提醒"
SNOOZE_TOMORROW_LABEL = "明天再提醒"
SNOOZE_BEFORE_DEADLINE_LABEL = "截止前1小时提醒"
SNOOZE_LABELS = {
    SNOOZE_HOUR: SNOOZE_HOUR_LABEL,
    SNOOZE_TOMORROW: SNOOZE_TOMORROW_LABEL,
    SNOOZE_BEFORE_DEADLINE: SNOOZE_BEFORE_DEADLINE_LABEL,
}
SNOOZE_PAST_DEADLINE = "离截止时间太近了，不能推迟到那时。请尽快办理。"

NOT_FOUND = "没有找到这条提醒（可能不是发给您的）。"
ALREADY_CLOSED = "这项已经完成或不再需要提醒了。"
RECORD_GONE = "没有找到这条提醒对应的记录，可能已被删除。已停止相关提醒。"
RECORDED = "已记录为完成，相关提醒不会再发。"
ACKNOWLEDGED = "好的，这项不再提醒。"
DONE_MARK = "✅ 已完成"
ALREADY_DONE_MARK = "✅ 已处理，不再提醒"
RECORD_GONE_MARK = "🗑 对应的记录已不存在，不再提醒"


def done_data(reminder_id: int) -> str:
    return ReminderDone(reminder_id).pack()


def snooze_data(reminder_id: int, choice: SnoozeChoice) -> str:
    return ReminderSnooze(reminder_id, choice).pack()


DEFAULT_SNOOZES: tuple[SnoozeChoice, ...] = (SNOOZE_HOUR, SNOOZE_TOMORROW)


def snooze_row(reminder_id: int, snoozes: Sequence[str]) -> tuple[Button, ...]:
    """The snooze buttons that keep the reminder before its deadline
    (fieldwork.reminder_actions.snooze_choices)."""
    return tuple(
        Button(label, snooze_data(reminder_id, choice))
        for choice, label in SNOOZE_LABELS.items()
        if choice in snoozes
    )


def reminder_buttons(
    reminder_id: int, snoozes: Sequence[str] = DEFAULT_SNOOZES
) -> tuple[tuple[Button, ...], ...]:
    """The standard rows under every reminder; composers may add a row of their own above."""
    row = snooze_row(reminder_id, snoozes)
    return ((Button(DONE_LABEL, done_data(reminder_id)),), *((row,) if row else ()))


def with_mark(text: str, mark: str) -> str:
    """The reminder's text with a closing line saying what became of it."""
    kept = fit_message(text.rstrip(), MESSAGE_LIMIT - len(mark) - 2)
    return f"{kept}\n\n{mark}"


def snoozed_until(send_at: datetime, now: datetime) -> str:
    """'将在 11月27日（周五）11:30 再提醒您。'"""
    return f"好的，将在 {format_local(send_at, now=now)} 再提醒您。"


def snoozed_mark(send_at: datetime, now: datetime) -> str:
    return f"⏰ 已推迟到 {format_local(send_at, now=now)} 再提醒"
