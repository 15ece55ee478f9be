"""What /plan shows: the open planned visits with their buttons, and the text after saving one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from fieldwork.deadlines import arrival_time, booking_is_late, rule_span
from fieldwork.labels import WAY_LABELS
from knowledge.base import KnowledgeBase
from paperwork.next_step import NextVisit
from storage.models import WAY_ONSITE, PlannedVisit
from timekeeping.zone import format_duration, format_local, format_local_date, local_date, to_local
from views.button_data import PlanBooked, PlanCancel, PlanDrop, PlanList, PlanLog, PlanNew
from views.common import Button, Reply, fit_message, source_line

LIST_LIMIT = 10  # more than this at once is no longer a plan but a backlog


NEW_PLAN = PlanNew().pack()
SHOW_LIST = PlanList().pack()

PLAN_GONE = "没有找到这个拜访计划（可能已删除，或不是您的计划）。"
PLAN_CLOSED = "这个计划已经记录或取消了。"
PLAN_CANCELLED_NOTICE = "已取消这个拜访计划。"
BOOKED_NOTICE = "已记下：已和客户约好。"
UNKNOWN_CUSTOMER = "？"  # a plan whose customer can no longer be read


def plan_time(plan: PlannedVisit, now: datetime | None = None) -> str:
    shown = format_local(plan.starts_at, now=now)
    if plan.ends_at is None:
        return shown
    if local_date(plan.ends_at) == local_date(plan.starts_at):
        return f"{shown}–{to_local(plan.ends_at):%H:%M}"
    return f"{shown} – {format_local(plan.ends_at, now=now)}"


def _plan_lines(index: int, plan: PlannedVisit, customer: str, now: datetime) -> list[str]:
    lines = [f"{index}. {customer} · {WAY_LABELS[plan.way]} · {plan_time(plan, now)}"]
    if plan.starts_at <= now:
        lines[0] += " ⏳待记录"
    lines.append(f"   目的：{plan.purpose}")
    for label, value in (
        ("重点", plan.key_points),
        ("要介绍的内容", plan.intro_content),
        ("客户关心的问题", plan.customer_concerns),
    ):
        if value:
            lines.append(f"   {label}：{value}")
    if plan.way == WAY_ONSITE and plan.starts_at > now and not plan.booking_confirmed:
        lines.append("   📞 尚未确认已和客户预约")
    return lines


def plans_overview(
    plans: Sequence[PlannedVisit], customers: Mapping[int, str], now: datetime
) -> Reply:
    """The open plans, soonest first, each with its buttons; the new-plan button last."""
    if not plans:
        return Reply(
            "目前没有计划中的拜访。\n拜访前确定目的、准备拜访预案，正式拜访至少提前一天和客户预约。",
            ((Button("➕ 新建拜访计划", NEW_PLAN),),),
        )
    shown = plans[:LIST_LIMIT]
    lines = [f"📅 计划中的拜访（{len(plans)}）"]
    rows: list[tuple[Button, ...]] = []
    for index, plan in enumerate(shown, 1):
        lines += ["", *_plan_lines(index, plan, customers.get(plan.customer_id, "？"), now)]
        row = [
            Button(f"{index}. 记录这次拜访", PlanLog(plan.id).pack()),
            Button(f"{index}. 取消计划", PlanCancel(plan.id).pack()),
        ]
        rows.append(tuple(row))
        if plan.way == WAY_ONSITE and plan.starts_at > now and not plan.booking_confirmed:
            rows.append((Button(f"{index}. 已和客户约好", PlanBooked(plan.id).pack()),))
    if len(plans) > len(shown):
        lines += ["", f"另有 {len(plans) - len(shown)} 个计划未列出，请先处理以上计划。"]
    rows.append((Button("➕ 新建拜访计划", NEW_PLAN),))
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def cancel_question(plan: PlannedVisit, customer: str, now: datetime) -> Reply:
    return Reply(
        f"确定取消这个拜访计划吗？\n{customer} · {WAY_LABELS[plan.way]} · {plan_time(plan, now)}\n"
        f"目的：{plan.purpose}",
        (
            (
                Button("确定取消", PlanDrop(plan.id).pack()),
                Button("不取消，返回", SHOW_LIST),
            ),
        ),
    )


def booking_warning(kb: KnowledgeBase) -> str:
    """Norm 1.2.1-04, said when an on-site visit is planned less than a day ahead."""
    rule = kb.deadline_rule("visit_booking_lead")
    norm = kb.norm(rule.norm_id) if rule else None
    lines = ["⚠️ 离计划的时间已不到一天。规范要求：正式拜访前至少提前一天和客户预约。"]
    if norm is not None:
        lines.append(source_line(norm))
    return "\n".join(lines)


def saved_plan_text(plan: PlannedVisit, customer: str, kb: KnowledgeBase, now: datetime) -> str:
    """What follows from the norms once a visit is planned: the booking and when to arrive."""
    lines = [
        "✅ 拜访计划已保存。",
        f"{customer} · {WAY_LABELS[plan.way]} · {plan_time(plan, now)}",
    ]
    if plan.way == WAY_ONSITE:
        lines += ["", *_booking_lines(plan, kb, now), "", *_arrival_lines(plan, kb, now)]
    else:
        lines += ["", f"📞 请在 {format_local(plan.starts_at, now=now)} 准时致电客户。"]
    lines += ["", "拜访之后，在 /plan 中点“记录这次拜访”，即可一键转为拜访记录。"]
    return "\n".join(lines)


def _booking_lines(plan: PlannedVisit, kb: KnowledgeBase, now: datetime) -> list[str]:
    if plan.booking_confirmed:
        return ["📅 已和客户约好时间。"]
    rule = kb.deadline_rule("visit_booking_lead")
    if rule is None:
        return ["📞 请记得和客户预约。"]
    norm = kb.norm(rule.norm_id)
    if booking_is_late(plan.starts_at, now, rule):
        lines = [
            "📞 还没有预约：请尽快和客户确认时间；时间来不及的话，可与客户商量改期。"
            "（正式拜访前至少提前一天和客户预约）"
        ]
    else:
        book_by = plan.starts_at - rule_span(rule)
        lines = [
            f"📞 请在 {format_local(book_by, now=now)} 前和客户预约"
            "（正式拜访前至少提前一天和客户预约）。"
        ]
    if norm is not None:
        lines.append(source_line(norm))
    return lines


def _arrival_lines(plan: PlannedVisit, kb: KnowledgeBase, now: datetime) -> list[str]:
    rule = kb.deadline_rule("visit_arrival_lead")
    if rule is None:
        return []
    arrive = arrival_time(plan.starts_at, rule)
    lines = [
        f"⏰ 请在 {format_local(arrive, now=now)} 前到达"
        f"（严格遵守预约时间，至少提前{format_duration(rule_span(rule))}到达预约地点）。"
    ]
    norm = kb.norm(rule.norm_id)
    if norm is not None:
        lines.append(source_line(norm))
    return lines


def next_visit_note(found: NextVisit, now: datetime) -> str:
    """Said at the start of planning the next visit a visit's next step dated."""
    when = (
        format_local(found.starts_at, now=now)
        if found.has_time
        else format_local_date(local_date(found.starts_at), now=now)
    )
    if found.has_time:
        return f"按“{found.said}”填好了客户和时间（{when}）。"
    return f"下次拜访：“{found.said}”，即 {when}。请写上具体时间，例如：{found.said}上午10点。"
