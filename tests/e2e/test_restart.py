"""A real bot process killed (SIGKILL) in the middle of a visit dialog: after the restart the
user goes on at the same step with what they had entered, on the same SQLite file."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path

from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from standin.messages import BotMessage
from standin.user import SimulatedUser
from tests.e2e.test_processes import PROCESS_TIMEOUT, ROOT, clean_env

TOKEN = "987654:RESTART-test-token"


async def start_bot(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "bot.py",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def reply_containing(
    api: BotApiStandIn, user: SimulatedUser, update: dict, text: str
) -> BotMessage:
    """Deliver the update to the polling bot and wait for a message of it containing `text`."""
    mark = api.change_mark()
    api.push_update(update)
    count = 1
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while True:
            messages = await api.wait_for_messages(mark, chat_id=user.id, count=count)
            for message in messages:
                if text in message.plain_text:
                    return message
            count = len(messages) + 1


async def persisted_state(database: Path, expected: str) -> None:
    """Wait until the dialog's state is on disk (it is written right after each update)."""
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while True:
            with sqlite3.connect(database) as connection:
                rows = connection.execute("SELECT state FROM ptb_conversations").fetchall()
            if [state for (state,) in rows] == [f'"{expected}"']:
                return
            await asyncio.sleep(0.05)


async def test_killed_mid_dialog_the_user_continues_after_restart(tmp_path: Path) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(100001, first_name="李明")
    async with BotApiHttpServer(api) as server:
        env = clean_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.base_url)
        process = await start_bot(env)
        try:
            message = await reply_containing(api, user, user.text("/visit 华为"), "新建")
            message = await reply_containing(
                api, user, user.press(message, "新客户：华为"), "拜访方式"
            )
            message = await reply_containing(api, user, user.press(message, "上门拜访"), "阶段")
            message = await reply_containing(
                api, user, user.press(message, "建立关系"), "拜访的目的"
            )
            time_question = await reply_containing(
                api, user, user.text("介绍云专线方案"), "拜访是什么时候"
            )
            await persisted_state(tmp_path / "bot.db", "visit:time")
        finally:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        assert process.returncode == -signal.SIGKILL

        process = await start_bot(env)
        try:
            # The button of the question asked before the crash still works: same step.
            message = await reply_containing(
                api, user, user.press(time_question, "刚结束，约1小时"), "独自拜访"
            )
            assert "时间：" in message.plain_text
            message = await reply_containing(api, user, user.press(message, "独自拜访"), "哪些人")
            for _ in range(3):
                message = await reply_containing(api, user, user.text("/skip"), "【记录拜访")
            message = await reply_containing(
                api, user, user.press(message, "没有了，下一步"), "下一步工作"
            )
            summary = await reply_containing(api, user, user.text("/skip"), "请确认")
            saved = await reply_containing(
                api, user, user.press(summary, "确认保存"), "拜访记录已保存"
            )
        finally:
            process.terminate()
            async with asyncio.timeout(PROCESS_TIMEOUT):
                _, stderr = await process.communicate()
    # What was entered before the kill is all there.
    assert "· 客户：华为（新客户，保存时建立）" in summary.plain_text
    assert "· 方式：上门拜访" in summary.plain_text
    assert "· 阶段：建立关系" in summary.plain_text
    assert "· 目的：介绍云专线方案" in summary.plain_text
    assert "感谢函" in saved.plain_text
    assert process.returncode == 0, stderr.decode()
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        [(purpose,)] = connection.execute("SELECT purpose FROM visits").fetchall()
    assert purpose == "介绍云专线方案"
