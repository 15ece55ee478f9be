"""/customer — the customer view (客户视图): profile, visits, open items, letters and plans.

Norm 1.2.3-02 asks the manager to build and keep a customer view that is true, complete and
continuous; this is that view, one message long whatever the history, with the gaps named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fieldwork.cadence import days_since, visit_overdue
from fieldwork.customer_match import NameMatch
from fieldwork.labels import CADENCE_LABEL, TEXT_FIELDS, WAY_LABELS, cadence_text
from fieldwork.listings import (
    NAME_LIMIT,
    VISITS_ON_CARD,
    CustomerLookup,
    CustomerPage,
    VisitsOfCustomer,
)
from storage.customer_view import CustomerView
from storage.models import Customer, CustomerLetter, FollowUpItem, PlannedVisit
from timekeeping.zone import format_local, format_local_date, local_date
from views.button_data import (
    CustomerCard,
    CustomerEdit,
    CustomerListPage,
    CustomerLog,
    CustomerProfile,
    CustomerVisits,
    CustomerVisitsPage,
)
from views.common import Button, Reply, button_label, fit_message
from views.visit_list import (
    item_line,
    numbered_buttons,
    page_buttons,
    shorten,
    visit_line,
)

FIELD_PREVIEW = 150  # characters of a profile field on the view; 完整资料 shows it all
ITEMS_SHOWN = 10
ITEM_TEXT = 60
LETTERS_SHOWN = 5
SUBJECT_TEXT = 40
PLANS_SHOWN = 5
PLAN_PURPOSE = 40
CANDIDATES_SHOWN = 5

NOT_FOUND = "没有找到这个客户（可能不在您的客户名单中）。"
NO_CUSTOMERS = (
    "您还没有客户记录。\n"
    "拜访客户后发送 /visit 客户名称 记录拜访，客户会随之建立，例如：/visit 华为。"
)


def view_data(customer_id: int) -> str:
    return CustomerCard(customer_id).pack()


# -- the view ------------------------------------------------------------------------------


def _last_visit_lines(view: CustomerView, now: datetime) -> list[str]:
    last = view.last_visit_at
    if last is None:
        return ["还没有拜访记录。"]
    days = days_since(last, now)
    when = "今天" if days == 0 else format_local_date(local_date(last), now=now)
    lines = [f"距上次拜访 {days} 天 · 上次：{when}"]
    cadence = view.customer.visit_cadence_days
    if visit_overdue(last, cadence, now):
        # Norm 1.2.3-09: visit customers regularly.
        lines.append(f"⚠️ 已超过拜访周期（{cadence_text(cadence)}），请安排拜访：/plan")
    return lines


def _profile_lines(customer: Customer) -> tuple[list[str], bool]:
    """The profile section and whether any field had to be shortened."""
    lines = ["【客户资料】"]
    missing = []
    shortened = False
    for field in TEXT_FIELDS:
        if field.key == "industry":
            continue  # in the heading
        value: str | None = getattr(customer, field.key)
        if not value:
            missing.append(field.label)
            continue
        shown = shorten(value, FIELD_PREVIEW)
        shortened = shortened or shown != " ".join(value.split())
        lines.append(f"· {field.label}：{shown}")
    if missing:
        lines.append(f"未填写：{'、'.join(missing)}（点“编辑资料”补充，保持客户视图完整）")
    return lines, shortened


def _open_item_line(index: int, item: FollowUpItem, now: datetime) -> str:
    overdue = "⚠️已逾期 " if item.due_at < now else ""
    return f"{index}. {overdue}{item_line(item, now, limit=ITEM_TEXT)}"


def _letter_line(index: int, letter: CustomerLetter, now: datetime) -> str:
    overdue = "⚠️已逾期 " if letter.reply_due_at < now else ""
    received = format_local_date(local_date(letter.received_at), now=now)
    return (
        f"{index}. {overdue}《{shorten(letter.subject, SUBJECT_TEXT)}》{received}收到 —— "
        f"{format_local(letter.reply_due_at, now=now)}前书面答复"
    )


def _plan_line(index: int, plan: PlannedVisit, now: datetime) -> str:
    passed = "（时间已过，待记录）" if plan.starts_at < now else ""
    return (
        f"{index}. {format_local(plan.starts_at, now=now)} · {WAY_LABELS.get(plan.way, plan.way)}"
        f" · {shorten(plan.purpose, PLAN_PURPOSE)}{passed}"
    )


def _section(title: str, unit: str, lines: Sequence[str], total: int) -> list[str]:
    if total == 0:
        return [f"【{title}】无"]
    more = [f"……还有{total - len(lines)}{unit}未列出"] if total > len(lines) else []
    return [f"【{title}】共{total}{unit}", *lines, *more]


def customer_card(view: CustomerView, now: datetime, note: str | None = None) -> Reply:
    """The whole view in one message under Telegram's limit, with its buttons."""
    customer = view.customer
    heading = [
        f"🏢 {customer.name}",
        f"行业：{customer.industry or '未填写'} · "
        f"{CADENCE_LABEL}：{cadence_text(customer.visit_cadence_days)}",
        *_last_visit_lines(view, now),
    ]
    profile, shortened = _profile_lines(customer)
    items = [
        _open_item_line(index, item, now)
        for index, item in enumerate(view.open_items[:ITEMS_SHOWN], 1)
    ]
    letters = [
        _letter_line(index, letter, now)
        for index, letter in enumerate(view.open_letters[:LETTERS_SHOWN], 1)
    ]
    plans = [
        _plan_line(index, plan, now)
        for index, plan in enumerate(view.planned_visits[:PLANS_SHOWN], 1)
    ]
    visits = [
        f"{index}. {visit_line(visit, now)}"
        for index, visit in enumerate(view.recent_visits[:VISITS_ON_CARD], 1)
    ]
    if view.visit_count:
        visits_section = [f"【拜访记录】共{view.visit_count}次，最近{len(visits)}次：", *visits]
    else:
        visits_section = ["【拜访记录】无（拜访后点“记录拜访”）"]
    blocks = [
        [note] if note else [],
        heading,
        profile,
        _section("待办的要求与承诺", "项", items, len(view.open_items)),
        _section("待答复的来函", "封", letters, len(view.open_letters)),
        _section("计划拜访", "次", plans, len(view.planned_visits)),
        visits_section,
    ]
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    rows: list[tuple[Button, ...]] = [
        (
            Button("编辑资料", CustomerEdit(customer.id).pack()),
            Button("记录拜访", CustomerLog(customer.id).pack()),
        )
    ]
    more = []
    if view.visit_count:
        label = f"全部拜访（{view.visit_count}）"
        more.append(Button(label, CustomerVisits(customer.id).pack()))
    if shortened:
        more.append(Button("完整资料", CustomerProfile(customer.id).pack()))
    if more:
        rows.append(tuple(more))
    return Reply(fit_message(text), tuple(rows))


def full_profile(customer: Customer) -> Reply:
    """Every profile field in full (the view shortens long ones)."""
    lines = [f"🏢 {customer.name} —— 完整资料"]
    for field in TEXT_FIELDS:
        lines.append(f"\n【{field.label}】\n{getattr(customer, field.key) or '未填写'}")
    lines.append(f"\n【{CADENCE_LABEL}】{cadence_text(customer.visit_cadence_days)}")
    buttons = ((Button("编辑资料", CustomerEdit(customer.id).pack()),),)
    return Reply(fit_message("\n".join(lines)), buttons)


# -- finding a customer by name ------------------------------------------------------------


def _candidates_reply(typed: str, ranked: Sequence[NameMatch]) -> Reply:
    buttons = tuple(
        (Button(button_label(match.name), view_data(match.customer_id)),)
        for match in ranked[:CANDIDATES_SHOWN]
    )
    return Reply(f"有几位客户的名称和“{typed}”相近，您要看哪一位？", buttons)


def customer_note(name: str) -> str:
    """Said before /visit's first question when the customer came with the button."""
    return f"客户：{name}"


def not_found_text(typed: str) -> str:
    return (
        f"您的客户中没有“{typed}”。\n"
        f"如果是新客户，拜访后发送 /visit {typed} 记录拜访，客户会随之建立。\n"
        "发送 /customer 可查看您的全部客户。"
    )


def lookup_reply(lookup: CustomerLookup, now: datetime) -> Reply:
    """/customer 名称: the view when the name is clear, a choice when several are close."""
    typed = lookup.typed
    if lookup.too_long:
        return Reply(f"客户名称太长，请控制在{NAME_LIMIT}字以内。")
    if lookup.no_customers:
        return Reply(NO_CUSTOMERS)
    if lookup.vanished:
        return Reply(NOT_FOUND)
    if lookup.found is not None:
        name = lookup.found.customer.name
        note = f"（没有名为“{typed}”的客户，这是最接近的：{name}）" if lookup.closest else None
        return customer_card(lookup.found, now, note)
    if lookup.candidates:
        return _candidates_reply(typed, lookup.candidates)
    return Reply(not_found_text(typed))


# -- the list of one's customers -----------------------------------------------------------


def _list_line(index: int, customer: Customer, last: datetime | None, now: datetime) -> str:
    if last is None:
        since = "还没有拜访记录"
    else:
        since = f"距上次拜访 {days_since(last, now)} 天"
        if visit_overdue(last, customer.visit_cadence_days, now):
            since = f"⚠️ {since}（超过{cadence_text(customer.visit_cadence_days)}的周期）"
    return f"{index}. {shorten(customer.name, 30)} —— {since}"


def customer_list_reply(listing: CustomerPage, now: datetime) -> Reply:
    """/customer alone: the user's customers by name, a page at a time, with their last visit."""
    if not listing.total:
        return Reply(NO_CUSTOMERS)
    page, first = listing.page, listing.page.first
    page_note = f"，第{page.number + 1}/{page.count}页" if page.count > 1 else ""
    lines = [f"您的客户（共{listing.total}个{page_note}），点名称查看客户视图："]
    lines += [
        _list_line(first + index, customer, last, now)
        for index, (customer, last) in enumerate(listing.customers, 1)
    ]
    lines.append("也可以直接发送 /customer 客户名称。")
    rows: list[tuple[Button, ...]] = [
        (Button(button_label(f"{first + index}. {customer.name}"), view_data(customer.id)),)
        for index, (customer, _) in enumerate(listing.customers, 1)
    ]
    nav = page_buttons(page.number, page.has_next, CustomerListPage)
    if nav:
        rows.append(nav)
    return Reply(fit_message("\n".join(lines)), tuple(rows))


# -- all visits of one customer ------------------------------------------------------------


def customer_visits_reply(listing: VisitsOfCustomer, now: datetime) -> Reply:
    """One customer's visits, newest first, a page at a time."""
    customer, page, first = listing.customer, listing.page, listing.page.first
    if listing.total == 0:
        return Reply(f"「{customer.name}」还没有拜访记录。")
    name = shorten(customer.name, 30)
    lines = [f"「{name}」的拜访记录（共{listing.total}次，第{page.number + 1}/{page.count}页）："]
    lines += [
        f"{first + index}. {visit_line(visit, now)}"
        for index, visit in enumerate(listing.visits, 1)
    ]
    lines.append("点编号查看详情。")
    rows = numbered_buttons(listing.visits, first + 1)
    nav = page_buttons(
        page.number, page.has_next, lambda shown: CustomerVisitsPage(customer.id, shown)
    )
    if nav:
        rows.append(nav)
    return Reply(fit_message("\n".join(lines)), tuple(rows))
