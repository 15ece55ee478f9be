"""`bot.py` as a real process for tests: its environment, its log as it comes, a chat with it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from standin.botapi import BotApiStandIn
from standin.messages import BotMessage
from storage.staff import StaffRegistry
from storage.store import Store
from timekeeping.clock import utc_now

ROOT = Path(__file__).resolve().parents[2]
PROCESS_TIMEOUT = 60


# The users tests chat as; the bot only talks to registered staff.
TEST_STAFF = (100001, 100002)


def register_staff(database: Path, user_ids: Sequence[int] = TEST_STAFF) -> None:
    """Register test users as managers in the database file, as `bot.py staff add` would."""
    store = Store(database)
    try:
        registry = StaffRegistry(store.db, utc_now)
        for user_id in user_ids:
            registry.add(user_id, f"测试{user_id}", "manager", "测试组", actor_id=0)
    finally:
        store.close()


def bot_env(tmp_path: Path, staff: Sequence[int] = TEST_STAFF, /, **extra: str) -> dict[str, str]:
    """The test's environment without the developer's own bot settings, plus `extra`; the
    database gets `staff` registered (pass () to leave no database behind)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "BOT_", "WEBHOOK_", "LOG_LEVEL"))
    }
    env["BOT_DB"] = str(tmp_path / "bot.db")
    env.update(extra)
    if staff:
        register_staff(tmp_path / "bot.db", staff)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotProcess:
    """`python bot.py ARGS` with stdout and stderr read as they come, into one log."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._news = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, env: dict[str, str], *args: str) -> BotProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "bot.py",
            *args,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            self.lines.append(raw.decode("utf-8", errors="replace"))
            self._news.set()
        self._news.set()

    @property
    def log(self) -> str:
        return "".join(self.lines)

    async def wait_for_log(self, needle: str) -> None:
        """Return once a log line contains `needle`; fail if the process ends first."""
        while True:
            self._news.clear()
            if needle in self.log:
                return
            if self._reader.done():
                raise AssertionError(f"bot.py ended without logging {needle!r}:\n{self.log}")
            await self._news.wait()

    def terminate(self) -> None:
        """SIGTERM, as `docker stop` sends it."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)

    async def wait(self) -> int:
        """Wait for the process to end and its log to be read; returns the exit status."""
        await self._reader
        return await self.process.wait()

    async def stop(self) -> int:
        self.terminate()
        return await self.wait()

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


async def reply_containing(
    api: BotApiStandIn, since: int, chat_id: int, needle: str
) -> BotMessage:
    """The first bot message sent or edited after the change mark `since` that shows `needle`."""
    while True:
        changed = api.changed_messages(since, chat_id=chat_id)
        for message in changed:
            if needle in message.plain_text:
                return message
        await api.wait_for_messages(since, chat_id=chat_id, count=len(changed) + 1)


async def exchange(
    api: BotApiStandIn, update: dict[str, Any], chat_id: int, needle: str
) -> BotMessage:
    """Deliver an update to the polling bot and wait for its reply that shows `needle`."""
    mark = api.change_mark()
    api.push_update(update)
    return await reply_containing(api, mark, chat_id, needle)
