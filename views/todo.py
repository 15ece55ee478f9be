"""What /todo shows: every open obligation, overdue first, then by deadline, grouped by day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from fieldwork.obligations import Obligation
from timekeeping.zone import format_local, local_date
from views.common import MESSAGE_LIMIT, Reply

OVERDUE = "⚠️ 已逾期"
TODAY = "📌 今天"
LATER = "🗓 之后"
EMPTY = "🎉 目前没有待办事项，所有期限都在掌握之中。继续保持！"
FOOTER = "收到提醒时可点「已完成」记录；提醒时间可在 /settings 调整。"


def overdue_by(delta: timedelta) -> str:
    """A rough lateness for a list: '3天', '5小时', '20分钟'."""
    if delta >= timedelta(days=1):
        return f"{delta // timedelta(days=1)}天"
    if delta >= timedelta(hours=1):
        return f"{delta // timedelta(hours=1)}小时"
    return f"{max(1, delta // timedelta(minutes=1))}分钟"


def group_of(obligation: Obligation, now: datetime) -> str:
    if obligation.is_overdue_at(now):
        return OVERDUE
    # A log or summary prompt whose event is over is to be done now: it belongs to today.
    if obligation.deadline <= now or local_date(obligation.deadline) == local_date(now):
        return TODAY
    return LATER


def todo_line(obligation: Obligation, customers: Mapping[int, str], now: datetime) -> str:
    """'· 11月28日（周六）14:30 给华为技术有限公司送感谢函', plus the customer if not named."""
    line = f"· {format_local(obligation.deadline, now=now)} {obligation.title}"
    customer = customers.get(obligation.customer_id) if obligation.customer_id else None
    if customer and customer not in obligation.title:
        line += f"（{customer}）"
    if obligation.is_overdue_at(now):
        line += f" —— 逾期{overdue_by(now - obligation.deadline)}"
    return line


def todo_list(
    obligations: Sequence[Obligation],
    customers: Mapping[int, str],
    now: datetime,
    limit: int = MESSAGE_LIMIT,
) -> Reply:
    """The open obligations in three groups, within one message (a "……还有N项" tail if not)."""
    shown = [obligation for obligation in obligations if obligation.is_open_at(now)]
    if not shown:
        return Reply(EMPTY)
    order = {OVERDUE: 0, TODAY: 1, LATER: 2}
    shown.sort(key=lambda o: (order[group_of(o, now)], o.deadline, o.key))
    head = f"📋 待办事项（{len(shown)}项）"
    lines = [head]
    group = None
    for index, obligation in enumerate(shown):
        next_lines = []
        if group_of(obligation, now) != group:
            group = group_of(obligation, now)
            next_lines += ["", group]
        next_lines.append(todo_line(obligation, customers, now))
        left = len(shown) - index
        tail = ["", f"……还有{left - 1}项"] if left > 1 else []
        if _length([*lines, *next_lines, *tail, "", FOOTER]) > limit:
            lines += ["", f"……还有{left}项"]
            break
        lines += next_lines
    lines += ["", FOOTER]
    return Reply("\n".join(lines))


def _length(lines: Sequence[str]) -> int:
    return len("\n".join(lines))
