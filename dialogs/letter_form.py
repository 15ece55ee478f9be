"""/letter — record a customer's written letter; its written reply is due in 2 working days."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from dialogs.common_steps import customer_step, text_step
from dialogs.engine import Accepted, Choice, Form, FormEnv, Parsed, Rejected, Saved, Step, Values
from fieldwork.deadlines import written_reply_due
from storage.customers import DuplicateCustomer
from storage.errors import NotFound
from storage.models import NewCustomer, NewLetter
from timekeeping import parsing
from timekeeping.zone import format_local_date, local_date, local_instant
from views.common import Reply
from views.letter import saved_letter_text

TODAY = "today"
YESTERDAY = "yesterday"
DATE_EXAMPLES = "今天、昨天、11月25日、周三"


def _received_note(received: datetime, env: FormEnv) -> str:
    return f"收到日期：{format_local_date(local_date(received), now=env.now)}"


def _accept_received(received: datetime, env: FormEnv) -> Parsed:
    return Accepted({"received_at": received.isoformat()}, note=_received_note(received, env))


def _received_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value == TODAY:
        return _accept_received(env.now, env)
    if value == YESTERDAY:
        yesterday = local_date(env.now) - timedelta(days=1)
        return _accept_received(local_instant(yesterday, time(0, 0)), env)
    return Rejected("这个选项已失效，请重新选择。")


def _received_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    try:
        moment = parsing.parse_moment(text, env.now, prefer="past", examples=DATE_EXAMPLES)
    except parsing.TimeParseError as error:
        return Rejected(error.message)
    # A day without a clock time stands for the whole day: only the day counts for the reply.
    in_future = (
        moment.instant > env.now
        if moment.has_time
        else local_date(moment.instant) > local_date(env.now)
    )
    if in_future:
        return Rejected("收到来函的日期不能晚于今天。")
    return _accept_received(moment.instant, env)


def _received_shown(values: Values, env: FormEnv) -> str | None:
    if not values.get("received_at"):
        return None
    return format_local_date(
        local_date(datetime.fromisoformat(values["received_at"])), now=env.now
    )


def _save(values: Values, env: FormEnv) -> Saved:
    kb = env.knowledge.kb
    rule = kb.deadline_rule("written_reply")
    if rule is None:  # the knowledge base is checked at load; this is a broken deployment
        return Saved(error="知识库中缺少书面答复的时限规则，暂时无法登记，请联系管理员。")
    received = datetime.fromisoformat(values["received_at"])
    records = env.records
    customer_id = values.get("customer_id")
    try:
        if customer_id is None:
            customer_id = records.customers.add(NewCustomer(name=values["customer_name"])).id
        letter = records.letters.add(
            NewLetter(
                customer_id=customer_id,
                received_at=received,
                subject=values["subject"],
                # Norm 1.2.2-01: within 2 working days, on China's calendar with its 调休.
                reply_due_at=written_reply_due(received, rule, env.calendar),
            )
        )
    except DuplicateCustomer:
        return Saved(error="已有同名客户，请在“客户”一项里重新选择。")
    except NotFound:
        return Saved(error="没有找到这个客户，请在“客户”一项里重新选择。")
    return Saved((Reply(saved_letter_text(letter, values["customer_name"], kb, env.now)),))


LETTER_FORM = Form(
    name="letter",
    title="登记来函",
    save=_save,
    steps=(
        customer_step("是哪个客户的书面来函？请输入客户名称（可以只输入简称）。"),
        Step(
            key="received",
            label="收到日期",
            prompt=f"哪天收到的来函？可以点按钮，或直接写日期，例如：{DATE_EXAMPLES}。",
            choices=(Choice("今天", TODAY), Choice("昨天", YESTERDAY)),
            on_choice=_received_from_choice,
            on_text=_received_from_text,
            shown=_received_shown,
        ),
        text_step(
            "subject",
            "事由",
            "来函的事由是什么？例如：关于专线扩容报价的函。",
            limit=200,
        ),
    ),
)
