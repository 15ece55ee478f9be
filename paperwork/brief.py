"""The brief before a planned visit, sent with its day-before and leave-now reminders: what a
manager wants to have read in the lift — the plan, the last visits, what is open, the etiquette
the norms ask of a visit. Short by construction (BRIEF_LIMIT), most recent first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.models import (
    KIND_COMMITMENT,
    WAY_ONSITE,
    Customer,
    CustomerLetter,
    FollowUpItem,
    PlannedVisit,
    Visit,
)
from timekeeping.zone import format_local, local_date
from views.common import fit_message

BRIEF_LIMIT = 1500
FIELD = 80  # characters of a free-text field shown
SHOWN_VISITS = 3
SHOWN_ITEMS = 5


@dataclass(frozen=True)
class EtiquetteLine:
    text: str  # the material's words, verbatim in the norm's text
    norm_id: str
    first_meeting_only: bool = False


ETIQUETTE = (
    EtiquetteLine("至少提前5分钟到达预约地点", "1.2.1-05"),
    EtiquetteLine("应着职业装，保持衣冠整洁", "1.2.7-17"),
    EtiquetteLine("初次会见要主动交换名片，报清自己的姓名和职务", "1.2.7-20", True),
    EtiquetteLine("态度友好地自我介绍、介绍拜访目的以及时限", "1.2.1-06"),
)


def _short(text: str | None, limit: int = FIELD) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visit_brief(
    plan: PlannedVisit,
    customer: Customer,
    visits: Sequence[Visit],
    items: Sequence[FollowUpItem],
    letters: Sequence[CustomerLetter],
    now: datetime,
) -> str:
    """The brief: `visits` of this customer, `items` and `letters` open, in any order."""
    way = "上门拜访" if plan.way == WAY_ONSITE else "电话拜访"
    lines = [
        f"📋 拜访简报 · {customer.name}",
        f"{format_local(plan.starts_at, now=now)} {way} · 目的：{_short(plan.purpose)}",
    ]
    plan_parts = [
        f"重点：{_short(plan.key_points)}" if plan.key_points else "",
        f"要介绍：{_short(plan.intro_content)}" if plan.intro_content else "",
        f"客户关心：{_short(plan.customer_concerns)}" if plan.customer_concerns else "",
    ]
    if any(plan_parts):
        lines.append("拜访预案：" + "；".join(part for part in plan_parts if part))
    earlier = sorted(visits, key=lambda visit: visit.started_at, reverse=True)
    if earlier:
        lines.append("")
        lines.append("以往拜访（最近的在前）：")
    for visit in earlier[:SHOWN_VISITS]:
        day = local_date(visit.started_at)
        facts = [f"目的：{_short(visit.purpose, 40)}"]
        if visit.people_met:
            facts.append(f"见到：{_short(visit.people_met, 40)}")
        if visit.learned:
            facts.append(f"了解到：{_short(visit.learned)}")
        if visit.customer_views:
            facts.append(f"客户看法：{_short(visit.customer_views)}")
        lines.append(f"· {day.month}月{day.day}日 " + "；".join(facts))
    open_items = sorted(items, key=lambda item: item.due_at)
    if open_items:
        lines.append("")
        lines.append("未完成的要求和承诺：")
        for item in open_items[:SHOWN_ITEMS]:
            kind = "我方承诺" if item.kind == KIND_COMMITMENT else "客户要求"
            due = local_date(item.due_at)
            lines.append(f"· {kind}：{_short(item.text, 50)}（{due.month}月{due.day}日前）")
        if len(open_items) > SHOWN_ITEMS:
            lines.append(f"· …还有 {len(open_items) - SHOWN_ITEMS} 项")
    if letters:
        lines.append("")
        lines.append("待答复的来函：")
        for letter in sorted(letters, key=lambda letter: letter.reply_due_at)[:SHOWN_ITEMS]:
            reply_by = format_local(letter.reply_due_at, now=now)
            lines.append(f"· {_short(letter.subject, 50)}（{reply_by}前书面答复）")
    etiquette = [line for line in ETIQUETTE if not (line.first_meeting_only and earlier)]
    if plan.way == WAY_ONSITE:
        lines.append("")
        lines.append("拜访礼仪：" + "；".join(line.text for line in etiquette) + "。")
    return fit_message("\n".join(lines), BRIEF_LIMIT)
