"""Every form with every field filled to its maximum, with random Unicode in it (zero-width
and direction characters, right-to-left scripts, emoji sequences, combining marks, full-width
forms, odd whitespace): every message the bot sends fits Telegram's limits without the client
having to cut it, and what was saved is what was typed in its documented normal form
(textinput: README, "Typed text"). The views that show the saved records fit too.

Bounded and repeatable (derandomize); a few examples per form, each a new staff member.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.engine import DialogButton
from fieldwork.labels import TEXT_FIELDS
from handlers.replying import send_to_chat
from reminders.jobs import reminder_composer
from reminders.sender import sweep
from standin.messages import BotMessage
from standin.user import SimulatedUser
from storage.models import NewCustomer
from storage.scope import Scope
from storage.store import Records
from tests.conftest import FIXED_NOW
from tests.fuzz.conftest import FuzzedBot
from tests.fuzz.strategies import field_text
from textinput.normalization import normalize_typed
from views.common import CAPTION_LIMIT, MESSAGE_LIMIT, NOTICE_LIMIT

at_the_limits = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one running bot serves all examples of a test
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
APOLOGY = "抱歉，处理您的消息时出了点问题"


class CutWarnings(logging.Handler):
    """What the Bot API client had to cut: a reply builder that does not fit by itself."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def cut_warnings() -> Iterator[CutWarnings]:
    handler = CutWarnings()
    client = logging.getLogger("handlers.telegram_client")
    client.addHandler(handler)
    yield handler
    client.removeHandler(handler)


def name_as_stored(typed: str) -> str:
    """A customer's name is one line: its line breaks become spaces (README)."""
    return " ".join(normalize_typed(typed).split())


@dataclass
class Typist:
    """One staff member filling in forms, keeping the bot's latest message to press on."""

    fuzzed: FuzzedBot
    user: SimulatedUser
    last: BotMessage | None = None
    seen: list[BotMessage] = field(default_factory=list)

    @property
    def records(self) -> Records:
        return self.fuzzed.running.app.bot_data.store.records(Scope.own(self.user.id))

    async def say(self, text: str) -> BotMessage:
        return self._took(await self.fuzzed.running.driver.send(self.user, text))

    async def press(self, label_or_value: str) -> BotMessage:
        """Press a button of the latest message by its label, or a dialog button by value."""
        assert self.last is not None
        data = label_or_value
        for button in self.last.buttons:
            pressed = DialogButton.parse(button.callback_data or "")
            if pressed is not None and pressed.value == label_or_value:
                data = button.callback_data or ""
        driver = self.fuzzed.running.driver
        return self._took(await driver.press(self.user, self.last, data))

    async def press_data(self, data: str) -> BotMessage:
        """A button the view offers (or a dialog's start) pressed by its callback data."""
        driver = self.fuzzed.running.driver
        return self._took(await driver.forged_press(self.user, self.user.id, 999_999, data))

    def _took(self, replies: list[BotMessage]) -> BotMessage:
        assert replies, "no reply"
        self.seen += replies
        self.last = replies[-1]
        return self.last

    def check_everything_fitted(self, cut_warnings: CutWarnings) -> None:
        api = self.fuzzed.running.api
        for message in api.messages(self.user.id):
            assert len(message.plain_text or "") <= MESSAGE_LIMIT
            assert len(message.caption or "") <= CAPTION_LIMIT
            assert not (message.plain_text or "").startswith(APOLOGY), message.plain_text
        for answer in api.answered_callbacks.values():
            assert len(str(answer.get("text") or "")) <= NOTICE_LIMIT
        assert cut_warnings.lines == []
        assert self.fuzzed.errors.lines() == []
        assert self.fuzzed.consistency_problems() == []


async def new_typist(fuzzed: FuzzedBot) -> Typist:
    fuzzed.running.clock.now = FIXED_NOW
    return Typist(fuzzed, fuzzed.new_person())


async def send_the_reminders(typist: Typist) -> None:
    """Ten days on, everything the records remind of is due: the sweep sends it all."""
    running = typist.fuzzed.running
    services = running.app.bot_data
    running.clock.now = FIXED_NOW + timedelta(days=10)
    late = timedelta(seconds=90)
    await sweep(
        partial(send_to_chat, running.app.bot),
        services.store.reminders,
        reminder_composer(services, late),
        running.clock,
        late_after=late,
    )
    running.clock.now = FIXED_NOW


async def name_a_new_customer(typist: Typist, name: str) -> None:
    offer = await typist.say(name)
    assert "新建这个客户吗" in offer.plain_text, offer.plain_text
    await typist.press("_pick.new")


@at_the_limits
@given(
    name=field_text(60, "客"),
    purpose=field_text(500, "目"),
    people=field_text(200, "人"),
    learned=field_text(1000, "了"),
    views=field_text(1000, "看"),
    requests=st.lists(field_text(200, "要"), min_size=20, max_size=20),
    next_step=field_text(500, "下"),
)
async def test_a_visit_at_its_limits_fits_and_keeps_what_was_typed(
    fuzzed: FuzzedBot,
    cut_warnings: CutWarnings,
    name: str,
    purpose: str,
    people: str,
    learned: str,
    views: str,
    requests: list[str],
    next_step: str,
) -> None:
    typist = await new_typist(fuzzed)
    await typist.say("/visit")
    await name_a_new_customer(typist, name)
    await typist.press("上门拜访")
    await typist.press("建立关系")
    await typist.say(purpose)
    await typist.say("昨天下午3点到4点半")
    await typist.press("独自拜访")
    await typist.say(people)
    await typist.say(learned)
    await typist.say(views)
    for request in requests:
        await typist.press("添加客户要求")
        await typist.say(request)
        await typist.press("明天")
    await typist.press("没有了，下一步")
    summary = await typist.say(next_step)
    assert "记录拜访（待确认）" in summary.plain_text
    saved = await typist.press("确认保存")
    assert "拜访记录已保存" in saved.plain_text

    [visit] = typist.records.visits.recent()
    [customer] = typist.records.customers.all()
    assert customer.name == name_as_stored(name)
    assert (visit.purpose, visit.people_met, visit.learned) == (
        normalize_typed(purpose),
        normalize_typed(people),
        normalize_typed(learned),
    )
    assert (visit.customer_views, visit.next_step) == (
        normalize_typed(views),
        normalize_typed(next_step),
    )
    items = typist.records.follow_ups.for_visit(visit.id)
    assert [item.text for item in items] == [normalize_typed(text) for text in requests]
    await typist.press_data(f"visits:open:{visit.id}")
    await typist.press_data(f"cust:view:{customer.id}")
    await typist.say("/todo")
    await typist.say("/visits")
    await send_the_reminders(typist)
    typist.check_everything_fitted(cut_warnings)


@at_the_limits
@given(
    name=field_text(60, "计"),
    purpose=field_text(500, "的"),
    key_points=field_text(500, "重"),
    intro=field_text(500, "介"),
    concerns=field_text(500, "关"),
)
async def test_a_plan_at_its_limits_fits_and_keeps_what_was_typed(
    fuzzed: FuzzedBot,
    cut_warnings: CutWarnings,
    name: str,
    purpose: str,
    key_points: str,
    intro: str,
    concerns: str,
) -> None:
    typist = await new_typist(fuzzed)
    await typist.press_data("plan:new")
    await name_a_new_customer(typist, name)
    await typist.press("电话拜访")
    await typist.say("下周一 14:00-15:00")
    for text in (purpose, key_points, intro, concerns):
        await typist.say(text)
    await typist.press("确认保存")

    [plan] = typist.records.plans.all()
    [customer] = typist.records.customers.all()
    assert customer.name == name_as_stored(name)
    assert (plan.purpose, plan.key_points, plan.intro_content, plan.customer_concerns) == tuple(
        normalize_typed(text) for text in (purpose, key_points, intro, concerns)
    )
    await typist.say("/plan")
    await typist.press_data(f"cust:view:{customer.id}")
    await send_the_reminders(typist)
    typist.check_everything_fitted(cut_warnings)


@at_the_limits
@given(name=field_text(60, "函"), subject=field_text(200, "事"))
async def test_a_letter_at_its_limits_fits_and_keeps_what_was_typed(
    fuzzed: FuzzedBot, cut_warnings: CutWarnings, name: str, subject: str
) -> None:
    typist = await new_typist(fuzzed)
    await typist.press_data("letter:new")
    await name_a_new_customer(typist, name)
    await typist.press("今天")
    await typist.say(subject)
    await typist.press("确认保存")

    [letter] = typist.records.letters.all()
    [customer] = typist.records.customers.all()
    assert customer.name == name_as_stored(name)
    assert letter.subject == normalize_typed(subject)
    await typist.say("/letter")
    await typist.press_data(f"cust:view:{customer.id}")
    await send_the_reminders(typist)
    typist.check_everything_fitted(cut_warnings)


@at_the_limits
@given(
    project=field_text(100, "项"),
    name=field_text(60, "招"),
    place=field_text(200, "地"),
    summary=field_text(1000, "总"),
)
async def test_a_bid_and_its_summary_at_their_limits_fit_and_keep_what_was_typed(
    fuzzed: FuzzedBot,
    cut_warnings: CutWarnings,
    project: str,
    name: str,
    place: str,
    summary: str,
) -> None:
    typist = await new_typist(fuzzed)
    await typist.press_data("bid:new")
    await typist.say(project)
    await name_a_new_customer(typist, name)
    await typist.say("12月3日上午9点")
    await typist.say(place)
    await typist.press("确认保存")
    [bid] = typist.records.bids.all()
    assert (bid.project, bid.place) == (normalize_typed(project), normalize_typed(place))
    await typist.say("/bid")
    await send_the_reminders(typist)

    fuzzed.running.clock.advance(days=7)  # the bid is over: its summary is due
    await typist.press_data(f"bid:sum:{bid.id}")
    await typist.say(summary)
    await typist.press("确认保存")
    summarized = typist.records.bids.get(bid.id)
    assert summarized is not None
    assert summarized.summary == normalize_typed(summary)
    await typist.press_data(f"bid:sum:{bid.id}")  # the summary shown when writing it anew
    typist.check_everything_fitted(cut_warnings)


# Each field its own padding: the same text twice in a row would be taken for a resend.
profile_texts = st.tuples(
    *(
        field_text(field.limit, pad)
        for field, pad in zip(TEXT_FIELDS, "业联财产销管市", strict=True)
    )
)


@at_the_limits
@given(texts=profile_texts)
async def test_a_customer_profile_at_its_limits_fits_and_keeps_what_was_typed(
    fuzzed: FuzzedBot, cut_warnings: CutWarnings, texts: tuple[str, ...]
) -> None:
    typist = await new_typist(fuzzed)
    customer = typist.records.customers.add(NewCustomer(name="华为技术有限公司"))
    await typist.press_data(f"cust:edit:{customer.id}")
    for profile_field, text in zip(TEXT_FIELDS, texts, strict=True):
        await typist.press(profile_field.label)
        card = await typist.say(text)
        assert "请确认" in card.plain_text, card.plain_text
        await typist.press("修改")
    await typist.press("返回确认")
    await typist.press("确认保存")

    stored = typist.records.customers.get(customer.id)
    assert stored is not None
    for profile_field, text in zip(TEXT_FIELDS, texts, strict=True):
        assert getattr(stored, profile_field.key) == normalize_typed(text)
    await typist.press_data(f"cust:view:{customer.id}")
    await typist.press_data(f"cust:profile:{customer.id}")
    typist.check_everything_fitted(cut_warnings)
