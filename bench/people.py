"""Simulated people using a running bot through the stand-in, as people do: each waits for the
bot's answer before the next message, and says again what got no answer.

Three kinds: an `Asker` asks norm questions, a `Browser` goes down the /norms catalogue by its
buttons, a `Visitor` logs whole visits with /visit, reading each question the bot asks and
answering that one. Everything they saw — how long each answer took, what was wrong with it,
which visits the bot said it saved — is kept in a `Tally` for the checks after the run.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any

import yaml

from fieldwork.labels import COMPANION_LABELS, STAGE_LABELS, WAY_LABELS
from standin.botapi import BotApiStandIn
from standin.messages import BotMessage
from timekeeping.zone import local_date, local_instant

QUESTIONS_FILE = Path(__file__).resolve().parent / "eval" / "questions.yaml"
MAX_TEXT = 4096
APOLOGY = "抱歉，处理您的消息时出了点问题"  # handlers.errors.APOLOGY, the start of it
MAX_STEPS_PER_VISIT = 80  # a dialog of 16 steps that needs more is stuck
EXPIRED = "这个按钮已过期"  # the dialog's answer to a button of an earlier question
EXPIRED_LOOP = 3  # that many in a row: the person's presses trail the bot's questions

# Kinds of exchange, for the figures.
QUESTION = "question"
BUTTON = "button"
VISIT_STEP = "visit step"

Timer = Callable[[], float]  # seconds, monotonic


def dev_questions(path: Path = QUESTIONS_FILE) -> list[str]:
    """The questions of the evaluation's dev set, in scope and out of scope."""
    dev = yaml.safe_load(path.read_text(encoding="utf-8"))["dev"]
    return [item["q"] for item in dev["in_scope"]] + list(dev["out_of_scope"])


# -- what was seen -------------------------------------------------------------------------


@dataclass(frozen=True)
class Exchange:
    """One message or press and the bot's answer to it."""

    kind: str
    pushed_at: float  # the harness clock when the update went into the stand-in
    seconds: float | None  # until the answer appeared; None: no answer within patience


@dataclass
class Tally:
    """What all the simulated people saw in one run."""

    exchanges: list[Exchange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # wrong, garbled or missing answers
    silences: int = 0  # exchanges without an answer (said again where resending is on)
    apologies: int = 0  # the bot's error apology seen
    expired_loops: int = 0  # runs of "这个按钮已过期" a person had to wait out
    # The first answer seen to each question / catalogue button: later ones must equal it.
    baseline: dict[str, str] = field(default_factory=dict)

    def answered(self, kind: str | None = None) -> list[float]:
        return [
            e.seconds
            for e in self.exchanges
            if e.seconds is not None and (kind is None or e.kind == kind)
        ]

    def compare(self, key: str, text: str, who: str) -> None:
        """Check an answer against the first one seen for the same thing."""
        first = self.baseline.setdefault(key, text)
        if first != text:
            self.problems.append(f"{who}: a different answer to {key!r}: {text[:60]!r}")


@dataclass(frozen=True)
class Seen:
    """The answer an exchange waited for: a message, or a callback notice with no message."""

    message: BotMessage | None = None
    notice: str | None = None


def sensible(text: str) -> str | None:
    """What is wrong with a reply as a reply (None: nothing)."""
    if not text.strip():
        return "an empty reply"
    if len(text) > MAX_TEXT:
        return f"a reply of {len(text)} characters"
    if text.startswith(APOLOGY):
        return "the error apology"
    return None


# -- one person ----------------------------------------------------------------------------


class Person:
    """A user of the bot with a private chat; `exchange` is one message and its answer."""

    kind = "person"

    def __init__(
        self,
        api: BotApiStandIn,
        user_id: int,
        tally: Tally,
        *,
        patience: float,
        think: float = 0.0,
        seed: int = 0,
        clock: Timer = time.perf_counter,
    ) -> None:
        self.api = api
        self.user = api.user(user_id, first_name=f"经理{user_id % 1000}")
        self.tally = tally
        self.patience = patience
        self.think = think
        self.random = random.Random(seed * 1_000_003 + user_id)
        self.clock = clock
        self.newest_id = 0  # the newest message id of the chat this person knows of
        # The last few things said and answered, to show what happened when something goes wrong.
        self.trace: deque[str] = deque(maxlen=8)

    @property
    def who(self) -> str:
        return f"{self.kind} {self.user.id}"

    async def run(self, until: float) -> None:
        raise NotImplementedError

    async def pause(self) -> None:
        """Reading and typing time between messages, if the run asks for it."""
        if self.think > 0:
            await asyncio.sleep(self.random.uniform(0.5, 1.5) * self.think)

    async def exchange(
        self,
        kind: str,
        update: dict[str, Any],
        answer: Callable[[list[BotMessage], str | None, int], Seen | None],
    ) -> Seen | None:
        """Push the update, wait for `answer` to find the bot's answer among the chat's
        changed messages (and the callback notice); None after `patience` seconds."""
        mark = self.api.change_mark()
        newest_before = self.newest_id
        message = update.get("message")
        if message is not None:
            self.newest_id = max(self.newest_id, int(message["message_id"]))
        query_id = update.get("callback_query", {}).get("id")
        pushed_at = self.clock()
        self.api.push_update(update)
        deadline = pushed_at + self.patience
        while True:
            changed = self.api.changed_messages(mark, chat_id=self.user.id)
            notice = None
            if query_id is not None:
                notice = self.api.answered_callbacks.get(query_id, {}).get("text")
            seen = answer(changed, notice, max(newest_before, self.newest_id))
            now = self.clock()
            if seen is not None:
                self.tally.exchanges.append(Exchange(kind, pushed_at, now - pushed_at))
                self.newest_id = max([self.newest_id, *(m.message_id for m in changed)])
                return seen
            if now >= deadline:
                self.tally.exchanges.append(Exchange(kind, pushed_at, None))
                self.tally.silences += 1
                self.newest_id = max([self.newest_id, *(m.message_id for m in changed)])
                return None
            # A notice changes no message, so presses look again now and then.
            wait = min(deadline - now, 0.2 if query_id is not None else deadline - now)
            try:
                async with asyncio.timeout(wait):
                    await self.api.wait_for_messages(
                        mark, chat_id=self.user.id, count=len(changed) + 1
                    )
            except TimeoutError:
                pass


def first_new_message(changed: list[BotMessage], notice: str | None, newest: int) -> Seen | None:
    fresh = [m for m in changed if m.message_id > newest]
    return Seen(message=fresh[0]) if fresh else None


# -- askers and browsers -------------------------------------------------------------------


class Asker(Person):
    """Asks norm questions from the evaluation's dev set, one after another."""

    kind = "asker"

    def __init__(self, *args: Any, questions: Sequence[str], **options: Any) -> None:
        super().__init__(*args, **options)
        self.questions = questions

    async def run(self, until: float) -> None:
        while self.clock() < until:
            question = self.random.choice(self.questions)
            seen = await self.exchange(QUESTION, self.user.text(question), first_new_message)
            if seen is None or seen.message is None:
                self.tally.problems.append(f"{self.who}: no answer to {question!r}")
                continue
            text = seen.message.plain_text
            wrong = sensible(text)
            if wrong is not None:
                self.tally.problems.append(f"{self.who}: {wrong} to {question!r}")
            else:
                self.tally.compare(question, text, self.who)
            await self.pause()


class Browser(Person):
    """Opens /norms and goes down chapter, section and norm by the buttons, over and over."""

    kind = "browser"

    async def run(self, until: float) -> None:
        while self.clock() < until:
            seen = await self.exchange(BUTTON, self.user.text("/norms"), first_new_message)
            if seen is None or seen.message is None:
                self.tally.problems.append(f"{self.who}: no catalogue for /norms")
                continue
            self.tally.compare("/norms", seen.message.plain_text, self.who)
            page = seen.message
            for _ in range(3):
                if self.clock() >= until:
                    return
                await self.pause()
                choices = [
                    data
                    for button in page.buttons
                    if (data := button.callback_data or "").startswith(
                        ("tree:c:", "tree:s:", "tree:n:")
                    )
                ]
                if not choices:
                    break
                data = self.random.choice(choices)
                turned = await self.exchange(BUTTON, self.user.press(page, data), _edited(page))
                if turned is None or turned.message is None:
                    notice = turned.notice if turned else None
                    self.tally.problems.append(f"{self.who}: {data} not opened ({notice})")
                    break
                page = turned.message
                wrong = sensible(page.plain_text)
                if wrong is not None:
                    self.tally.problems.append(f"{self.who}: {wrong} for {data}")
                else:
                    self.tally.compare(data, page.plain_text, self.who)


def _edited(page: BotMessage) -> Callable[[list[BotMessage], str | None, int], Seen | None]:
    def answer(changed: list[BotMessage], notice: str | None, newest: int) -> Seen | None:
        for message in changed:
            if message.message_id == page.message_id and message.edit_count > page.edit_count:
                return Seen(message=message)
        return Seen(notice=notice) if notice else None

    return answer


# -- visitors ------------------------------------------------------------------------------

SAVED = "saved"
LOST = "lost"  # the bot says the dialog is gone
CUSTOMER_OFFER = "customer offer"
DUPLICATE_CUSTOMER = "duplicate customer"

# What each question of the /visit dialog says (handlers' copy), checked in this order.
_STEP_CUES: tuple[tuple[str, str], ...] = (
    ("拜访记录已保存", SAVED),
    ("已经保存过了", SAVED),  # saved before a crash; the summary shown again says so
    ("已有同名客户", DUPLICATE_CUSTOMER),
    ("请确认", "_confirm"),
    ("要修改哪一项", "_edit_menu"),
    ("新建这个客户吗", CUSTOMER_OFFER),
    ("您指的是哪一位客户", CUSTOMER_OFFER),
    ("拜访的是哪个客户", "customer"),
    ("拜访方式？", "way"),
    ("处于哪个阶段", "stage"),
    ("拜访的目的是什么", "purpose"),
    ("拜访是什么时候", "time"),
    ("拜访持续了多久", "time_end"),
    ("是独自拜访，还是", "companions"),
    ("见了客户方的哪些人", "people_met"),
    ("这次了解到哪些情况", "learned"),
    ("客户本人的主观看法", "customer_views"),
    ("我们做出了什么承诺", "items"),
    ("还有吗？", "items"),
    ("请用一句话写下这条", "item_text"),
    ("什么时候之前完成", "item_due"),
    ("下一步工作达成了什么共识", "next_step"),
)
# Dialog steps whose question the bot keeps in the persisted session under the same name.
DIALOG_STEPS = frozenset(step for _, step in _STEP_CUES) - {
    SAVED,
    DUPLICATE_CUSTOMER,
    CUSTOMER_OFFER,
}


def visit_step(text: str) -> str | None:
    """Which question of the /visit dialog this message asks (or SAVED …), None if none."""
    for cue, step in _STEP_CUES:
        if cue in text:
            return step
    return None


@dataclass(frozen=True)
class VisitPlan:
    """What one person means to record about one visit; every value is theirs alone."""

    user_id: int
    number: int
    customer: str
    way: str
    stage: str
    purpose: str
    companions: str
    people_met: str
    learned: str | None  # None: skipped
    customer_views: str
    commitment: str
    next_step: str
    time_text: str = "昨天下午3点到4点半"

    @classmethod
    def of(cls, user_id: int, number: int) -> VisitPlan:
        ways, stages, companions = list(WAY_LABELS), list(STAGE_LABELS), list(COMPANION_LABELS)
        tag = f"{user_id}-{number}"
        return cls(
            user_id=user_id,
            number=number,
            customer=f"测试客户{tag}",
            way=ways[number % len(ways)],
            stage=stages[number % len(stages)],
            purpose=f"介绍云专线方案{tag}",
            companions=companions[(user_id + number) % len(companions)],
            people_met=f"信息中心张主任{tag}",
            learned=None if number % 2 else f"客户计划明年扩容数据中心{tag}",
            customer_views=f"对价格有顾虑{tag}",
            commitment=f"下周提供报价方案{tag}",
            next_step=f"下周二提交方案{tag}",
        )

    def times(self, said_at: datetime) -> tuple[datetime, datetime]:
        """When the visit was, as '昨天下午3点到4点半' means when said at `said_at`."""
        yesterday = local_date(said_at) - timedelta(days=1)
        return (
            local_instant(yesterday, wall_time(15, 0)),
            local_instant(yesterday, wall_time(16, 30)),
        )


@dataclass
class VisitOutcome:
    """How one planned visit went, from the person's side."""

    plan: VisitPlan
    time_said_at: datetime | None = None
    saved_seen: bool = False  # the bot said it was saved
    uncertain: bool = False  # the person could not tell whether it was saved
    abandoned: str | None = None  # why the person gave up on it
    last_step: str | None = None  # the last question seen (for a dialog still open)


@dataclass(frozen=True)
class _Say:
    text: str

    def __str__(self) -> str:
        return f"say {self.text[:20]!r}"


@dataclass(frozen=True)
class _Press:
    message: BotMessage
    label: str

    def __str__(self) -> str:
        data = next((b.callback_data for b in self.message.buttons if b.text == self.label), "")
        return f"press {self.label!r} ({data}) of #{self.message.message_id}"


def _shown(seen: Seen | None) -> str:
    if seen is None:
        return "silence"
    if seen.message is None:
        return f"notice {seen.notice!r}"
    first_line = seen.message.plain_text.splitlines()[0][:40]
    return f"#{seen.message.message_id} {first_line!r}"


_Action = _Say | _Press


class Visitor(Person):
    """Logs visits one after another with /visit, answering whatever the bot asks.

    With `resend`, silence is met as a person meets it: the same text again, the same button
    again while it is there, else /visit to see where the dialog stands. Without, silence is
    a problem of the run and the visit is given up.
    """

    kind = "visitor"

    def __init__(self, *args: Any, resend: bool, settle: float = 0.0, **options: Any) -> None:
        super().__init__(*args, **options)
        self.resend = resend
        # Seconds to read before answering: if more arrives meanwhile (a late reply to
        # something said twice), the newest question is the one answered, as a person would.
        self.settle = settle
        self.outcomes: list[VisitOutcome] = []
        self.waiting = False  # the last message got no answer (yet)

    async def run(self, until: float, finish_by: float | None = None) -> None:
        """Log visits until `until`; the visit under way then goes on until `finish_by`
        (by default it stops at `until`, its dialog left open)."""
        number = 0
        while self.clock() < until:
            number += 1
            outcome = VisitOutcome(VisitPlan.of(self.user.id, number))
            self.outcomes.append(outcome)
            await self.log_visit(outcome, finish_by or until)

    async def log_visit(self, outcome: VisitOutcome, until: float) -> None:
        """One visit from /visit to the bot's 'saved', or until the run is over (the dialog
        then stays open where it is)."""
        plan = outcome.plan
        action: _Action = _Say(f"/visit {plan.customer}")
        expired_in_a_row = 0
        for _ in range(MAX_STEPS_PER_VISIT):
            if self.clock() >= until:
                return
            seen = await self.exchange(VISIT_STEP, self._update(action), self._question)
            self.waiting = seen is None
            self.trace.append(f"{action} -> {_shown(seen)}")
            expired = seen is not None and seen.notice is not None and EXPIRED in seen.notice
            if expired and isinstance(action, _Press):
                # The bot has moved on: the person answers the newest question instead.
                self.tally.expired_loops += 1
                question = self._newest_question(action.message)
                step = visit_step(question.plain_text)
                if step is not None:
                    outcome.last_step = step
                    action = self._answer(step, question, outcome)
                    continue
            if seen is None or seen.message is None:
                notice = seen.notice if seen is not None else None
                if notice is not None and "失效" in notice:
                    if outcome.last_step == "_confirm":
                        # Saved, with the reply lost, or not: the person can't tell.
                        outcome.uncertain = True
                        return
                    self.tally.problems.append(f"{self.who}: dialog lost: {notice}")
                    outcome.abandoned = "dialog lost"
                    return
                if notice is not None and notice.startswith(APOLOGY):
                    self.tally.apologies += 1
                if not self.resend:
                    self.tally.problems.append(f"{self.who}: no answer at {outcome.last_step}")
                    outcome.abandoned = "no answer"
                    return
                action = self._after_silence(action)
                continue
            text = seen.message.plain_text
            if text.startswith(APOLOGY):
                self.tally.apologies += 1
                if not self.resend:
                    self.tally.problems.append(f"{self.who}: the error apology")
                    outcome.abandoned = "apology"
                    return
                action = self._after_silence(action)  # "请稍后再试": the same again
                continue
            step = visit_step(text)
            if step == SAVED:
                outcome.saved_seen = True
                return
            if step == "customer" and outcome.last_step in ("_confirm", "_edit_menu"):
                # A new dialog where the summary card was: saved or not, the person can't tell.
                outcome.uncertain = True
                return
            if step == DUPLICATE_CUSTOMER:
                self.tally.problems.append(f"{self.who}: 已有同名客户 for {plan.customer}")
                outcome.abandoned = "duplicate customer"
                await self.exchange(VISIT_STEP, self.user.text("/cancel"), first_new_message)
                return
            if step is None:
                self.tally.problems.append(f"{self.who}: not a question: {text[:60]!r}")
                outcome.abandoned = "garbled"
                return
            outcome.last_step = step
            await self.pause()
            question = seen.message
            expired_in_a_row = expired_in_a_row + 1 if EXPIRED in text else 0
            if expired_in_a_row == EXPIRED_LOOP:
                # Each press lands on a question the bot has just asked anew: wait until it
                # is quiet, then answer the newest (what a puzzled person ends up doing).
                self.tally.expired_loops += 1
                await self._until_quiet()
            if self.settle > 0 or expired_in_a_row >= EXPIRED_LOOP:
                await asyncio.sleep(self.settle)
                question = self._newest_question(question)
                outcome.last_step = visit_step(question.plain_text) or step
            action = self._answer(outcome.last_step, question, outcome)
        self.tally.problems.append(
            f"{self.who}: dialog stuck at {outcome.last_step}; last: {' | '.join(self.trace)}"
        )
        outcome.abandoned = "stuck"

    def _update(self, action: _Action) -> dict[str, Any]:
        if isinstance(action, _Say):
            return self.user.text(action.text)
        return self.user.press(action.message, action.label)

    @staticmethod
    def _question(changed: list[BotMessage], notice: str | None, newest: int) -> Seen | None:
        """The newest new message that asks something of the dialog (or says it is saved), or
        the notice that a pressed button had expired (the bot then asks nothing new)."""
        if notice is not None and EXPIRED in notice:
            return Seen(notice=notice)
        for message in reversed(changed):
            if message.message_id <= newest:
                continue
            if visit_step(message.plain_text) is not None or message.plain_text.startswith(
                APOLOGY
            ):
                return Seen(message=message)
        if notice is not None and ("失效" in notice or notice.startswith(APOLOGY)):
            return Seen(notice=notice)
        return None

    async def _until_quiet(self, quiet: float = 2.0) -> None:
        """Wait until the bot has sent nothing new to this chat for `quiet` seconds."""
        for _ in range(int(self.patience / quiet) + 1):
            mark = self.api.change_mark()
            try:
                async with asyncio.timeout(quiet):
                    await self.api.wait_for_messages(mark, chat_id=self.user.id)
            except TimeoutError:
                return

    def _newest_question(self, seen: BotMessage) -> BotMessage:
        """The newest message of the chat that asks a step of the dialog, `seen` or later."""
        for message in reversed(self.api.messages(self.user.id)):
            if message.message_id <= seen.message_id:
                break
            step = visit_step(message.plain_text)
            if step is not None and step not in (SAVED, DUPLICATE_CUSTOMER):
                self.newest_id = max(self.newest_id, message.message_id)
                return message
        return seen

    def _after_silence(self, action: _Action) -> _Action:
        if isinstance(action, _Press):
            try:
                current = self.api.message(action.message.chat_id, action.message.message_id)
                current.find_button(action.label)
            except LookupError:
                # The bot took the press (the buttons are gone) but its question never came.
                return _Say("/visit")
            return _Press(current, action.label)
        return action

    def _answer(self, step: str, question: BotMessage, outcome: VisitOutcome) -> _Action:
        plan = outcome.plan
        match step:
            case "customer":
                return _Say(plan.customer)
            case "customer offer":
                return _Press(question, f"新客户：{plan.customer}")
            case "way":
                return _Press(question, WAY_LABELS[plan.way])
            case "stage":
                return _Press(question, STAGE_LABELS[plan.stage])
            case "purpose":
                return _Say(plan.purpose)
            case "time":
                outcome.time_said_at = datetime.now(UTC)
                return _Say(plan.time_text)
            case "time_end":
                return _Press(question, "1个半小时")
            case "companions":
                return _Press(question, COMPANION_LABELS[plan.companions])
            case "people_met":
                return _Say(plan.people_met)
            case "learned":
                return _Say(plan.learned or "/skip")
            case "customer_views":
                return _Say(plan.customer_views)
            case "items":
                if plan.commitment in question.plain_text:
                    return _Press(question, "没有了，下一步")
                return _Press(question, "添加我方承诺")
            case "item_text":
                return _Say(plan.commitment)
            case "item_due":
                return _Press(question, "3天后")
            case "next_step":
                return _Say(plan.next_step)
            case "_confirm":
                return _Press(question, "确认保存")
            case "_edit_menu":
                return _Press(question, "返回确认")
        raise ValueError(f"no answer for step {step!r}")
