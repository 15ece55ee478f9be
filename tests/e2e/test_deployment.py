"""Deployment, with bot.py as a real process against the Bot API stand-in over HTTP on 127.0.0.1:
webhook mode and its secret, SIGTERM in the middle of a reply, backup and health commands."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from storage.database import open_database
from tests.e2e.bot_process import (
    PROCESS_TIMEOUT,
    ROOT,
    BotProcess,
    bot_env,
    exchange,
    free_port,
    reply_containing,
)

TOKEN = "987654:SECRET-token-never-logged"
WEBHOOK_SECRET = "webhook-Secret_0123456789"
WEBHOOK_URL = "https://bot.example.com/telegram/kehu"
USER_ID = 100001
STARTED = "Application started"  # python-telegram-bot's INFO line once updates are taken
STOPPING = "Application is stopping"  # ... and once it has begun to stop


def webhook_env(
    tmp_path: Path, server: BotApiHttpServer, port: int, **extra: str
) -> dict[str, str]:
    return bot_env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_WEBHOOK_URL=WEBHOOK_URL,
        TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        BOT_ADMINS=str(USER_ID),
        **extra,
    )


def polling_env(tmp_path: Path, server: BotApiHttpServer, **extra: str) -> dict[str, str]:
    return bot_env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        BOT_ADMINS=str(USER_ID),
        **extra,
    )


async def post_update(
    port: int, update: dict[str, Any], secret: str | None, path: str = "/telegram/kehu"
) -> int:
    """POST an update to the bot's own webhook server, as Telegram would; the HTTP status."""
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with httpx.AsyncClient(timeout=PROCESS_TIMEOUT) as client:
        response = await client.post(
            f"http://127.0.0.1:{port}{path}", json=update, headers=headers
        )
    return response.status_code


def run_cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=bot_env(tmp_path, (), **env),
        timeout=PROCESS_TIMEOUT,
        check=False,
    )


async def test_webhook_mode_answers_updates_with_the_secret_and_refuses_all_others(
    tmp_path: Path,
) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    port = free_port()
    async with BotApiHttpServer(api) as server:
        bot = await BotProcess.start(webhook_env(tmp_path, server, port))
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await bot.wait_for_log(STARTED)
                forged = user.text("伪造的消息：不该被处理")
                assert await post_update(port, forged, secret="wrong-secret") == 403
                assert await post_update(port, forged, secret=None) == 403
                mark = api.change_mark()
                assert await post_update(port, user.text("感谢函几天"), WEBHOOK_SECRET) == 200
                reply = await reply_containing(api, mark, USER_ID, "感谢函")
                status = await bot.stop()
        finally:
            bot.kill()
    assert status == 0, bot.log
    assert api.webhook is not None
    assert api.webhook["url"] == WEBHOOK_URL
    assert api.webhook["secret_token"] == WEBHOOK_SECRET
    assert "48个小时内送出感谢函" in reply.plain_text
    # Only the update with the secret was handled: one answer, nothing about the forged one.
    assert [message.message_id for message in api.messages(USER_ID)] == [reply.message_id]
    assert "不该被处理" not in bot.log
    assert TOKEN.split(":")[1] not in bot.log
    assert WEBHOOK_SECRET not in bot.log


async def test_webhook_mode_listens_only_on_its_path(tmp_path: Path) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    port = free_port()
    async with BotApiHttpServer(api) as server:
        bot = await BotProcess.start(webhook_env(tmp_path, server, port))
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await bot.wait_for_log(STARTED)
                update = user.text("感谢函几天")
                assert await post_update(port, update, WEBHOOK_SECRET, path="/") == 404
                assert await post_update(port, update, WEBHOOK_SECRET, path=f"/{TOKEN}") == 404
                status = await bot.stop()
        finally:
            bot.kill()
    assert status == 0, bot.log
    assert api.messages(USER_ID) == []


def test_webhook_mode_without_a_secret_refuses_to_start(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_WEBHOOK_URL=WEBHOOK_URL,
    )
    assert result.returncode == 2
    assert "TELEGRAM_WEBHOOK_SECRET is required in webhook mode" in result.stderr
    assert not (tmp_path / "bot.db").exists()


async def test_sigterm_mid_reply_while_polling_delivers_the_reply_and_keeps_the_dialog(
    tmp_path: Path,
) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    async with BotApiHttpServer(api) as server:
        env = polling_env(tmp_path, server)
        bot = await BotProcess.start(env)
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await bot.wait_for_log(STARTED)
                hold = api.hold_next("sendMessage")
                mark = api.change_mark()
                api.push_update(user.text("/visit"))
                await hold.arrived.wait()  # the handler is mid-way: its reply is on the wire
                bot.terminate()
                await bot.wait_for_log(STOPPING)
                hold.release()
                question = await reply_containing(api, mark, USER_ID, "拜访的是哪个客户")
                status = await bot.wait()
        finally:
            bot.kill()
        assert status == 0, bot.log
        assert question.message_id == api.last_message(USER_ID).message_id
        with sqlite3.connect(tmp_path / "bot.db") as db:
            [(state,)] = db.execute("SELECT state FROM ptb_conversations").fetchall()
        assert state != "null"

        # Started again, the bot takes the next message as the answer to the same question.
        again = await BotProcess.start(env)
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                offer = await exchange(api, user.text("澜沧江数据"), USER_ID, "新建这个客户吗")
                status = await again.stop()
        finally:
            again.kill()
    assert status == 0, again.log
    assert any(button.text == "新客户：澜沧江数据" for button in offer.buttons)


async def test_sigterm_mid_reply_in_webhook_mode_delivers_the_reply_and_exits_0(
    tmp_path: Path,
) -> None:
    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    port = free_port()
    async with BotApiHttpServer(api) as server:
        bot = await BotProcess.start(webhook_env(tmp_path, server, port))
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await bot.wait_for_log(STARTED)
                hold = api.hold_next("sendMessage")
                mark = api.change_mark()
                assert await post_update(port, user.text("感谢函几天"), WEBHOOK_SECRET) == 200
                await hold.arrived.wait()
                bot.terminate()
                await bot.wait_for_log(STOPPING)
                hold.release()
                reply = await reply_containing(api, mark, USER_ID, "感谢函")
                status = await bot.wait()
        finally:
            bot.kill()
    assert status == 0, bot.log
    assert "48个小时内送出感谢函" in reply.plain_text
    assert bot.log.rstrip().endswith("stopped"), bot.log


async def test_health_is_good_while_the_bot_runs_and_bad_before(tmp_path: Path) -> None:
    open_database(tmp_path / "bot.db").close()
    before = run_cli(tmp_path, "health")
    assert before.returncode == 1
    assert before.stdout == "unhealthy: no heartbeat yet (is the bot running?)\n"

    api = BotApiStandIn(token=TOKEN)
    user = api.user(USER_ID, first_name="李明")
    async with BotApiHttpServer(api) as server:
        bot = await BotProcess.start(polling_env(tmp_path, server))
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await exchange(api, user.text("感谢函几天"), USER_ID, "感谢函")
                # The first beat comes as the application starts, before any update is taken.
                during = await asyncio.to_thread(run_cli, tmp_path, "health")
                light = await asyncio.to_thread(
                    subprocess.run,
                    [sys.executable, "-m", "ops.health"],
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                    env=bot_env(tmp_path),
                    timeout=PROCESS_TIMEOUT,
                    check=False,
                )
                status = await bot.stop()
        finally:
            bot.kill()
    assert status == 0, bot.log
    assert during.returncode == 0, during.stdout + during.stderr
    assert during.stdout.startswith("healthy: database opens, last heartbeat ")
    assert (light.returncode, light.stdout[:8]) == (0, "healthy:")


def test_backup_command_copies_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    open_database(tmp_path / "bot.db").close()
    target = tmp_path / "backup.db"

    first = run_cli(tmp_path, "backup", str(target))
    again = run_cli(tmp_path, "backup", str(target))
    forced = run_cli(tmp_path, "backup", str(target), "--force")

    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"backed up {tmp_path / 'bot.db'} → wrote {target}: ")
    assert "integrity check ok" in first.stdout
    assert again.returncode == 1
    assert again.stderr == f"backup failed: {target} already exists; pass --force to replace it\n"
    assert forced.returncode == 0, forced.stderr
    assert "replaced" in forced.stdout


def test_backup_command_without_a_database_fails_clearly(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "backup", str(tmp_path / "backup.db"))
    assert result.returncode == 1
    assert (
        result.stderr == f"backup failed: there is no database at {tmp_path / 'bot.db'} (BOT_DB)\n"
    )
    assert json.dumps(result.stdout) == '""'
