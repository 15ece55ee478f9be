"""/plan — a planned visit with its 拜访预案 (norm 1.2.1-02) and the booking check (1.2.1-04)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from dialogs import timeinput
from dialogs.common_steps import customer_step, text_step, way_step
from dialogs.engine import (
    Accepted,
    Choice,
    Form,
    FormEnv,
    Parsed,
    Rejected,
    Saved,
    Step,
    Values,
)
from fieldwork.deadlines import booking_is_late
from fieldwork.labels import WAY_LABELS
from storage.customers import DuplicateCustomer
from storage.errors import NotFound
from storage.models import WAY_ONSITE, NewCustomer, NewPlan, PlannedVisit
from timekeeping import parsing
from views.common import Reply
from views.plan import booking_warning, plan_time, saved_plan_text

BOOKED = "booked"
NOT_BOOKED = "not_booked"
BOOKING_LABELS = {BOOKED: "已和客户约好", NOT_BOOKED: "还没有"}
TIME_EXAMPLES = "明天上午9点、下周一 14:00-15:00、12月3日 9:30"


# -- when, and whether the booking rule is met --------------------------------------------


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def booking_question_due(values: Values, env: FormEnv) -> bool:
    """Norm 1.2.1-04: an on-site (formal) visit less than a day away may not be booked yet."""
    start = _instant(values.get("starts_at"))
    rule = env.knowledge.kb.deadline_rule("visit_booking_lead")
    if values.get("way") != WAY_ONSITE or start is None or rule is None:
        return False
    return booking_is_late(start, env.now, rule)


def _then_booking(updates: dict[str, Any], values: Values, env: FormEnv, note: str) -> Parsed:
    """Accept the updates; ask about the booking next if they make the visit a late one."""
    merged = {**values, **updates}
    # A new time or way is a new appointment: an earlier "约好了" no longer says anything.
    updates = {**updates, "booking_confirmed": None}
    next_key = "booking" if booking_question_due(merged, env) else None
    return Accepted(updates, note=note, next_key=next_key)


def _time_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    try:
        span = parsing.parse_span(text, env.now, prefer="future")
    except parsing.TimeParseError as error:
        return Rejected(error.message)
    if not span.has_time:
        return Rejected(f"请写上几点，例如：{TIME_EXAMPLES}。")
    if span.start <= env.now:
        return Rejected(
            "这个时间已经过去了，计划的拜访要在以后。要记录已经发生的拜访，请用 /visit。"
        )
    starts_at = span.start.isoformat()
    ends_at = span.end.isoformat() if span.end else None
    note = f"时间：{timeinput.span_text(starts_at, ends_at, now=env.now)}"
    updates: dict[str, Any] = {"starts_at": starts_at, "ends_at": ends_at}
    return _then_booking(updates, values, env, note)


def _time_shown(values: Values, env: FormEnv) -> str | None:
    if not values.get("starts_at"):
        return None
    shown = timeinput.span_text(values["starts_at"], values.get("ends_at"), now=env.now)
    if values.get("booking_confirmed") is True:
        shown += "（已和客户约好）"
    elif values.get("booking_confirmed") is False:
        shown += "（尚未预约）"
    return shown


def _booking_prompt(values: Values, env: FormEnv) -> str:
    return f"{booking_warning(env.knowledge.kb)}\n已经和客户约好这个时间了吗？"


def _booking_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value == BOOKED:
        return Accepted({"booking_confirmed": True}, note="好的，已和客户约好。")
    if value == NOT_BOOKED:
        return Accepted(
            {"booking_confirmed": False},
            note="请尽快和客户预约；时间来不及的话，可与客户商量改期。",
        )
    return Rejected("这个选项已失效，请重新选择。")


def _booking_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    if any(word in text for word in ("没", "未", "否", "不")):
        return _booking_from_choice(NOT_BOOKED, values, env)
    if any(word in text for word in ("约好", "已约", "是", "好了", "对")):
        return _booking_from_choice(BOOKED, values, env)
    return Rejected("请选择“已和客户约好”或“还没有”。")


# -- way: a change to on-site may make the visit a late one -------------------------------


_COMMON_WAY = way_step("拜访方式？电话拜访，还是上门拜访？")


def _way_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    parsed = _COMMON_WAY.on_text(text, values, env)
    if not isinstance(parsed, Accepted):
        return parsed
    return _then_booking(dict(parsed.updates), values, env, parsed.note or "")


def _way_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value not in WAY_LABELS:
        return Rejected("这个选项已失效，请重新选择。")
    return _then_booking({"way": value}, values, env, f"方式：{WAY_LABELS[value]}")


# -- saving ------------------------------------------------------------------------------


def _save(values: Values, env: FormEnv) -> Saved:
    start = datetime.fromisoformat(values["starts_at"])
    if start <= env.now:
        return Saved(error="计划的时间已经过去了，请点“修改”改一下时间。")
    records = env.records
    customer_id = values.get("customer_id")
    try:
        if customer_id is None:
            customer_id = records.customers.add(NewCustomer(name=values["customer_name"])).id
        plan = records.plans.add(
            NewPlan(
                customer_id=customer_id,
                way=values["way"],
                starts_at=start,
                ends_at=_instant(values.get("ends_at")),
                purpose=values["purpose"],
                key_points=values.get("key_points"),
                intro_content=values.get("intro_content"),
                customer_concerns=values.get("customer_concerns"),
                booking_confirmed=bool(values.get("booking_confirmed")),
            )
        )
    except DuplicateCustomer:
        return Saved(error="已有同名客户，请在“客户”一项里重新选择。")
    except NotFound:
        return Saved(error="没有找到这个客户，请在“客户”一项里重新选择。")
    text = saved_plan_text(plan, values["customer_name"], env.knowledge.kb, env.now)
    return Saved((Reply(text),))


# -- turning a plan into a visit record ----------------------------------------------------


def visit_prefill(plan: PlannedVisit, customer: str, now: datetime) -> tuple[Values, str]:
    """The /visit values a plan answers, and the note that says so.

    The time is taken only when the planned visit is over; otherwise the user gives the real
    time (a visit record can't be in the future, and plans without an end have no span).
    """
    prefill: Values = {
        "customer": customer,
        "customer_id": plan.customer_id,
        "customer_name": customer,
        "way": plan.way,
        "purpose": plan.purpose,
        "plan_id": plan.id,
    }
    if plan.ends_at is not None and plan.ends_at <= now:
        prefill |= {
            "time": "planned",
            "started_at": plan.starts_at.isoformat(),
            "ended_at": plan.ends_at.isoformat(),
        }
        note = "已按计划填好客户、方式、目的和时间（确认前可以修改）。"
    else:
        note = (
            f"已按计划填好客户、方式和目的。计划的时间是 {plan_time(plan, now)}，"
            "请填写实际的拜访时间。"
        )
    return prefill, note


PLAN_FORM = Form(
    name="plan",
    title="拜访计划",
    save=_save,
    steps=(
        customer_step("计划拜访哪个客户？请输入客户名称（可以只输入简称）。"),
        replace(_COMMON_WAY, on_text=_way_from_text, on_choice=_way_from_choice),
        Step(
            key="time",
            label="时间",
            prompt=f"计划什么时候拜访？可以只写开始时间，也可以写上结束时间，例如：{TIME_EXAMPLES}。",
            on_text=_time_from_text,
            shown=_time_shown,
        ),
        Step(
            key="booking",
            label="预约",
            prompt=_booking_prompt,
            choices=tuple(Choice(label, value) for value, label in BOOKING_LABELS.items()),
            on_choice=_booking_from_choice,
            on_text=_booking_from_text,
            in_summary=False,
        ),
        text_step(
            "purpose",
            "目的",
            "这次拜访的目的是什么？（拜访前确定目的、准备拜访预案）例如：了解明年专线扩容需求。",
        ),
        text_step(
            "key_points",
            "重点",
            "拜访的重点是什么？例如：确认扩容带宽和预算。",
            optional=True,
        ),
        text_step(
            "intro_content",
            "要介绍的内容",
            "要向客户介绍哪些内容？例如：云专线方案和资费标准。",
            optional=True,
        ),
        text_step(
            "customer_concerns",
            "客户关心的问题",
            "客户关心哪些问题、需要我们解答？例如：割接会不会影响业务。",
            optional=True,
        ),
    ),
)
