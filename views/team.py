"""The team lead's texts: the weekly overview and the one-time overdue notice."""

from __future__ import annotations

from datetime import datetime

from fieldwork.obligations import Obligation
from fieldwork.stats import Deadlines
from fieldwork.team import MemberWeek
from storage.staff import StaffMember
from timekeeping.zone import format_local
from views.common import fit_message

NO_MEMBERS = "您的团队还没有在册的客户经理。"


def _deadlines(label: str, counts: Deadlines) -> str:
    if not counts.total:
        return f"{label}：本周无"
    return f"{label}：按时 {counts.on_time} · 逾期完成 {counts.late} · 超期未完成 {counts.overdue}"


def team_overview(team: str, rows: list[MemberWeek], now: datetime) -> str:
    if not rows:
        return NO_MEMBERS
    lines = [f"【{team}】本周概况（截至 {format_local(now, now=now)}）"]
    for row in rows:
        lines += [
            "",
            f"👤 {row.member.name}：本周拜访 {row.visits} 次，逾期事项 {len(row.overdue)} 项",
            "  " + _deadlines("感谢函", row.thank_you),
            "  " + _deadlines("书面答复", row.replies),
        ]
        for obligation in row.overdue[:3]:
            lines.append(
                f"  ⚠️ {obligation.title}（截止 {format_local(obligation.deadline, now=now)}）"
            )
        if len(row.overdue) > 3:
            lines.append(f"  ……还有{len(row.overdue) - 3}项")
    return fit_message("\n".join(lines))


def escalation_text(member: StaffMember, obligation: Obligation, now: datetime) -> str:
    hours = int((now - obligation.deadline).total_seconds() // 3600)
    return (
        f"【团队提醒】{member.name}的一项工作已逾期 {hours} 小时：\n"
        f"{obligation.title}（截止 {format_local(obligation.deadline, now=now)}）\n"
        "请关注并协助跟进。"
    )
