"""Prints what the bot does when things fail while people are in the middle of /visit dialogs,
and checks that nothing they entered is lost.

    python -m bench.faults                           # every scenario, 20 people, 60 s each
    python -m bench.faults --only kill --seconds 30 --seed 7

Scenarios, each on a fresh database with `python bot.py` as a real process polling the HTTP
stand-in on 127.0.0.1:
  api   the stand-in answers 429 (retry_after 1 s), 502, or hangs 6 s — past the bot's 5 s
        read timeout, then carries the call out — at random (seeded) on getUpdates,
        sendMessage, editMessageText and answerCallbackQuery;
  kill  the bot is killed with SIGKILL at random moments (every 2–6 s) and restarted at once;
  lock  another process holds BEGIN EXCLUSIVE on the database for 1–3 s, every 2–5 s.

The people are visitors who behave as people do when the bot goes quiet: after 10 s without
an answer, or after the bot's apology, they send the same text again, press the same button
again while it is there, or else send /visit to see where the dialog stands. When the faults
stop they finish the visit they are in; then the bot is stopped (SIGTERM) and checked: every
visit the bot said it saved is in the database once with what was entered, no dialog went
back or skipped a step, SQLite is intact, and the bot logged no error other than the injected
faults' own.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.botprocess import (
    OUR_BOT,
    TOKEN,
    BotProcess,
    LogRecord,
    bot_environment,
    register_staff,
)
from bench.checks import VisitCheck, check_visits
from bench.people import Tally, Visitor
from bench.speed import percentile
from standin.botapi import BotApiStandIn
from standin.chaos import ChaoticBotApi, FaultRates
from standin.http import BotApiHttpServer

FIRST_USER_ID = 400001
PATIENCE = 10.0  # seconds a person waits before saying it again
SETTLE = 0.5  # seconds a person reads before answering (the newest question wins)
SETTLE_TIMEOUT = 90.0  # after the faults, for the visits under way to finish
FLOOD_LIMIT = 30
SCENARIOS = ("api", "kill", "lock")

API_FAULTS = FaultRates(
    too_many_requests=0.03,
    bad_gateway=0.03,
    hang=0.02,
    retry_after=1,
    hang_seconds=6.0,
    methods=frozenset({"getUpdates", "sendMessage", "editMessageText", "answerCallbackQuery"}),
)
# Exceptions the injected API faults raise in the bot: errors logged with them are expected.
FAULT_EXCEPTIONS = (
    "telegram.error.RetryAfter",
    "telegram.error.NetworkError",
    "telegram.error.TimedOut",
)

# Holds the database's write lock from a separate process, as a backup tool or an operator's
# sqlite3 shell might: prints "locked" once it has it.
_LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


@dataclass
class FaultResult:
    scenario: str
    seconds: float
    tally: Tally
    check: VisitCheck
    errors: list[LogRecord]
    exit_code: int
    visitors: list[Visitor] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    expected_errors: tuple[str, ...] = ()

    @property
    def unexpected_errors(self) -> list[LogRecord]:
        return [
            record
            for record in self.errors
            if not (record.exception or "").startswith(self.expected_errors)
        ]

    def must_hold(self) -> list[str]:
        """What must never happen, whatever fails: a visit the bot confirmed is not kept,
        SQLite breaks, the bot logs an error the faults do not explain or does not stop."""
        found = [f"bot log: {record.summary()}" for record in self.unexpected_errors]
        found += self.check.lost + self.check.inconsistent
        if self.exit_code != 0:
            found.append(f"the bot exited with {self.exit_code} on SIGTERM")
        return found

    def dialog_damage(self) -> list[str]:
        """What the people saw go wrong in their dialogs: steps lost or taken for another,
        visits saved twice or half, dialogs gone, answers that never came."""
        return (
            self.check.duplicated
            + self.check.garbled
            + self.check.half_saved
            + self.check.misplaced
            + self.tally.problems
        )


def report(result: FaultResult) -> list[str]:
    tally = result.tally
    answered = tally.answered()
    injected = ", ".join(f"{kind} {count}" for kind, count in sorted(result.injected.items()))
    lines = [
        f"== {result.scenario}: {result.seconds:.0f} s of faults",
        f"faults: {injected or 'none'}",
        f"dialog steps answered: {len(answered)}, said again after silence: {tally.silences}, "
        f"apologies seen: {tally.apologies}",
        f"runs of 这个按钮已过期 the people had to wait out: {tally.expired_loops}",
    ]
    if answered:
        lines.append(
            f"time to answer: p50 {percentile(answered, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(answered, 0.99) * 1000:.0f} ms, max {max(answered) * 1000:.0f} ms"
        )
    expected = len(result.errors) - len(result.unexpected_errors)
    lines += result.check.lines()
    lines += [
        f"error lines in the bot's log: {len(result.errors)} "
        f"({expected} from the injected faults, {len(result.unexpected_errors)} other)",
        f"bot exit code on SIGTERM: {result.exit_code}",
    ]
    kinds = Counter(record.summary() for record in result.errors)
    lines += [f"    {count} x {summary[:150]}" for summary, count in kinds.most_common(6)]
    broken = result.must_hold()
    damage = result.dialog_damage()
    lines.append(f"must never happen: {len(broken)}")
    lines += [f"  - {problem}" for problem in broken[:10]]
    lines.append(f"dialog damage seen by the people: {len(damage)}")
    lines += [f"  - {problem}" for problem in damage[:10]]
    if len(damage) > 10:
        lines.append(f"  … and {len(damage) - 10} more")
    return lines


FaultLoop = Callable[
    [BotProcess, BotApiStandIn, Path, random.Random, float, Counter[str]], Awaitable[None]
]


async def kill_at_random(
    bot: BotProcess,
    api: BotApiStandIn,
    database: Path,
    chance: random.Random,
    until: float,
    counts: Counter[str],
    *,
    every: tuple[float, float] = (2.0, 6.0),
    times: int | None = None,
) -> None:
    """SIGKILL the bot every few seconds (seeded) and restart it at once: until `until`, or
    exactly `times` times."""
    while times is None or counts["SIGKILL"] < times:
        await asyncio.sleep(chance.uniform(*every))
        if times is None and time.perf_counter() >= until:
            return
        await bot.kill()
        counts["SIGKILL"] += 1
        await bot.start(api)


async def lock_at_random(
    bot: BotProcess,
    api: BotApiStandIn,
    database: Path,
    chance: random.Random,
    until: float,
    counts: Counter[str],
    *,
    every: tuple[float, float] = (2.0, 5.0),
    hold: tuple[float, float] = (1.0, 3.0),
) -> None:
    """Hold the database's write lock from another process for a while, every few seconds."""
    while True:
        await asyncio.sleep(chance.uniform(*every))
        if time.perf_counter() >= until:
            return
        seconds = chance.uniform(*hold)
        locker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _LOCKER,
            str(database),
            f"{seconds:.2f}",
            stdout=asyncio.subprocess.PIPE,
        )
        output, _ = await locker.communicate()
        if output.startswith(b"locked"):
            counts["database locked"] += 1
            counts["seconds locked"] += round(seconds)


async def no_faults(
    bot: BotProcess,
    api: BotApiStandIn,
    database: Path,
    chance: random.Random,
    until: float,
    counts: Counter[str],
) -> None:
    """The API faults come from the stand-in itself."""


async def run_scenario(
    scenario: str,
    *,
    users: int,
    seconds: float,
    seed: int,
    program: Sequence[str] = OUR_BOT,
    fault_loop: FaultLoop | None = None,
    rates: FaultRates = API_FAULTS,
) -> FaultResult:
    """People in dialogs for `seconds` while the faults happen; then they finish; checks."""
    loops: dict[str, FaultLoop] = {
        "api": no_faults,
        "kill": kill_at_random,
        "lock": lock_at_random,
    }
    fault_loop = fault_loop or loops[scenario]
    with tempfile.TemporaryDirectory(prefix=f"bench-faults-{scenario}-") as folder:
        database = Path(folder) / "bot.db"
        user_ids = [FIRST_USER_ID + index for index in range(users)]
        register_staff(database, [(user_id, f"经理{user_id}") for user_id in user_ids])
        api: BotApiStandIn
        if scenario == "api":
            api = ChaoticBotApi(rates, seed=seed, token=TOKEN, flood_limit_per_second=FLOOD_LIMIT)
        else:
            api = BotApiStandIn(token=TOKEN, flood_limit_per_second=FLOOD_LIMIT)
        tally = Tally()
        visitors = [
            Visitor(api, user_id, tally, resend=True, settle=SETTLE, patience=PATIENCE, seed=seed)
            for user_id in user_ids
        ]
        counts: Counter[str] = Counter()
        async with BotApiHttpServer(api) as server:
            bot = BotProcess(program, bot_environment(database, server.base_url))
            await bot.start(api)
            until = time.perf_counter() + seconds
            people = asyncio.gather(
                *(visitor.run(until, finish_by=until + SETTLE_TIMEOUT) for visitor in visitors)
            )
            await fault_loop(bot, api, database, random.Random(seed), until, counts)
            if isinstance(api, ChaoticBotApi):
                await asyncio.sleep(max(0.0, until - time.perf_counter()))
                api.enabled = False
                counts.update(f"{method} {kind}" for method, kind in api.injected.elements())
            try:
                async with asyncio.timeout(SETTLE_TIMEOUT + PATIENCE * 2):
                    await people
            except TimeoutError:
                tally.problems.append("the people did not finish in time")
            exit_code = await bot.stop()
        check = check_visits(database, visitors)
    return FaultResult(
        scenario=scenario,
        seconds=seconds,
        tally=tally,
        check=check,
        errors=bot.errors(),
        exit_code=exit_code,
        visitors=visitors,
        injected=counts,
        expected_errors=FAULT_EXCEPTIONS if scenario == "api" else (),
    )


async def main_async(arguments: argparse.Namespace) -> int:
    broken = 0
    for scenario in arguments.only or SCENARIOS:
        result = await run_scenario(
            scenario, users=arguments.users, seconds=arguments.seconds, seed=arguments.seed
        )
        print("\n".join(report(result)), flush=True)
        broken += len(result.must_hold())
    return 1 if broken else 0


def main() -> int:
    # The stand-in's HTTP server logs a traceback for every connection a killed or timed-out
    # bot drops; those are the faults working, not news.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", action="append", choices=SCENARIOS)
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
