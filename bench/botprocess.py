"""Runs a bot as a real process polling the HTTP Bot API stand-in on 127.0.0.1; reads its log.

Used by bench.load, bench.faults and tests/faults: the bot is started exactly as operations
start it (`python bot.py` with the environment of the README), killed with SIGKILL or stopped
with SIGTERM, and every line it logs is kept, so a run can fail on any ERROR.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from standin.botapi import BotApiStandIn

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "987654:BENCH-token-not-secret"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0

# The programs a run can start; all read the same environment.
OUR_BOT: tuple[str, ...] = ("bot.py",)
# bot.py with the rate limiter off (bot.py itself has no setting for that): see unpaced_bot.
OUR_BOT_UNPACED: tuple[str, ...] = ("-m", "bench.unpaced_bot")
ECHO_BOT: tuple[str, ...] = ("-m", "bench.echo_bot")
ECHO_BOT_UNPACED: tuple[str, ...] = ("-m", "bench.echo_bot", "--no-rate-limit")

# Our log format: "%(asctime)s %(levelname)s %(name)s: %(message)s" (asctime has a space).
_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ([A-Z]+) ([\w.]+): (.*)$")
_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|TimedOut|RetryAfter|Conflict))\b")
_INHERITED_OUT = ("TELEGRAM_", "BOT_", "LOG_LEVEL", "WEBHOOK_")
_PROXIES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@dataclass
class LogRecord:
    """One record of the bot's log, with the exception line of its traceback if it has one."""

    level: str
    logger: str
    message: str
    exception: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def is_error(self) -> bool:
        return self.level in ("ERROR", "CRITICAL")

    def summary(self) -> str:
        tail = f" [{self.exception}]" if self.exception else ""
        return f"{self.level} {self.logger}: {self.message}{tail}"


def bot_environment(database: Path, base_url: str, **extra: str) -> dict[str, str]:
    """The bot's environment: this stand-in and this database, and nothing inherited that
    could point it elsewhere (other bot settings, HTTP proxies: loopback only)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_INHERITED_OUT) and key.lower() not in _PROXIES
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=base_url,
        BOT_DB=str(database),
        LOG_LEVEL="INFO",
        NO_PROXY="127.0.0.1",
    )
    env.update(extra)
    return env


def register_staff(database: Path, people: Iterable[tuple[int, str]]) -> None:
    """Make these users active staff, as `python bot.py staff add ID NAME` does: the bot's
    door admits staff only. Creates the database if it does not exist yet."""
    from storage.database import open_database
    from storage.staff import ROLE_MANAGER, StaffRegistry

    db = open_database(database)
    try:
        registry = StaffRegistry(db, lambda: datetime.now(UTC))
        for user_id, name in people:
            registry.add(user_id, name, ROLE_MANAGER, actor_id=0)
    finally:
        db.close()


class BotProcess:
    """One bot program, started (and restarted) as a child process; its log is kept whole."""

    def __init__(self, program: Sequence[str], env: dict[str, str], *, root: Path = ROOT) -> None:
        """`root`: the checkout the program runs from (another one: to measure its code)."""
        self.program = tuple(program)
        self.env = env
        self.root = root
        self.records: list[LogRecord] = []
        self.exit_codes: list[int] = []
        self.starts = 0
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def start(self, api: BotApiStandIn) -> float:
        """Start the program and wait until it polls the stand-in; returns the seconds taken.

        A poll left hanging by a killed process does not count: only a new getUpdates does.
        """
        if self._process is not None:
            raise RuntimeError("the bot is already running")
        loop = asyncio.get_running_loop()
        started = loop.time()
        calls_before = len(api.call_log)
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            *self.program,
            cwd=self.root,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        self.starts += 1
        assert self._process.stdout is not None
        self._reader = asyncio.create_task(self._read(self._process.stdout))
        async with asyncio.timeout(START_TIMEOUT):
            while not any(name == "getUpdates" for name, _ in api.call_log[calls_before:]):
                if self._process.returncode is not None:
                    await self._reader
                    tail = "\n".join(line for r in self.records[-5:] for line in r.lines)
                    raise RuntimeError(f"the bot exited at start:\n{tail}")
                await asyncio.sleep(0.05)
        return loop.time() - started

    async def kill(self) -> None:
        """SIGKILL: the process ends at once, in whatever it was doing."""
        await self._end(signal.SIGKILL)

    async def stop(self) -> int:
        """SIGTERM and wait for a clean exit (killed after STOP_TIMEOUT); the exit code."""
        return await self._end(signal.SIGTERM)

    async def _end(self, how: signal.Signals) -> int:
        process = self._process
        if process is None:
            raise RuntimeError("the bot is not running")
        if process.returncode is None:
            process.send_signal(how)
        try:
            async with asyncio.timeout(STOP_TIMEOUT):
                code = await process.wait()
        except TimeoutError:
            process.kill()
            code = await process.wait()
            self.records.append(LogRecord("ERROR", "bench", "the bot did not stop on SIGTERM"))
        if self._reader is not None:
            await self._reader
        self._process = None
        self._reader = None
        self.exit_codes.append(code)
        return code

    def cpu_seconds(self) -> float | None:
        """User plus system CPU time of the running process so far (Linux), None if unknown."""
        if self._process is None:
            return None
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def errors(self) -> list[LogRecord]:
        """Every ERROR and CRITICAL record so far, over all starts."""
        return [record for record in self.records if record.is_error]

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            text = line.decode("utf-8", "replace").rstrip("\n")
            match = _RECORD.match(text)
            if match is not None:
                level, logger, message = match.groups()
                self.records.append(LogRecord(level, logger, message, lines=[text]))
                continue
            if not self.records or (
                text.startswith("Traceback") and not self.records[-1].is_error
            ):
                # Output outside a log record: a traceback nothing logged is an error too.
                level = "ERROR" if text.startswith("Traceback") else "OUTPUT"
                self.records.append(LogRecord(level, "stderr", text, lines=[text]))
                continue
            current = self.records[-1]
            current.lines.append(text)
            exception = _EXCEPTION.match(text)
            if exception is not None:
                current.exception = text.strip()
