"""Through the running Application (its update processor, as production feeds it): one person's
slow chart holds up nobody else, each person's updates are answered in the order sent, and a
chart asked for again while it is being drawn is sent once. A reminder sweep under way
(a job) holds up no answer either.

The chart is drawn in a thread pool here, by a renderer the test lets finish, so what happens
while a chart is being drawn is decided by the test, not by the machine's speed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from telegram import Update

from fieldwork.stats import WorkStats
from handlers import stats
from ops.cpu_pool import CpuPool
from reminders.sync import sync_owner
from standin.messages import BotMessage
from standin.user import SimulatedUser
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, OTHER_MANAGER_ID, RunningBot
from tests.e2e.seeding import add_customer, log_visit, records_of
from views.ask import answer_reply

GUARD = 30.0  # seconds: only against a hang; nothing here waits for time to pass
QUESTIONS = ("感谢函几天", "投标要提前多久到", "名片怎么递")  # each answered outright


class GatedRenderer:
    """Stands in for render_chart: counts its calls and draws only when the test says so."""

    def __init__(self) -> None:
        self.calls = 0
        self.drawing = threading.Event()
        self.may_finish = threading.Event()

    def __call__(self, work: WorkStats) -> bytes:
        self.calls += 1
        self.drawing.set()
        self.may_finish.wait(GUARD)
        return b"\x89PNG\r\n\x1a\n" + b"chart" * 10

    async def until_drawing(self) -> None:
        assert await asyncio.to_thread(self.drawing.wait, GUARD), "no chart was started"

    def finish(self) -> None:
        self.may_finish.set()


@pytest.fixture
def renderer(monkeypatch: pytest.MonkeyPatch) -> Iterator[GatedRenderer]:
    gated = GatedRenderer()
    monkeypatch.setattr(stats, "render_chart", gated)
    yield gated
    gated.finish()  # never leave a worker thread waiting


@pytest.fixture
async def running(bot: RunningBot, renderer: GatedRenderer) -> AsyncIterator[RunningBot]:
    """The bot started as production runs it: updates go through the update queue."""
    bot.app.bot_data.cpu = CpuPool(2, executor_factory=ThreadPoolExecutor)
    customer = add_customer(records_of(bot), "华为技术有限公司")
    log_visit(records_of(bot), customer.id, FIXED_NOW - timedelta(days=2))
    await bot.app.start()
    try:
        yield bot
    finally:
        renderer.finish()
        await bot.app.stop()


def send(bot: RunningBot, user: SimulatedUser, text: str) -> None:
    """The user sends `text`; the update goes where getUpdates would put it."""
    bot.app.update_queue.put_nowait(Update.de_json(user.text(text), bot.app.bot))


async def answers(bot: RunningBot, user: SimulatedUser, count: int) -> list[BotMessage]:
    """Wait for `count` bot messages in the user's chat (from the start of the test)."""
    async with asyncio.timeout(GUARD):
        return await bot.api.wait_for_messages(0, chat_id=user.id, count=count)


async def all_handled(bot: RunningBot) -> None:
    async with asyncio.timeout(GUARD):
        await bot.app.update_queue.join()


def expected_answer(bot: RunningBot, question: str) -> str:
    """The text of the bot's answer to `question`, as its view builds it."""
    knowledge = bot.app.bot_data.knowledge.current
    return answer_reply(knowledge.kb, knowledge.match(question)).text


async def test_a_chart_being_drawn_holds_up_no_one_else(
    running: RunningBot, renderer: GatedRenderer
) -> None:
    colleague = running.api.user(OTHER_MANAGER_ID, first_name="赵强")
    send(running, running.manager, "/stats")
    await renderer.until_drawing()
    for question in QUESTIONS:
        send(running, colleague, question)

    replies = await answers(running, colleague, len(QUESTIONS))

    assert [reply.kind for reply in replies] == ["text"] * len(QUESTIONS)
    assert running.api.messages(running.manager.id) == []  # the chart is still being drawn
    renderer.finish()
    [chart] = await answers(running, running.manager, 1)
    assert chart.kind == "photo"


async def test_a_persons_messages_are_answered_in_the_order_sent(
    running: RunningBot, renderer: GatedRenderer
) -> None:
    """Their question after /stats waits for the chart; then each answer in turn."""
    send(running, running.manager, "/stats")
    for question in QUESTIONS:
        send(running, running.manager, question)
    await renderer.until_drawing()
    assert running.api.messages(running.manager.id) == []
    renderer.finish()
    await all_handled(running)

    chart, *replies = running.api.messages(running.manager.id)
    assert chart.kind == "photo"
    assert [reply.text for reply in replies] == [
        expected_answer(running, question) for question in QUESTIONS
    ]


async def test_stats_asked_again_while_the_chart_is_drawn_sends_one_chart(
    running: RunningBot, renderer: GatedRenderer
) -> None:
    send(running, running.manager, "/stats")
    await renderer.until_drawing()
    send(running, running.manager, "/stats")  # impatient: the chart has not come yet
    send(running, running.manager, "/stats")
    renderer.finish()
    await all_handled(running)

    assert [message.kind for message in running.api.messages(running.manager.id)] == ["photo"]
    assert renderer.calls == 1


async def test_stats_asked_after_the_chart_came_gets_a_new_one(
    running: RunningBot, renderer: GatedRenderer
) -> None:
    renderer.finish()
    send(running, running.manager, "/stats")
    await answers(running, running.manager, 1)
    send(running, running.manager, "/stats")
    await all_handled(running)

    assert [m.kind for m in running.api.messages(running.manager.id)] == ["photo", "photo"]
    assert renderer.calls == 2


async def test_a_full_pool_says_so_and_draws_nothing(
    running: RunningBot, renderer: GatedRenderer
) -> None:
    running.app.bot_data.cpu = CpuPool(1, max_jobs=1, executor_factory=ThreadPoolExecutor)
    colleague = running.api.user(OTHER_MANAGER_ID, first_name="赵强")
    customer = add_customer(records_of(running, OTHER_MANAGER_ID), "中兴通讯")
    log_visit(records_of(running, OTHER_MANAGER_ID), customer.id, FIXED_NOW - timedelta(days=1))
    send(running, running.manager, "/stats")
    await renderer.until_drawing()
    send(running, colleague, "/stats")

    [refusal] = await answers(running, colleague, 1)

    assert "请过一分钟再发一次" in refusal.plain_text
    renderer.finish()
    await all_handled(running)
    assert renderer.calls == 1


async def test_a_reminder_sweep_under_way_holds_up_no_answer(
    bot: RunningBot, renderer: GatedRenderer
) -> None:
    """The sweep (a job, run at start) is sending a reminder that Telegram has not answered yet;
    a colleague's question is answered meanwhile."""
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    log_visit(records, customer.id, FIXED_NOW - timedelta(hours=60))  # thank-you letter overdue
    services = bot.app.bot_data
    kb = services.knowledge.current.kb
    sync_owner(services.store, kb, services.reminder_config, MANAGER_ID, FIXED_NOW)
    await bot.ask("/start")  # the manager's chat with the bot exists
    mark = bot.api.change_mark()
    reminder_on_its_way = bot.api.hold_next("sendMessage")
    colleague = bot.api.user(OTHER_MANAGER_ID, first_name="赵强")
    await bot.app.start()
    try:
        async with asyncio.timeout(GUARD):
            await reminder_on_its_way.arrived.wait()
        send(bot, colleague, QUESTIONS[0])
        [answer] = await answers(bot, colleague, 1)
        assert answer.text == expected_answer(bot, QUESTIONS[0])
        assert bot.api.changed_messages(mark, chat_id=MANAGER_ID) == []  # still on its way
    finally:
        reminder_on_its_way.release()
        await bot.app.stop()
    [reminder] = bot.api.changed_messages(mark, chat_id=MANAGER_ID)
    assert "感谢函" in reminder.plain_text
