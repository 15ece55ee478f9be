"""/visits — the user's logged visits, newest first, page by page, and one visit in full."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from fieldwork.labels import COMPANION_LABELS, KIND_LABELS, STAGE_LABELS, WAY_LABELS
from fieldwork.listings import VISITS_PER_PAGE, RecentVisits, VisitRecord
from storage.models import WAY_ONSITE, FollowUpItem, Visit
from timekeeping.zone import format_duration, format_local, local_date, to_local
from views.button_data import ButtonData, CustomerCard, DraftThankYou, VisitOpen, VisitsPage
from views.common import MESSAGE_LIMIT, Button, Reply, fit_message, fit_parts
from views.drafts import DRAFT_THANK_YOU

PURPOSE_PREVIEW = 24  # characters of the purpose in a list line
NUMBERS_PER_ROW = 5

NO_VISITS = "还没有拜访记录。拜访客户后，发送 /visit 记一笔。"
VISIT_NOT_FOUND = "没有找到这条拜访记录（可能不是您记录的）。"


def shorten(text: str | None, limit: int) -> str:
    """One line of at most `limit` characters: line breaks folded, a cut marked with '…'."""
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def visit_line(visit: Visit, now: datetime, customer_name: str | None = None) -> str:
    """'11月26日（周四）15:00 · 华为 · 上门拜访 · 介绍云专线方案'."""
    parts = [format_local(visit.started_at, now=now)]
    if customer_name is not None:
        parts.append(shorten(customer_name, 20))
    parts += [WAY_LABELS.get(visit.way, visit.way), shorten(visit.purpose, PURPOSE_PREVIEW)]
    return " · ".join(parts)


def open_visit_data(visit_id: int) -> str:
    return VisitOpen(visit_id).pack()


def numbered_buttons(visits: Sequence[Visit], first: int) -> list[tuple[Button, ...]]:
    """One small numbered button per listed visit, five to a row: the list text says which."""
    buttons = [
        Button(str(first + index), open_visit_data(visit.id)) for index, visit in enumerate(visits)
    ]
    return [
        tuple(buttons[start : start + NUMBERS_PER_ROW])
        for start in range(0, len(buttons), NUMBERS_PER_ROW)
    ]


def page_buttons(
    page: int, has_more: bool, button_for: Callable[[int], ButtonData]
) -> tuple[Button, ...]:
    """'◀ 上一页' / '下一页 ▶'; button_for gives a page's button data."""
    nav = []
    if page > 0:
        nav.append(Button("◀ 上一页", button_for(page - 1).pack()))
    if has_more:
        nav.append(Button("下一页 ▶", button_for(page + 1).pack()))
    return tuple(nav)


def visits_page(recent: RecentVisits, now: datetime) -> Reply:
    """A page of the user's visits, newest first, each openable by its number."""
    page, visits, names = recent.page, recent.visits, recent.customer_names
    if not visits and page > 0:
        return Reply("没有更早的拜访记录了。", ((Button("回到第一页", _page_data(0)),),))
    if not visits:
        return Reply(NO_VISITS)
    first = page * VISITS_PER_PAGE + 1
    lines = [f"最近的拜访记录（第{page + 1}页），点编号查看详情："]
    lines += [
        f"{first + index}. {visit_line(visit, now, names.get(visit.customer_id, '—'))}"
        for index, visit in enumerate(visits)
    ]
    rows = numbered_buttons(visits, first)
    nav = page_buttons(page, recent.has_more, VisitsPage)
    if nav:
        rows.append(nav)
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def _page_data(page: int) -> str:
    return VisitsPage(page).pack()


# -- one visit in full ---------------------------------------------------------------------


def _span_text(visit: Visit, now: datetime) -> str:
    start, end = visit.started_at, visit.ended_at
    if local_date(start) == local_date(end):
        span = f"{format_local(start, now=now)}–{to_local(end):%H:%M}"
    else:
        span = f"{format_local(start, now=now)} – {format_local(end, now=now)}"
    if end > start:
        span += f"（{format_duration(end - start)}）"
    return span


def item_status(item: FollowUpItem, now: datetime) -> str:
    if item.done_at is not None:
        return f"✅ 已完成（{format_local(item.done_at, now=now)}）"
    if item.due_at < now:
        return "⚠️ 已逾期"
    return "未完成"


def item_line(
    item: FollowUpItem, now: datetime, *, limit: int | None = None, text: str | None = None
) -> str:
    """'【客户要求】开通专线测试 —— 11月28日（周六）23:59前'."""
    if text is None:
        text = item.text if limit is None else shorten(item.text, limit)
    kind = KIND_LABELS.get(item.kind, item.kind)
    return f"【{kind}】{text} —— {format_local(item.due_at, now=now)}前"


def visit_detail(
    visit: Visit, customer_name: str, items: Sequence[FollowUpItem], now: datetime
) -> Reply:
    """Every field of one visit and the follow-up items it raised, in one message: should the
    whole not fit, the longest notes and item texts are shortened alike."""
    notes = [visit.purpose, visit.people_met, visit.learned, visit.customer_views, visit.next_step]
    texts = [note or "—" for note in notes] + [item.text for item in items]
    bare = _detail_text(visit, customer_name, items, now, [""] * len(texts))
    fitted = fit_parts(texts, MESSAGE_LIMIT - len(bare))
    text = _detail_text(visit, customer_name, items, now, fitted)
    buttons: tuple[tuple[Button, ...], ...] = (
        (Button("查看客户视图", CustomerCard(visit.customer_id).pack()),),
    )
    if visit.way == WAY_ONSITE:  # norm 1.2.1-12: the letter is one tap away from the visit
        buttons = ((Button(DRAFT_THANK_YOU, DraftThankYou(visit.id).pack()),), *buttons)
    return Reply(text, buttons)


def _detail_text(
    visit: Visit,
    customer_name: str,
    items: Sequence[FollowUpItem],
    now: datetime,
    texts: Sequence[str],
) -> str:
    """The detail view with `texts` as the five notes (purpose … next step) and items' texts."""
    purpose, people_met, learned, views, next_step, *item_texts = texts
    lines = [
        f"📋 拜访详情：{customer_name}",
        f"时间：{_span_text(visit, now)}",
        f"方式：{WAY_LABELS.get(visit.way, visit.way)} · "
        f"阶段：{STAGE_LABELS.get(visit.stage, visit.stage)}",
        f"同行：{COMPANION_LABELS.get(visit.companions, visit.companions)}",
        f"目的：{purpose}",
        f"见到的客户人员：{people_met}",
        f"了解到的情况：{learned}",
        f"客户的看法：{views}",
        f"下一步：{next_step}",
    ]
    if items:
        lines.append("要求与承诺：")
        lines += [
            f"{index}. {item_line(item, now, text=text)} · {item_status(item, now)}"
            for index, (item, text) in enumerate(zip(items, item_texts, strict=True), 1)
        ]
    else:
        lines.append("要求与承诺：无")
    if visit.plan_id is not None:
        lines.append("（按计划拜访）")
    lines.append(f"记录于 {format_local(visit.created_at, now=now)}")
    return "\n".join(lines)


def visit_record_reply(record: VisitRecord, now: datetime) -> Reply:
    """A visit in full, from /visits or a customer's visits."""
    name = record.customer_name if record.customer_name is not None else "—"
    return visit_detail(record.visit, name, record.items, now)
