"""Prints what many people at once cost the bot: updates per second, time to answer, errors.

    python -m bench.load                        # 200 people for 60 s against `python bot.py`
    python -m bench.load --users 50 --seconds 20
    python -m bench.load --think 5              # people who take ~5 s to read and type
    python -m bench.load --no-rate-limit        # the handlers' own cost, without the pacing
    python -m bench.load --floor                # plain questions: our bot vs a bare PTB echo bot
    python -m bench.load --floor --rounds 5     # … in 5 back-to-back pairs (default 3)

The bot runs as a real process (bot.py, as operations start it) polling the Bot API stand-in
over HTTP on 127.0.0.1, on a fresh SQLite file; the people are registered as staff first. A
mix of people use it at once: askers (questions of bench/eval/questions.yaml's dev set),
browsers (/norms and its buttons) and visitors (whole /visit dialogs, answering each question
the bot asks). Each waits for the bot's answer before the next message, as a person does; by
default they answer at once, so the run measures the most the bot can take.

The time to answer runs from pushing the update into the stand-in to the answer the person
waits for appearing in the chat (for a dialog step: the next question). After the run the bot
is stopped with SIGTERM and its database checked: every visit the bot said it saved is there
once with what was entered, open dialogs wait at the question last asked, SQLite is intact.

The stand-in enforces Telegram's flood limit (30 messages a second); bot.py's rate limiter
keeps under it, so 200 people at once are paced — that is the bot being a good citizen, and
the numbers say so. --no-rate-limit runs bot.py's own wiring with the limiter off (bot.py
has no setting for it; see bench/unpaced_bot.py) and the stand-in without a flood limit.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.botprocess import (
    ECHO_BOT,
    ECHO_BOT_UNPACED,
    OUR_BOT,
    OUR_BOT_UNPACED,
    TOKEN,
    BotProcess,
    LogRecord,
    bot_environment,
    register_staff,
)
from bench.checks import VisitCheck, check_visits
from bench.people import (
    BUTTON,
    QUESTION,
    VISIT_STEP,
    Asker,
    Browser,
    Person,
    Tally,
    Visitor,
    dev_questions,
)
from bench.speed import percentile
from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer

FIRST_USER_ID = 300001
TELEGRAM_FLOOD_LIMIT = 30  # messages a second, overall
PATIENCE = 120.0  # seconds without an answer before it counts as missing
DRAIN_TIMEOUT = 180.0  # after the run, for the answers still on their way


@dataclass(frozen=True)
class Mix:
    """Shares of the people: askers, browsers and visitors (visitors get the rest)."""

    askers: float = 0.4
    browsers: float = 0.2

    def kinds(self, users: int) -> list[str]:
        askers = round(users * self.askers)
        browsers = round(users * self.browsers)
        kinds = ["asker"] * askers + ["browser"] * browsers
        kinds += ["visitor"] * (users - len(kinds))
        # Interleaved, so the first updates of the run are of every kind.
        return [kinds[(i * 7919) % users] for i in range(users)] if users else []


QUESTIONS_ONLY = Mix(askers=1.0, browsers=0.0)


@dataclass
class LoadResult:
    label: str
    users: int
    seconds: float
    kinds: Counter[str]
    tally: Tally
    errors: list[LogRecord]
    exit_code: int
    start_seconds: float
    flood_rejections: int
    bot_cpu: float | None
    harness_cpu: float
    check: VisitCheck | None = None
    answered_in_window: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def updates_per_second(self) -> float:
        return self.answered_in_window / self.seconds

    def problems(self) -> list[str]:
        found = [f"bot log: {record.summary()}" for record in self.errors]
        found += self.tally.problems
        if self.exit_code != 0:
            found.append(f"the bot exited with {self.exit_code} on SIGTERM")
        if self.check is not None:
            found += self.check.problems()
        return found


def people_for(
    api: BotApiStandIn,
    kinds: Sequence[str],
    tally: Tally,
    *,
    think: float,
    seed: int,
    patience: float = PATIENCE,
) -> list[Person]:
    questions = dev_questions()
    people: list[Person] = []
    for index, kind in enumerate(kinds):
        user_id = FIRST_USER_ID + index
        person: Person
        if kind == "asker":
            person = Asker(
                api, user_id, tally, questions=questions, patience=patience, think=think, seed=seed
            )
        elif kind == "browser":
            person = Browser(api, user_id, tally, patience=patience, think=think, seed=seed)
        else:
            person = Visitor(
                api, user_id, tally, resend=False, patience=patience, think=think, seed=seed
            )
        people.append(person)
    return people


async def run_load(
    program: Sequence[str],
    *,
    label: str,
    users: int,
    seconds: float,
    mix: Mix,
    think: float,
    seed: int,
    flood_limit: int | None,
    staff: bool = True,
) -> LoadResult:
    """One run: a fresh database, the stand-in on loopback, the bot process, the people."""
    kinds = mix.kinds(users)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        database = Path(folder) / "bot.db"
        if staff:
            register_staff(database, [(FIRST_USER_ID + i, f"经理{i}") for i in range(users)])
        api = BotApiStandIn(token=TOKEN, flood_limit_per_second=flood_limit)
        tally = Tally()
        people = people_for(api, kinds, tally, think=think, seed=seed)
        async with BotApiHttpServer(api) as server:
            bot = BotProcess(program, bot_environment(database, server.base_url))
            start_seconds = await bot.start(api)
            cpu_before = bot.cpu_seconds()
            harness_before = time.process_time()
            started = time.perf_counter()
            until = started + seconds
            try:
                async with asyncio.timeout(seconds + DRAIN_TIMEOUT):
                    await asyncio.gather(*(person.run(until) for person in people))
            except TimeoutError:
                tally.problems.append("the run did not drain in time")
            harness_cpu = time.process_time() - harness_before
            cpu_after = bot.cpu_seconds()
            exit_code = await bot.stop()
        visitors = [person for person in people if isinstance(person, Visitor)]
        check = check_visits(database, visitors) if staff else None
    window_end = started + seconds
    answered_in_window = sum(
        1
        for e in tally.exchanges
        if e.seconds is not None and e.pushed_at + e.seconds <= window_end
    )
    return LoadResult(
        label=label,
        users=users,
        seconds=seconds,
        kinds=Counter(kinds),
        tally=tally,
        errors=bot.errors(),
        exit_code=exit_code,
        start_seconds=start_seconds,
        flood_rejections=api.flood_rejections,
        bot_cpu=None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
        harness_cpu=harness_cpu,
        check=check,
        answered_in_window=answered_in_window,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms"


def report(result: LoadResult) -> list[str]:
    tally = result.tally
    kinds = ", ".join(f"{count} {kind}s" for kind, count in sorted(result.kinds.items()))
    lines = [
        f"== {result.label}: {result.users} people ({kinds}) for {result.seconds:.0f} s",
        f"bot ready (polling) after {result.start_seconds:.1f} s",
        f"updates answered: {result.answered_in_window} in {result.seconds:.0f} s = "
        f"{result.updates_per_second:.1f} updates/s"
        f"  (all, with the drain: {len(tally.answered())})",
    ]
    answered = tally.answered()
    if answered:
        lines.append(
            f"time to answer, all:        p50 {ms(percentile(answered, 0.5))}"
            f"   p99 {ms(percentile(answered, 0.99))}   max {ms(max(answered))}"
        )
    for kind in (QUESTION, BUTTON, VISIT_STEP):
        times = tally.answered(kind)
        if times:
            lines.append(
                f"  {kind:<26} p50 {ms(percentile(times, 0.5))}"
                f"   p99 {ms(percentile(times, 0.99))}   ({len(times)})"
            )
    cpu = "unknown" if result.bot_cpu is None else f"{result.bot_cpu:.1f} s"
    lines += [
        f"CPU: bot process {cpu}, harness (stand-in + people) {result.harness_cpu:.1f} s",
        f"flood limit answers (429) from the stand-in: {result.flood_rejections}",
        f"no answer within {PATIENCE:.0f} s: {tally.silences}",
        f"error lines in the bot's log: {len(result.errors)}",
        f"wrong or garbled answers: {len(tally.problems)}",
        f"bot exit code on SIGTERM: {result.exit_code}",
    ]
    if result.check is not None:
        lines += result.check.lines()
    problems = result.problems()
    lines.append(f"problems: {len(problems)}")
    lines += [f"  - {problem}" for problem in problems[:20]]
    if len(problems) > 20:
        lines.append(f"  … and {len(problems) - 20} more")
    return lines


async def main_async(arguments: argparse.Namespace) -> int:
    paced = not arguments.no_rate_limit
    flood_limit = TELEGRAM_FLOOD_LIMIT if paced else None
    pacing = "rate limiter on" if paced else "rate limiter off"
    if arguments.floor:
        return await floor(arguments, paced=paced, flood_limit=flood_limit)
    result = await run_load(
        OUR_BOT if paced else OUR_BOT_UNPACED,
        label=f"bot.py, {pacing}",
        users=arguments.users,
        seconds=arguments.seconds,
        mix=Mix(askers=arguments.askers, browsers=arguments.browsers),
        think=arguments.think,
        seed=arguments.seed,
        flood_limit=flood_limit,
    )
    print("\n".join(report(result)))
    return 0 if not result.problems() else 1


async def floor(arguments: argparse.Namespace, *, paced: bool, flood_limit: int | None) -> int:
    """Our bot against the bare echo bot, plain questions only, in back-to-back pairs.

    This machine's speed drifts by a third within minutes (a shared virtual machine), so one
    run of each would compare two different machines. Each round runs both, one right after
    the other, alternating which goes first; the ratio reported is the median of the rounds'.
    """
    pacing = "rate limiter on" if paced else "rate limiter off"
    bots = {
        "echo": (f"bare PTB echo bot, {pacing}", ECHO_BOT if paced else ECHO_BOT_UNPACED, False),
        "ours": (f"our bot, {pacing}", OUR_BOT if paced else OUR_BOT_UNPACED, True),
    }
    ratios: list[float] = []
    problems = 0
    for round_number in range(1, arguments.rounds + 1):
        order = ("echo", "ours") if round_number % 2 else ("ours", "echo")
        results: dict[str, LoadResult] = {}
        for which in order:
            label, program, staff = bots[which]
            result = await run_load(
                program,
                label=f"round {round_number}: {label}, questions only",
                users=arguments.users,
                seconds=arguments.seconds,
                mix=QUESTIONS_ONLY,
                think=arguments.think,
                seed=arguments.seed,
                flood_limit=flood_limit,
                staff=staff,
            )
            print("\n".join(report(result)), flush=True)
            problems += len(result.problems())
            results[which] = result
        echo, ours = results["echo"], results["ours"]
        ratio = ours.updates_per_second / echo.updates_per_second
        ratios.append(ratio)
        print(
            f"== round {round_number}: our bot / the echo bot = {ratio:.2f}"
            f"  ({ours.updates_per_second:.1f} / {echo.updates_per_second:.1f} updates/s;"
            f" CPU per answer {cpu_per_answer(ours)} / {cpu_per_answer(echo)})",
            flush=True,
        )
    print(
        f"== throughput of our bot / the echo bot: median {statistics.median(ratios):.2f}"
        f" over {len(ratios)} rounds ({', '.join(f'{r:.2f}' for r in ratios)}; target >= 0.5)"
    )
    return 0 if problems == 0 else 1


def cpu_per_answer(result: LoadResult) -> str:
    answered = len(result.tally.answered())
    if result.bot_cpu is None or not answered:
        return "unknown"
    return f"{result.bot_cpu / answered * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds between messages")
    parser.add_argument("--askers", type=float, default=0.4, help="share of askers")
    parser.add_argument("--browsers", type=float, default=0.2, help="share of /norms browsers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-rate-limit", action="store_true")
    parser.add_argument("--floor", action="store_true", help="compare with a bare echo bot")
    parser.add_argument("--rounds", type=int, default=3, help="--floor: pairs of runs")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
