"""The real entry point, as a process: the console over a pipe, and `bot.py run` polling a
self-hosted Bot API (the HTTP stand-in on 127.0.0.1) through TELEGRAM_API_BASE_URL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from tests.e2e.bot_process import register_staff

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "987654:SECRET-token-never-logged"
PROCESS_TIMEOUT = 60


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a test bot process, with the test users registered as staff."""
    register_staff(tmp_path / "bot.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env["BOT_DB"] = str(tmp_path / "bot.db")
    env.update(extra)
    return env


def test_console_answers_piped_questions_and_numbered_buttons(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "bot.py", "console"],
        input="感谢函几天\n1\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=clean_env(tmp_path),
        timeout=PROCESS_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer, related = result.stdout.split("[2] ", 1)
    assert "正式拜访结束后48个小时内送出感谢函。" in answer
    assert "出处：1.2.1 拜访客户规范—上门拜访" in answer
    assert "[1] 相关：" in answer
    assert related.count("出处：") == 1  # typing 1 pressed the first button: a related norm


def test_run_without_token_explains_and_points_to_console(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "bot.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(tmp_path),
        timeout=PROCESS_TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert "python bot.py console" in result.stderr


async def test_bot_process_polls_self_hosted_api_answers_and_never_logs_token(
    tmp_path: Path,
) -> None:
    api = BotApiStandIn(token=TOKEN)
    api.fail_next("setMyCommands", error_code=500, description="Internal Server Error")
    async with BotApiHttpServer(api) as server:
        env = clean_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.base_url,
            BOT_ADMINS="900001",
            LOG_LEVEL="DEBUG",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "bot.py",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            user = api.user(100001, first_name="李明")
            mark = api.change_mark()
            api.push_update(user.text("感谢函几天"))
            async with asyncio.timeout(PROCESS_TIMEOUT):
                [reply] = await api.wait_for_messages(mark, chat_id=user.id)
        finally:
            process.terminate()  # SIGTERM: PTB stops polling and shuts down cleanly
            async with asyncio.timeout(PROCESS_TIMEOUT):
                stdout, stderr = await process.communicate()
    log = stdout.decode() + stderr.decode()
    assert "48个小时内送出感谢函" in reply.plain_text
    assert process.returncode == 0, log
    assert "could not set the command menu" in log  # the failed optional call only warned
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
