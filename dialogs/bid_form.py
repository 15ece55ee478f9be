"""/bid — record a bid (project, customer, time, place) and, after it, its summary (1.2.4-06)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from dialogs.common_steps import customer_step, text_step
from dialogs.engine import Accepted, Form, FormEnv, Parsed, Rejected, Saved, Step, Values
from storage.customers import DuplicateCustomer
from storage.errors import NotFound
from storage.models import NewBid, NewCustomer
from timekeeping import parsing
from timekeeping.zone import format_local
from views.bid import bid_card
from views.common import Reply

TIME_EXAMPLES = "12月3日上午9点、下周二 14:30"


# -- the bid ------------------------------------------------------------------------------


def _time_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    try:
        moment = parsing.parse_moment(text, env.now, prefer="future", examples=TIME_EXAMPLES)
    except parsing.TimeParseError as error:
        return Rejected(error.message)
    if not moment.has_time:
        return Rejected(f"请写上几点开始，例如：{TIME_EXAMPLES}。")
    if moment.instant <= env.now:
        return Rejected("这个时间已经过去了，请写投标（开标）的时间，要晚于现在。")
    starts_at = moment.instant
    return Accepted(
        {"starts_at": starts_at.isoformat()},
        note=f"时间：{format_local(starts_at, now=env.now)}",
    )


def _time_shown(values: Values, env: FormEnv) -> str | None:
    if not values.get("starts_at"):
        return None
    return format_local(datetime.fromisoformat(values["starts_at"]), now=env.now)


def _save(values: Values, env: FormEnv) -> Saved:
    starts_at = datetime.fromisoformat(values["starts_at"])
    if starts_at <= env.now:
        return Saved(error="投标时间已经过去了，请点“修改”改一下时间。")
    records = env.records
    customer_id = values.get("customer_id")
    customer = values.get("customer_name")
    try:
        if customer_id is None and customer:
            customer_id = records.customers.add(NewCustomer(name=customer)).id
        bid = records.bids.add(
            NewBid(
                customer_id=customer_id,
                project=values["project"],
                starts_at=starts_at,
                place=values["place"],
            )
        )
    except DuplicateCustomer:
        return Saved(error="已有同名客户，请在“客户”一项里重新选择。")
    except NotFound:
        return Saved(error="没有找到这个客户，请在“客户”一项里重新选择。")
    card = bid_card(bid, customer, env.knowledge.kb, env.now)
    return Saved((Reply("✅ 投标已登记。请按下面的清单逐项准备，完成一项勾选一项。"), card))


BID_FORM = Form(
    name="bid",
    title="登记投标",
    save=_save,
    steps=(
        text_step(
            "project",
            "项目",
            "投标的是什么项目？例如：市教育局智慧校园项目。",
            limit=100,
        ),
        replace(
            customer_step(
                "招标的客户是哪家？请输入客户名称（可以只输入简称）；不关联客户可跳过。"
            ),
            optional=True,
            skip_updates={"customer_id": None, "customer_name": None},
            skip_label="不关联客户",
        ),
        Step(
            key="time",
            label="时间",
            prompt=f"投标（开标）什么时候开始？例如：{TIME_EXAMPLES}。",
            on_text=_time_from_text,
            shown=_time_shown,
        ),
        text_step("place", "地点", "在哪里投标？例如：市公共资源交易中心3楼开标室。", limit=200),
    ),
)


# -- the summary after the bid ------------------------------------------------------------


def _summary_prompt(values: Values, env: FormEnv) -> str:
    text = (
        f"「{values.get('project') or '这次投标'}」招标结束后，应及时总结，以资借鉴。\n"
        "请写下总结，例如：结果如何、哪里做得好、下次要改进什么。"
    )
    if values.get("previous_summary"):
        text += f"\n现在的总结：{values['previous_summary']}\n（发送新的总结会替换它）"
    return text


def _save_summary(values: Values, env: FormEnv) -> Saved:
    bid = env.records.bids.summarize(int(values["bid_id"]), values["summary"], env.now)
    if bid is None:
        return Saved((Reply("没有找到这个投标（可能已删除），总结没有保存。"),))
    return Saved((Reply(f"✅ 「{bid.project}」的投标总结已保存，以资借鉴。"),))


BID_SUMMARY_FORM = Form(
    name="bid_summary",
    title="投标总结",
    save=_save_summary,
    steps=(
        replace(
            text_step("summary", "总结", "请写下总结。", limit=1000),
            prompt=_summary_prompt,
        ),
    ),
)
