"""What the logs may hold: one line per update with user ids, never what users typed or the token.

A whole /visit is logged through bot.py as a process polling the stand-in over HTTP.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest

from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from standin.messages import BotMessage
from standin.user import SimulatedUser
from tests.e2e.bot_process import PROCESS_TIMEOUT, BotProcess, bot_env, exchange
from tests.e2e.conftest import MANAGER_ID, RunningBot

TOKEN = "987654:SECRET-token-never-logged"
USER_ID = 100001
QUESTION = "感谢函几天"
CUSTOMER = "澜沧江数据科技有限公司"
PURPOSE = "商量明年专线扩容的预算安排"
PEOPLE = "信息中心欧阳主任"
VIEWS = "担心割接影响生产系统"
TYPED = (QUESTION, CUSTOMER, PURPOSE, PEOPLE, VIEWS)
# Every line starts with a timestamp and level: an event is one line (tracebacks aside).
LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


async def log_a_whole_visit(api: BotApiStandIn, user: SimulatedUser) -> BotMessage:
    """Ask a norm question, then /visit from the first step to 确认保存."""

    async def say(text: str, needle: str) -> BotMessage:
        return await exchange(api, user.text(text), USER_ID, needle)

    async def press(message: BotMessage, button: str, needle: str) -> BotMessage:
        return await exchange(api, user.press(message, button), USER_ID, needle)

    await say(QUESTION, "感谢函")
    message = await say("/visit", "拜访的是哪个客户")
    message = await say(CUSTOMER, "新建这个客户吗")
    message = await press(message, f"新客户：{CUSTOMER}", "拜访方式")
    message = await press(message, "上门拜访", "处于哪个阶段")
    message = await press(message, "建立关系", "拜访的目的是什么")
    message = await say(PURPOSE, "拜访是什么时候")
    message = await press(message, "刚结束，约1小时", "独自拜访")
    message = await press(message, "独自拜访", "见了客户方的哪些人")
    message = await say(PEOPLE, "了解到哪些情况")
    message = await say("/skip", "主观看法")
    message = await say(VIEWS, "没有了，下一步")
    message = await press(message, "没有了，下一步", "下一步工作")
    message = await say("/skip", "记录拜访（待确认）")
    return await press(message, "确认保存", "拜访记录已保存")


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_a_whole_visit_leaves_no_typed_text_and_no_token_in_the_log(
    tmp_path: Path, level: str
) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    async with BotApiHttpServer(api) as server:
        env = bot_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.base_url,
            BOT_ADMINS=str(USER_ID),
            LOG_LEVEL=level,
        )
        bot = await BotProcess.start(env)
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                saved = await log_a_whole_visit(api, user)
                status = await bot.stop()
        finally:
            bot.kill()
    log = bot.log
    assert status == 0, log
    assert "拜访记录已保存" in saved.plain_text
    for typed in TYPED:
        assert typed not in log, f"{typed!r} was logged at {level}:\n{log}"
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    lines = log.splitlines()
    assert all(LINE.match(line) for line in lines), log
    # One INFO line for each of the 15 updates, naming the user and the kind of update.
    updates = [line for line in lines if " INFO handlers.activity: update " in line]
    assert len(updates) == 15, log
    assert all(f"from user {USER_ID} in private chat {USER_ID}: " in line for line in updates)
    assert sum(line.endswith(": command /visit") for line in updates) == 1
    assert sum(line.endswith(": button dlg") for line in updates) == 7


async def test_each_update_is_logged_once_by_kind_without_its_content(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="handlers.activity")
    await bot.ask("/visit 华为技术有限公司")
    await bot.ask("/cancel")
    await bot.ask("客户来电我正在谈事怎么办")
    await bot.driver.send_update(bot.manager.sticker())
    await bot.driver.forged_press(bot.manager, MANAGER_ID, 1, "客户名单:华为")
    kinds = [record.getMessage().partition(": ")[2] for record in caplog.records]
    assert kinds == [
        "command /visit",
        "command /cancel",
        "text (12 characters)",
        "sticker",
        "button (unknown)",
    ]
    assert all(
        f"from user {MANAGER_ID} in private chat {MANAGER_ID}: " in record.getMessage()
        for record in caplog.records
    )
    assert "华为" not in caplog.text
    assert "谈事" not in caplog.text
