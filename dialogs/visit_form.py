"""/visit — the guided record of a customer visit, following the material's visit norms (1.2.1)."""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs import timeinput
from dialogs.common_steps import customer_step, text_step, way_step, with_cautions
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
from fieldwork.deadlines import thank_you_letter_due
from fieldwork.labels import COMPANION_LABELS, KIND_LABELS, STAGE_LABELS
from paperwork.next_step import next_visit
from storage.errors import DuplicateCustomer, NotFound
from storage.models import (
    COMPANIONS_ALONE,
    COMPANIONS_PROJECT_GROUP,
    KIND_COMMITMENT,
    KIND_REQUEST,
    PLAN_PLANNED,
    WAY_ONSITE,
    FollowUpItem,
    Kind,
    NewCustomer,
    NewItem,
    NewVisit,
    Visit,
)
from timekeeping.zone import format_local
from views.button_data import CustomerCard, DraftThankYou, PlanNext
from views.common import Button, Reply, button_label, fit_parts, shortened, source_line
from views.drafts import DRAFT_THANK_YOU, SEE_CUSTOMER

ITEM_LIMIT = 20
ITEM_ON_CARD = 60  # characters of an item's text on the summary card
ITEMS_LIST_BUDGET = 3000  # the list of items in one question, beside a note of up to 1,000
ITEM_LINE_EXTRA = 40  # number, kind and due time around an item's text
SAVED_ITEMS_BUDGET = 3200  # the items in the message that says the visit is saved
JUST_NOW = timedelta(minutes=10)  # a time this recent is when the visit ended, not began
JUST_ENDED = {"just30": timedelta(minutes=30), "just60": timedelta(hours=1)}


# -- stage ---------------------------------------------------------------------------------


def _stage_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    for stage, label in STAGE_LABELS.items():
        if text in label or label in text:
            return Accepted({"stage": stage})
    return Rejected("请点选一个阶段，例如“建立关系”。")


# -- time ----------------------------------------------------------------------------------


def _time_shown(values: Values, env: FormEnv) -> str | None:
    if not values.get("started_at"):
        return None
    return timeinput.span_text(values["started_at"], values.get("ended_at"), now=env.now)


def _accept_span(start: datetime, end: datetime | None, env: FormEnv) -> Parsed:
    if start > env.now:
        return Rejected(
            "拜访时间不能晚于现在：记录的是已经发生的拜访。要安排以后的拜访，请用 /plan。"
        )
    if end is None and env.now - start <= JUST_NOW:
        # "刚才" or a time minutes ago: the visit has just ended; its length gives the start.
        return Accepted(
            {"started_at": None, "ended_at": start.isoformat(), "time_anchor": "end"},
            note=f"结束时间：{format_local(start, now=env.now)}",
            next_key="time_end",
        )
    if end is None:
        return Accepted(
            {"started_at": start.isoformat(), "ended_at": None, "time_anchor": "start"},
            note=f"开始时间：{format_local(start, now=env.now)}",
            next_key="time_end",
        )
    if end > env.now:
        return Rejected("结束时间晚于现在。拜访结束后再记录，或把结束时间改成现在之前。")
    if end <= start:
        return Rejected("结束时间要晚于开始时间。")
    return Accepted(
        {"started_at": start.isoformat(), "ended_at": end.isoformat()},
        note=f"时间：{timeinput.span_text(start.isoformat(), end.isoformat(), now=env.now)}",
    )


def _time_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    span = timeinput.read_span(text, env.now)
    if isinstance(span, str):
        return Rejected(span)
    return _accept_span(span[0], span[1], env)


def _time_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    length = JUST_ENDED.get(value)
    if length is None:
        return Rejected("这个选项已失效，请重新选择。")
    start = env.now - length
    return _accept_span(start.replace(second=0, microsecond=0), env.now, env)


def _known_end(values: Values) -> datetime | None:
    """The end when the time step gave the end ("刚才") and the length is still to come."""
    if values.get("time_anchor") == "end" and values.get("ended_at"):
        return datetime.fromisoformat(values["ended_at"])
    return None


def _end_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    end = _known_end(values)
    if end is not None:
        length = timeinput.read_length(text)
        if isinstance(length, str):
            return Rejected(length)
        return _accept_span(end - length, end, env)
    start = datetime.fromisoformat(values["started_at"])
    read = timeinput.read_end(text, start, env.now)
    if isinstance(read, str):
        return Rejected(read)
    return _accept_span(start, read, env)


def _end_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    minutes = int(value) if value.isdigit() else 0
    if not 0 < minutes <= 24 * 60:
        return Rejected("这个选项已失效，请重新选择。")
    length = timedelta(minutes=minutes)
    end = _known_end(values)
    if end is not None:
        return _accept_span(end - length, end, env)
    start = datetime.fromisoformat(values["started_at"])
    return _accept_span(start, start + length, env)


def _end_prompt(values: Values, env: FormEnv) -> str:
    if _known_end(values) is not None:
        return "拜访持续了多久？例如：1小时、45分钟。"
    return "拜访持续了多久（或几点结束）？例如：1小时、到4点半。"


# -- requests and commitments --------------------------------------------------------------


def _items(values: Values) -> list[dict[str, str]]:
    return list(values.get("items") or [])


def _items_shown(values: Values, env: FormEnv) -> str | None:
    """The items on the summary card, each text shortened to a preview: twenty long ones
    still leave the card room for the other fields (修改 → 要求与承诺 lists them whole)."""
    items = _items(values)
    if not items:
        return None
    return "".join(
        f"\n  {index}. {_item_line(item, env.now, shortened(item['text'], ITEM_ON_CARD))}"
        for index, item in enumerate(items, 1)
    )


def _item_line(item: dict[str, str], now: datetime | None = None, text: str | None = None) -> str:
    due = format_local(datetime.fromisoformat(item["due_at"]), now=now)
    return f"【{KIND_LABELS[item['kind']]}】{item['text'] if text is None else text}（{due}前）"


def _items_prompt(values: Values, env: FormEnv) -> str:
    items = _items(values)
    if not items:
        return (
            "客户提出了什么要求？我们做出了什么承诺？逐条添加，每条设一个完成期限"
            "（拜访后要跟踪落实客户的要求、履行做出的承诺）。没有就点“没有了，下一步”。"
        )
    texts = _fitted_texts([item["text"] for item in items], ITEMS_LIST_BUDGET)
    listed = "\n".join(
        f"{index}. {_item_line(item, env.now, text)}"
        for index, (item, text) in enumerate(zip(items, texts, strict=True), 1)
    )
    return f"已记录：\n{listed}\n还有吗？"


def _fitted_texts(texts: list[str], budget: int) -> list[str]:
    """The items' texts within `budget` characters in all, beside their kind and due time
    (about 30 characters each): whole, unless twenty long ones need shortening alike."""
    return fit_parts(texts, budget - ITEM_LINE_EXTRA * len(texts))


def _items_choices(values: Values, env: FormEnv) -> list[Choice]:
    choices = [Choice("添加客户要求", "add_request"), Choice("添加我方承诺", "add_commitment")]
    if _items(values):
        choices.append(Choice("删除最后一条", "drop_last"))
    return choices


def _items_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value in ("add_request", "add_commitment"):
        if len(_items(values)) >= ITEM_LIMIT:
            return Rejected(f"一次最多记录{ITEM_LIMIT}条。")
        kind = KIND_REQUEST if value == "add_request" else KIND_COMMITMENT
        return Accepted({"item_kind": kind}, next_key="item_text")
    if value == "drop_last":
        return Accepted({"items": _items(values)[:-1]}, note="已删除最后一条。", next_key="items")
    return Rejected("这个选项已失效，请重新选择。")


def _items_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    return Rejected("请先点“添加客户要求”或“添加我方承诺”，再输入内容；没有就点“没有了，下一步”。")


def _item_text_prompt(values: Values, env: FormEnv) -> str:
    kind = KIND_LABELS.get(values.get("item_kind") or "", "事项")
    example = "开通专线测试" if values.get("item_kind") == KIND_REQUEST else "下周提供报价方案"
    return f"请用一句话写下这条{kind}，例如：{example}"


def _item_text_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    if len(text) > 200:
        return Rejected(f"一条最多200字，现在是{len(text)}字，请精简。")
    return with_cautions(Accepted({"item_text": text}, next_key="item_due"), text, values, env)


def _due_choices(values: Values, env: FormEnv) -> list[Choice]:
    return [Choice(label, value) for value, label in timeinput.DUE_SUGGESTIONS.items()]


def _add_item(values: Values, due: datetime, env: FormEnv) -> Parsed:
    if due <= env.now:
        return Rejected("期限要晚于现在。")
    item = {"kind": values["item_kind"], "text": values["item_text"], "due_at": due.isoformat()}
    items = [*_items(values), item]
    return Accepted(
        {"items": items, "item_kind": None, "item_text": None},
        note=f"已添加：{_item_line(item, env.now)}",
        next_key="items",
    )


def _due_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    due = timeinput.read_due(text, env.now, env.calendar)
    if isinstance(due, str):
        return Rejected(due)
    return _add_item(values, due, env)


def _due_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    due = timeinput.suggested_due(value, env.now)
    if due is None:
        return Rejected("这个选项已失效，请重新选择。")
    return _add_item(values, due, env)


# -- the form ------------------------------------------------------------------------------


def _save(values: Values, env: FormEnv) -> Saved:
    records = env.records
    customer_id = values.get("customer_id")
    try:
        if customer_id is None:
            customer_id = records.customers.add(NewCustomer(name=values["customer_name"])).id
        visit, items = records.visits.add(
            NewVisit(
                customer_id=customer_id,
                way=values["way"],
                stage=values["stage"],
                purpose=values["purpose"],
                started_at=datetime.fromisoformat(values["started_at"]),
                ended_at=datetime.fromisoformat(values["ended_at"]),
                companions=values["companions"],
                people_met=values.get("people_met"),
                learned=values.get("learned"),
                customer_views=values.get("customer_views"),
                next_step=values.get("next_step"),
                plan_id=_plan_still_matching(values.get("plan_id"), customer_id, env),
            ),
            [
                NewItem(kind=_kind(item["kind"]), text=item["text"], due_at=_when(item["due_at"]))
                for item in _items(values)
            ],
        )
    except DuplicateCustomer:
        return Saved(error="已有同名客户，请在“客户”一项里重新选择。")
    except NotFound:
        return Saved(error="找不到这个客户了，请在“客户”一项里重新选择。")
    text = saved_visit_text(visit.way, visit.ended_at, items, env)
    return Saved((Reply(text, after_visit_buttons(visit, items, env)),))


def after_visit_buttons(
    visit: Visit, items: list[FollowUpItem], env: FormEnv
) -> tuple[tuple[Button, ...], ...]:
    """What a saved visit makes one tap away: its thank-you letter (on-site, 1.2.1-12), the
    next visit when the next step or a commitment names its day, and the customer's view."""
    rows: list[tuple[Button, ...]] = []
    if visit.way == WAY_ONSITE:
        rows.append((Button(DRAFT_THANK_YOU, DraftThankYou(visit.id).pack()),))
    promised = [item.text for item in items if item.kind == KIND_COMMITMENT]
    found = next_visit(visit, promised, env.now)
    if found is not None:
        label = button_label(f"计划下次拜访（{found.said}）")
        rows.append((Button(label, PlanNext(visit.id).pack()),))
    rows.append((Button(SEE_CUSTOMER, CustomerCard(visit.customer_id).pack()),))
    return tuple(rows)


def _plan_still_matching(plan_id: int | None, customer_id: int, env: FormEnv) -> int | None:
    """The plan this visit fulfils, unless the customer was changed on the summary card or
    the plan was cancelled meanwhile: then the visit is logged on its own."""
    if plan_id is None:
        return None
    plan = env.records.plans.get(plan_id)
    if plan is None or plan.customer_id != customer_id or plan.status != PLAN_PLANNED:
        return None
    return plan_id


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _kind(kind: str) -> Kind:
    return KIND_REQUEST if kind == KIND_REQUEST else KIND_COMMITMENT


def saved_visit_text(way: str, ended_at: datetime, items: list, env: FormEnv) -> str:
    """What follows from the norms once a visit is on file, with due times in local time."""
    kb = env.knowledge.kb
    lines = ["✅ 拜访记录已保存。"]
    rule = kb.deadline_rule("thank_you_letter")
    if way == WAY_ONSITE and rule is not None:
        due = thank_you_letter_due(ended_at, rule)
        lines += ["", f"📮 感谢函：请在 {format_local(due, now=env.now)} 前送出。"]
        norm = kb.norm(rule.norm_id)
        if norm is not None:
            lines.append(source_line(norm))
    if items:
        lines += ["", "📌 后续工作（跟踪落实客户的要求，履行做出的承诺）："]
        texts = _fitted_texts([item.text for item in items], SAVED_ITEMS_BUDGET)
        lines += [
            f"{index}. 【{KIND_LABELS[item.kind]}】{text} —— "
            f"{format_local(item.due_at, now=env.now)}前"
            for index, (item, text) in enumerate(zip(items, texts, strict=True), 1)
        ]
        follow_up = kb.deadline_rule("commitment_kept")
        norm = kb.norm(follow_up.norm_id) if follow_up else None
        if norm is not None:
            lines.append(source_line(norm))
    return "\n".join(lines)


VISIT_FORM = Form(
    name="visit",
    title="记录拜访",
    save=_save,
    steps=(
        customer_step("拜访的是哪个客户？请输入客户名称（可以只输入简称）。"),
        way_step("拜访方式？"),
        Step(
            key="stage",
            label="阶段",
            prompt="这次拜访处于哪个阶段？",
            on_text=_stage_from_text,
            choices=tuple(Choice(label, stage) for stage, label in STAGE_LABELS.items()),
            shown=lambda values, env: STAGE_LABELS.get(values.get("stage") or ""),
        ),
        text_step("purpose", "目的", "拜访的目的是什么？用一句话说明，例如：介绍云专线方案。"),
        Step(
            key="time",
            label="时间",
            prompt=(
                "拜访是什么时候？可以点按钮，或直接写，例如：昨天下午3点到4点、"
                "今天 9:30-10:30、11月25日 14:30。"
            ),
            on_text=_time_from_text,
            choices=(Choice("刚结束，约半小时", "just30"), Choice("刚结束，约1小时", "just60")),
            on_choice=_time_from_choice,
            shown=_time_shown,
        ),
        Step(
            key="time_end",
            label="结束时间",
            prompt=_end_prompt,
            on_text=_end_from_text,
            choices=(
                Choice("半小时", "30"),
                Choice("1小时", "60"),
                Choice("1个半小时", "90"),
                Choice("2小时", "120"),
            ),
            on_choice=_end_from_choice,
            in_summary=False,
        ),
        Step(
            key="companions",
            label="同行",
            prompt="是独自拜访，还是与项目组共同拜访？",
            choices=tuple(Choice(label, key) for key, label in COMPANION_LABELS.items()),
            on_text=lambda text, values, env: (
                Accepted({"companions": COMPANIONS_PROJECT_GROUP})
                if "项目组" in text or "一起" in text or "共同" in text
                else Accepted({"companions": COMPANIONS_ALONE})
                if "独自" in text or "自己" in text or "一个人" in text
                else Rejected("请选择“独自拜访”或“与项目组共同拜访”。")
            ),
            shown=lambda values, env: COMPANION_LABELS.get(values.get("companions") or ""),
        ),
        text_step(
            "people_met",
            "见到的客户人员",
            "见了客户方的哪些人？例如：信息中心张主任、李科长。",
            optional=True,
            limit=200,
        ),
        text_step(
            "learned",
            "了解到的情况",
            "这次了解到哪些情况？（如实、客观地记录关键信息）",
            optional=True,
            limit=1000,
            cautions=True,
        ),
        text_step(
            "customer_views",
            "客户的看法",
            "客户本人的主观看法是什么？例如：对价格有顾虑，认可我们的服务。",
            optional=True,
            limit=1000,
            cautions=True,
        ),
        Step(
            key="items",
            label="要求与承诺",
            prompt=_items_prompt,
            on_text=_items_from_text,
            choices=_items_choices,
            on_choice=_items_from_choice,
            shown=_items_shown,
            shortened_on_card=False,  # each item is shortened by _items_shown
            optional=True,
            skip_updates={},  # "no more" keeps the items already added
            skip_label="没有了，下一步",
        ),
        Step(
            key="item_text",
            label="事项内容",
            prompt=_item_text_prompt,
            on_text=_item_text_from_text,
            in_summary=False,
        ),
        Step(
            key="item_due",
            label="期限",
            prompt="什么时候之前完成？可以点按钮，或写日期，例如：下周三、12月5日、3天后。",
            on_text=_due_from_text,
            choices=_due_choices,
            on_choice=_due_from_choice,
            in_summary=False,
        ),
        text_step(
            "next_step",
            "下一步",
            "和客户就下一步工作达成了什么共识？例如：下周二提交方案。",
            optional=True,
            limit=500,
            cautions=True,
        ),
    ),
)
