"""Faults while people are in /visit dialogs with `python bot.py` as a real process: the Bot
API failing at random, SIGKILL and restart, the database locked by another process.

Short versions of bench.faults (python -m bench.faults runs them longer, with the figures).
Whatever fails, a visit the bot said it saved is never lost, SQLite stays intact and the bot
logs no error but the injected faults' own. The dialog damage that SIGKILL and lost replies
can still do is pinned down exactly in test_reply_failures.py and by the duplicate test here.
"""

from __future__ import annotations

import asyncio
import functools
import json
import signal
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from pathlib import Path

from bench.botprocess import OUR_BOT, TOKEN, BotProcess, bot_environment, register_staff
from bench.faults import FaultResult, kill_at_random, lock_at_random, run_scenario
from standin.botapi import BotApiStandIn
from standin.chaos import FaultRates
from standin.http import BotApiHttpServer
from standin.messages import BotMessage
from standin.user import SimulatedUser
from storage.database import open_database
from storage.models import NewCustomer
from storage.scope import Scope
from storage.store import Records

USERS = 4
WAIT = 30.0


def every_visit_ended(result: FaultResult) -> bool:
    """Each person's visits ended one way or another (saved, unknown, given up): none stuck."""
    return all(
        outcome.saved_seen or outcome.uncertain or outcome.abandoned
        for visitor in result.visitors
        for outcome in visitor.outcomes
    )


async def test_api_faults_lose_no_saved_visit_and_log_only_their_own_errors() -> None:
    rates = FaultRates(
        too_many_requests=0.05,
        bad_gateway=0.05,
        hang=0.03,
        hang_seconds=6.0,
        methods=frozenset({"getUpdates", "sendMessage", "editMessageText"}),
    )
    result = await run_scenario("api", users=USERS, seconds=4, seed=11, rates=rates)
    assert sum(result.injected.values()) >= 3
    assert result.must_hold() == []
    assert every_visit_ended(result)
    assert result.check.saved_seen >= 1


async def test_killed_at_random_the_bot_loses_no_saved_visit() -> None:
    twice = functools.partial(kill_at_random, every=(0.5, 2.0), times=2)
    result = await run_scenario("kill", users=USERS, seconds=4, seed=5, fault_loop=twice)
    assert result.injected["SIGKILL"] == 2
    assert result.must_hold() == []
    assert every_visit_ended(result)
    assert result.check.saved_seen >= 1


async def test_a_briefly_locked_database_only_slows_the_bot_down() -> None:
    often = functools.partial(lock_at_random, every=(0.3, 1.0), hold=(1.0, 2.0))
    result = await run_scenario("lock", users=USERS, seconds=5, seed=3, fault_loop=often)
    assert result.injected["database locked"] >= 2
    assert result.must_hold() == []
    assert result.dialog_damage() == []
    assert result.tally.silences == 0
    assert result.check.saved_seen >= USERS


# -- SIGKILL between saving a visit and ending its dialog ----------------------------------


async def answer(api: BotApiStandIn, user: SimulatedUser, update: dict, text: str) -> BotMessage:
    """Deliver the update to the polling bot; the first new message containing `text`."""
    mark = api.change_mark()
    api.push_update(update)
    count = 1
    async with asyncio.timeout(WAIT):
        while True:
            messages = await api.wait_for_messages(mark, chat_id=user.id, count=count)
            for message in messages:
                if text in message.plain_text and message.edit_count == 0:
                    return message
            count = len(messages) + 1


def visits_of(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        [(count,)] = connection.execute("SELECT count(*) FROM visits").fetchall()
    return int(count)


def staff_with_a_customer(api: BotApiStandIn, database: Path) -> SimulatedUser:
    """A registered manager whose customer 华为 exists already."""
    user = api.user(400001, first_name="李明")
    register_staff(database, [(user.id, "李明")])
    db = open_database(database)
    Records(db, Scope.own(user.id), lambda: datetime.now(UTC)).customers.add(NewCustomer("华为"))
    db.close()
    return user


async def reach_people_met(api: BotApiStandIn, user: SimulatedUser) -> BotMessage:
    """A /visit to 华为 answered up to its question of whom the person met."""
    message = await answer(api, user, user.text("/visit 华为"), "拜访方式")
    message = await answer(api, user, user.press(message, "电话拜访"), "阶段")
    message = await answer(api, user, user.press(message, "建立关系"), "目的")
    message = await answer(api, user, user.text("介绍云专线方案"), "什么时候")
    message = await answer(api, user, user.press(message, "刚结束，约1小时"), "独自")
    return await answer(api, user, user.press(message, "独自拜访"), "哪些人")


@asynccontextmanager
async def our_bot_over_http(api: BotApiStandIn, database: Path) -> AsyncIterator[BotProcess]:
    """`python bot.py` running against the stand-in over HTTP; stopped at the end unless the
    test left it killed."""
    async with BotApiHttpServer(api) as server:
        bot = BotProcess(OUR_BOT, bot_environment(database, server.base_url))
        await bot.start(api)
        try:
            yield bot
        finally:
            if bot.pid is not None:
                await bot.stop()


async def test_killed_after_saving_a_visit_it_is_not_saved_twice(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    api = BotApiStandIn(token=TOKEN)
    user = staff_with_a_customer(api, database)
    async with our_bot_over_http(api, database) as bot:
        message = await reach_people_met(api, user)
        for _ in range(3):
            message = await answer(api, user, user.text("/skip"), "【记录拜访")
        message = await answer(api, user, user.press(message, "没有了，下一步"), "下一步")
        summary = await answer(api, user, user.text("/skip"), "请确认")
        api.delay_next("sendMessage", WAIT)  # "已保存" hangs on its way
        calls_before = len(api.call_log)
        api.push_update(user.press(summary, "确认保存"))
        async with asyncio.timeout(WAIT):
            while True:
                if "sendMessage" in (name for name, _ in api.call_log[calls_before:]):
                    break
                await asyncio.sleep(0.02)
        assert visits_of(database) == 1  # saved before its reply went out
        await bot.kill()
        await bot.start(api)
        # The person saw no answer and the buttons gone: /visit shows where things stand.
        card = await answer(api, user, user.text("/visit"), "请确认")
        await answer(api, user, user.press(card, "确认保存"), "拜访记录已保存")
    assert bot.exit_codes[0] == -signal.SIGKILL
    assert visits_of(database) == 1


async def test_killed_before_the_next_question_went_out_a_resent_skip_skips_nothing_more(
    tmp_path: Path,
) -> None:
    """The step after a /skip is committed, the bot dies before its question goes out; the
    person, after the silence, sends /skip again. It is not taken for the unseen question:
    the bot shows that question instead."""
    database = tmp_path / "bot.db"
    api = BotApiStandIn(token=TOKEN)
    user = staff_with_a_customer(api, database)
    async with our_bot_over_http(api, database) as bot:
        await reach_people_met(api, user)
        await answer(api, user, user.text("信息中心张主任"), "了解到哪些情况")
        hold = api.hold_next("sendMessage")  # the next question never gets out
        api.push_update(user.text("/skip"))
        async with asyncio.timeout(WAIT):
            await hold.arrived.wait()
        await bot.kill()
        await bot.start(api)

        again = await answer(api, user, user.text("/skip"), "客户本人的主观看法")

        assert "已经收到" in again.plain_text
        question = await answer(api, user, user.text("认可我们的服务"), "提出了什么要求")
        assert "逐条添加" in question.plain_text
    with closing(sqlite3.connect(database)) as connection:
        [(data,)] = connection.execute("SELECT data FROM ptb_user_data").fetchall()
    values = json.loads(data)["dialog"]["values"]
    assert values["learned"] is None
    assert values["customer_views"] == "认可我们的服务"
