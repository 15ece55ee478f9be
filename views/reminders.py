"""What a reminder says: what is due, by when in local time, the norm's words and 出处."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from fieldwork.labels import WAY_LABELS, cadence_text
from fieldwork.obligations import (
    BID_ARRIVE,
    DEMAND_FORECAST,
    FOLLOW_UP,
    PLAN_DEPART,
    THANK_YOU_LETTER,
    WRITTEN_REPLY,
    Obligation,
)
from knowledge.base import KnowledgeBase
from reminders.digest import DigestContent
from storage.models import (
    KIND_REQUEST,
    Bid,
    Customer,
    CustomerLetter,
    FollowUpItem,
    PlannedVisit,
    Visit,
)
from timekeeping.zone import format_local, format_local_date, local_date, to_local
from views.common import fit_message, source_line
from views.plan import plan_time

LATE_MARK = "（补发）"
NORM_WORDS_LIMIT = 80  # a longer norm is cited by its rule's phrase
DIGEST_SECTION_LIMIT = 15  # lines per section; /todo has the rest
LEAVE_SOON = timedelta(minutes=30)  # a departure reminder this close says "该出发了"
JUST_DUE = timedelta(minutes=1)  # an overdue reminder at the deadline says "已到期"


# -- pieces ----------------------------------------------------------------------------------


def approx_span(delta: timedelta) -> str:
    """'1天2小时', '3小时20分钟', '45分钟': to the nearest minute (hours once it is days)."""
    minutes = max(0, round(delta / timedelta(minutes=1)))
    if minutes == 0:
        return "不到1分钟"
    days, rest = divmod(minutes, 24 * 60)
    if days:
        hours = round(rest / 60)
        if hours == 24:
            days, hours = days + 1, 0
        return f"{days}天{hours}小时" if hours else f"{days}天"
    hours, minutes = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes}分钟" if minutes else f"{hours}小时"
    return f"{minutes}分钟"


def time_left(deadline: datetime, now: datetime) -> str:
    """'还剩 6小时', '已到期' (within the minute) or '已逾期 8小时'."""
    if deadline > now:
        return f"还剩 {approx_span(deadline - now)}"
    if now - deadline < JUST_DUE:
        return "已到期"
    return f"已逾期 {approx_span(now - deadline)}"


def due_line(deadline: datetime, now: datetime) -> str:
    return f"截止：{format_local(deadline, now=now)}（{time_left(deadline, now)}）"


def clock_time(instant: datetime) -> str:
    return f"{to_local(instant):%H:%M}"


def day_word(day: date, now: datetime) -> str:
    """'今天', '明天' or the date, for the day of a visit or a bid."""
    today = local_date(now)
    if day == today:
        return "今天"
    if day == today + timedelta(days=1):
        return "明天"
    return format_local_date(day, now=now)


def norm_lines(kb: KnowledgeBase, obligation: Obligation) -> list[str]:
    """The norm's words and its 出处 line; the rule's phrase when the norm is long."""
    norm = kb.norm(obligation.norm_id) if obligation.norm_id else None
    if norm is None:
        return []
    words = norm.text.replace("\n", "").strip().rstrip("，；,;。")
    if len(words) > NORM_WORDS_LIMIT and obligation.rule_id:
        rule = kb.deadline_rule(obligation.rule_id)
        if rule is not None:
            words = rule.quote
    return [f"规范：{words}。", source_line(norm)]


def _headline(icon: str, text: str, late: bool) -> str:
    return f"{icon} {text}{LATE_MARK if late else ''}"


def _assemble(head: str, body: Sequence[str], kb: KnowledgeBase, ob: Obligation) -> str:
    lines = [head, *body]
    cited = norm_lines(kb, ob)
    if cited:
        lines += ["", *cited]
    return fit_message("\n".join(lines))


def _moment(instant: datetime, now: datetime) -> str:
    """'08:25' today, '明天 08:25' or '11月30日（周一）08:25' otherwise."""
    day = local_date(instant)
    if day == local_date(now):
        return clock_time(instant)
    return f"{day_word(day, now)} {clock_time(instant)}"


def _leave_line(
    arrive_by: datetime, leave_at: datetime, travel_minutes: int, now: datetime
) -> str:
    arrive = f"最晚 {_moment(arrive_by, now)} 到达"
    if travel_minutes == 0:
        return f"{arrive}。"
    return f"{arrive}；按路上 {travel_minutes}分钟 计，请在 {_moment(leave_at, now)} 前出发。"


# -- one reminder per kind -------------------------------------------------------------------


def deadline_reminder_text(
    ob: Obligation, detail: str | None, kb: KnowledgeBase, now: datetime, *, late: bool
) -> str:
    """Thank-you letters, written replies, requests and commitments, the monthly forecast:
    what is due, by when, and how long is left (or how long overdue)."""
    icon, label = {
        THANK_YOU_LETTER: ("📮", "感谢函"),
        WRITTEN_REPLY: ("✉️", "书面答复"),
        DEMAND_FORECAST: ("📈", "业务需求预测"),
    }.get(ob.kind, ("📌", "待办"))
    if ob.kind == FOLLOW_UP:
        icon, label = ("📌", "客户要求") if "的要求：" in ob.title else ("🤝", "承诺")
    overdue = ob.deadline <= now
    state = ("已到期" if now - ob.deadline < JUST_DUE else "已逾期") if overdue else "提醒"
    head = _headline(icon, f"{label}{state}", late)
    body = [ob.title + (f"（{detail}）" if detail else ""), due_line(ob.deadline, now)]
    if overdue:
        body.append("请尽快完成；完成后点“已完成”。")
    return _assemble(head, body, kb, ob)


def thank_you_detail(visit: Visit, now: datetime) -> str:
    return f"拜访于 {format_local(visit.ended_at, now=now)} 结束"


def reply_detail(letter: CustomerLetter, now: datetime) -> str:
    return f"{format_local(letter.received_at, now=now)} 收到"


def follow_up_detail(item: FollowUpItem) -> str | None:
    return None if item.kind == KIND_REQUEST or item.visit_id is None else "拜访中做出的承诺"


def plan_confirm_text(
    ob: Obligation,
    plan: PlannedVisit,
    customer: str,
    kb: KnowledgeBase,
    now: datetime,
    *,
    late: bool,
) -> str:
    when = day_word(local_date(plan.starts_at), now)
    head = _headline("📞", "确认拜访预约", late)
    body = [
        f"{when} {plan_time(plan, now)} {WAY_LABELS[plan.way]}{customer}",
        f"目的：{plan.purpose}",
        "请和客户确认预约时间；确认后点“已完成”。",
    ]
    return _assemble(head, body, kb, ob)


def _plan_notes(plan: PlannedVisit) -> list[str]:
    notes = [f"目的：{plan.purpose}"]
    for label, value in (
        ("重点", plan.key_points),
        ("要介绍的内容", plan.intro_content),
        ("客户关心的问题", plan.customer_concerns),
    ):
        if value:
            notes.append(f"{label}：{value}")
    return notes


def departure_text(
    ob: Obligation,
    starts_at: datetime,
    arrive_by: datetime,
    travel_minutes: int,
    what: str,
    details: Sequence[str],
    kb: KnowledgeBase,
    now: datetime,
    *,
    late: bool,
) -> str:
    """Planned visits (1.2.1-05) and bids (1.2.4-02): when to leave so as to arrive in time."""
    # Quiet hours may bring a departure at dawn forward to the evening before.
    soon = ob.deadline - now <= LEAVE_SOON
    head = _headline("🚗", f"{'该出发了' if soon else '出发提醒'}：{what}", late)
    body = [
        f"开始：{format_local(starts_at, now=now)}",
        _leave_line(arrive_by, ob.deadline, travel_minutes, now),
        *details,
    ]
    if ob.kind == PLAN_DEPART and arrive_by < now:
        body.append("⚠️ 已晚于应到时间，请尽快联系客户说明。")
    elif ob.kind == BID_ARRIVE and arrive_by < now:
        body.append("⚠️ 已晚于应到时间，请尽快赶到。")
    return _assemble(head, body, kb, ob)


def plan_departure_details(plan: PlannedVisit) -> list[str]:
    return _plan_notes(plan)


def bid_departure_details(bid: Bid, customer: str | None) -> list[str]:
    lines = [f"地点：{bid.place}"]
    if customer:
        lines.append(f"客户：{customer}")
    return lines


def plan_log_text(
    ob: Obligation,
    plan: PlannedVisit,
    customer: str,
    kb: KnowledgeBase,
    now: datetime,
    *,
    late: bool,
) -> str:
    head = _headline("📝", "记录这次拜访", late)
    body = [
        f"{WAY_LABELS[plan.way]}{customer}（计划 {plan_time(plan, now)}）应已结束。",
        "请做正式的拜访记录：点“记录这次拜访”，计划中的内容会预先填好。",
    ]
    return _assemble(head, body, kb, ob)


def bid_checklist_head(bid: Bid, now: datetime, *, late: bool) -> str:
    when = day_word(local_date(bid.starts_at), now)
    return _headline("⏰", f"{when}投标，请检查现场必需品", late)


def bid_summary_text(
    ob: Obligation, bid: Bid, kb: KnowledgeBase, now: datetime, *, late: bool
) -> str:
    head = _headline("📝", f"投标总结：《{bid.project}》", late)
    body = [
        f"投标于 {format_local(bid.starts_at, now=now)} 开始。",
        "招标结束后请写下总结（结果、得失、下次改进），点“写总结”即可。",
    ]
    return _assemble(head, body, kb, ob)


def regular_visit_text(
    ob: Obligation,
    customer: Customer,
    last_visit: datetime | None,
    kb: KnowledgeBase,
    now: datetime,
    *,
    late: bool,
) -> str:
    head = _headline("🤝", f"该拜访{customer.name}了", late)
    cadence = f"拜访周期：{cadence_text(customer.visit_cadence_days)}"
    if last_visit is None:
        added = format_local_date(local_date(customer.created_at), now=now)
        first = f"自 {added} 添加以来尚未拜访（{cadence}）。"
    else:
        days = (local_date(now) - local_date(last_visit)).days
        last = format_local_date(local_date(last_visit), now=now)
        first = f"已 {days} 天未拜访（上次：{last}；{cadence}）。"
    body = [first, "建议尽快安排一次拜访，了解客户使用及合作中的问题。"]
    return _assemble(head, body, kb, ob)


# -- the morning digest ----------------------------------------------------------------------


def _digest_section(
    title: str, obligations: Sequence[Obligation], line: str, now: datetime
) -> list[str]:
    if not obligations:
        return []
    shown = obligations[:DIGEST_SECTION_LIMIT]
    lines = ["", f"{title}（{len(obligations)}）："]
    for ob in shown:
        if line == "overdue":
            lines.append(f"· {ob.title} —— {time_left(ob.deadline, now)}")
        elif line == "today":
            lines.append(f"· {ob.title} —— {clock_time(ob.deadline)}前")
        else:
            lines.append(f"· {ob.title}")
    if len(obligations) > len(shown):
        lines.append(f"· …还有 {len(obligations) - len(shown)} 项")
    return lines


def digest_text(content: DigestContent, now: datetime) -> str:
    today = format_local_date(local_date(now), now=now)
    lines = [f"📋 今日待办 · {today}"]
    lines += _digest_section("⚠️ 已逾期", content.overdue, "overdue", now)
    lines += _digest_section("📅 今天到期", content.today, "today", now)
    lines += _digest_section("📝 待完成", content.to_do, "to_do", now)
    if content.review_groups:
        lines += ["", f"📚 知识库有 {content.review_groups} 组新的未答问题待审：/review"]
    lines += ["", "发送 /todo 查看全部待办。"]
    return fit_message("\n".join(lines))
