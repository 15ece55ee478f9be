"""Prints how much people who ask for heavy things (/stats charts, /export workbooks) slow
everyone else's answers.

    python -m bench.mixed_load                           # 50 askers, 10 chart users, 4 × 20 s
    python -m bench.mixed_load --bot-root /tmp/wt-main   # the same against another checkout
    python -m bench.mixed_load --windows 6 --window 30 --think 2

`python bot.py` runs as a real process (rate limiter on, as in production) polling the HTTP
stand-in on 127.0.0.1, on a fresh database where the chart users each have a few visits, so
/stats draws a real chart. Askers ask norm questions from the dev set, each waiting for the
answer and then `--think` seconds (on average) before the next question, all run long.

After a warm-up of 10 s (the askers all start at once; by then their questions have spread
out), the run alternates windows without and with the chart users: in a window "with", the 10
chart users send /stats and /export in turn, each again as soon as the chart or workbook
arrives; in a window "without" they
are quiet. Between windows the chart users' last requests are let finish, and questions asked
meanwhile count for neither. So both conditions are measured in the same run, on the same
machine in the same minute, and the figure that matters is the ratio of the question p99
with the chart users to without (issue 14: at most 1.5).

--bot-root runs bot.py from another checkout (e.g. `git worktree add /tmp/wt-main main`)
with this one's harness: the same people against the code before a change.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.botprocess import (
    OUR_BOT,
    OUR_BOT_UNPACED,
    ROOT,
    TOKEN,
    BotProcess,
    LogRecord,
    bot_environment,
)
from bench.botprocess import register_staff as register_people
from bench.people import (
    QUESTION,
    Asker,
    Exchange,
    Person,
    Seen,
    Tally,
    dev_questions,
)
from bench.speed import percentile
from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from standin.messages import BotMessage
from storage.models import COMPANIONS_ALONE, STAGE_CONTACT, WAY_PHONE, NewCustomer, NewVisit
from storage.scope import Scope
from storage.store import Store

FIRST_ASKER_ID = 500001
FIRST_CHART_USER_ID = 510001
FLOOD_LIMIT = 30  # Telegram's messages a second; the stand-in answers 429 above it
PATIENCE = 120.0
CHART = "chart"  # the kind of a /stats exchange
EXPORT = "export"  # the kind of an /export exchange
WITH, WITHOUT = "with chart users", "without chart users"


def seed_visits(database: Path, user_ids: list[int], visits_each: int = 6) -> None:
    """A customer and a few phone visits over the last weeks for each user, so /stats has a
    chart (phone visits: no thank-you letters fall due, so no reminders come meanwhile)."""
    store = Store(database)
    try:
        now = datetime.now(UTC)
        for user_id in user_ids:
            records = store.records(Scope.own(user_id))
            customer = records.customers.add(NewCustomer(f"统计客户{user_id}"))
            for number in range(visits_each):
                started = now - timedelta(days=3 + 9 * number)
                visit = NewVisit(
                    customer_id=customer.id,
                    way=WAY_PHONE,
                    stage=STAGE_CONTACT,
                    purpose=f"了解需求{number}",
                    started_at=started,
                    ended_at=started + timedelta(hours=1),
                    companions=COMPANIONS_ALONE,
                )
                records.visits.add(visit, [])
    finally:
        store.close()


class ChartUser(Person):
    """Sends /stats and /export in turn while their windows are on, each again as soon as the
    chart or the workbook arrives."""

    kind = "chart user"

    def __init__(
        self,
        api: BotApiStandIn,
        user_id: int,
        tally: Tally,
        *,
        on: asyncio.Event,
        patience: float,
        seed: int,
        requests: tuple[str, ...] = (CHART, EXPORT),
    ) -> None:
        super().__init__(api, user_id, tally, patience=patience, seed=seed)
        self.on = on
        self.requests = requests  # the kinds sent in turn
        self.idle = asyncio.Event()  # set while no /stats of theirs awaits its chart
        self.idle.set()

    async def run(self, until: float) -> None:
        sent = 0
        while self.clock() < until:
            if not self.on.is_set():
                await self.on.wait()
                continue
            kind = self.requests[sent % len(self.requests)]
            command, answer = REQUESTS[kind]
            sent += 1
            self.idle.clear()
            try:
                seen = await self.exchange(kind, self.user.text(command), answer)
            finally:
                self.idle.set()
            if seen is None:
                self.tally.problems.append(
                    f"{self.who}: no answer to {command} within {self.patience:.0f} s"
                )


def first_new_photo(changed: list[BotMessage], notice: str | None, newest: int) -> Seen | None:
    """The chart: the first new photo (a reminder that comes meanwhile is not the answer)."""
    fresh = [m for m in changed if m.message_id > newest and m.kind == "photo"]
    return Seen(message=fresh[0]) if fresh else None


def first_new_document(changed: list[BotMessage], notice: str | None, newest: int) -> Seen | None:
    """The /export workbook: the first new document."""
    fresh = [m for m in changed if m.message_id > newest and m.kind == "document"]
    return Seen(message=fresh[0]) if fresh else None


REQUESTS = {CHART: ("/stats", first_new_photo), EXPORT: ("/export", first_new_document)}
HEAVY_REQUESTS = {"stats": (CHART,), "export": (EXPORT,), "both": (CHART, EXPORT)}


@dataclass
class Window:
    condition: str
    started: float
    ended: float = 0.0


@dataclass
class MixedResult:
    label: str
    windows: list[Window]
    tally: Tally
    errors: list[LogRecord]
    exit_code: int
    bot_cpu: float | None
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    flood_rejections: int
    problems: list[str] = field(default_factory=list)

    def questions(self, condition: str) -> list[float]:
        return [
            e.seconds
            for e in self.tally.exchanges
            if e.kind == QUESTION and e.seconds is not None and self._in(e, condition)
        ]

    def charts(self) -> list[float]:
        return self.tally.answered(CHART)

    def exports(self) -> list[float]:
        return self.tally.answered(EXPORT)

    def _in(self, exchange: Exchange, condition: str) -> bool:
        return any(
            w.condition == condition and w.started <= exchange.pushed_at < w.ended
            for w in self.windows
        )


async def run_mixed(
    *,
    label: str,
    root: Path,
    askers: int,
    chart_users: int,
    windows: int,
    window: float,
    think: float,
    seed: int,
    warmup: float = 10.0,
    paced: bool = True,
    heavy: tuple[str, ...] = (CHART, EXPORT),
) -> MixedResult:
    asker_ids = [FIRST_ASKER_ID + i for i in range(askers)]
    chart_ids = [FIRST_CHART_USER_ID + i for i in range(chart_users)]
    with tempfile.TemporaryDirectory(prefix="bench-mixed-") as folder:
        database = Path(folder) / "bot.db"
        register_people(database, [(i, f"经理{i}") for i in asker_ids + chart_ids])
        seed_visits(database, chart_ids)
        api = BotApiStandIn(token=TOKEN, flood_limit_per_second=FLOOD_LIMIT if paced else None)
        tally = Tally()
        on = asyncio.Event()
        questions = dev_questions()
        people: list[Asker] = [
            Asker(api, i, tally, questions=questions, patience=PATIENCE, think=think, seed=seed)
            for i in asker_ids
        ]
        charters = [
            ChartUser(api, i, tally, on=on, patience=PATIENCE, seed=seed, requests=heavy)
            for i in chart_ids
        ]
        spans: list[Window] = []
        async with BotApiHttpServer(api) as server:
            program = OUR_BOT if paced else OUR_BOT_UNPACED
            bot = BotProcess(program, bot_environment(database, server.base_url), root=root)
            await bot.start(api)
            load_before = os.getloadavg()
            cpu_before = bot.cpu_seconds()
            # The first chart also starts the bot's workers (or loads matplotlib): not measured.
            for first in charters[:1]:
                await first.exchange(CHART, first.user.text("/stats"), first_new_photo)
            tally.exchanges.clear()
            forever = float("inf")
            running = [asyncio.create_task(p.run(forever)) for p in [*people, *charters]]
            # The askers all start at once; by the end of the warm-up their questions have
            # spread out as people's do. Nothing asked during it counts.
            await asyncio.sleep(warmup)
            for number in range(windows):
                condition = WITH if number % 2 else WITHOUT
                if condition == WITH:
                    on.set()
                span = Window(condition, time.perf_counter())
                await asyncio.sleep(window)
                span.ended = time.perf_counter()
                spans.append(span)
                on.clear()
                # Charts still being made belong to no window: let them finish first.
                await asyncio.gather(*(charter.idle.wait() for charter in charters))
            cpu_after = bot.cpu_seconds()
            load_after = os.getloadavg()
            for task in running:
                task.cancel()  # what they asked after the last window counts for nothing
            await asyncio.gather(*running, return_exceptions=True)
            exit_code = await bot.stop()
    return MixedResult(
        label=label,
        windows=spans,
        tally=tally,
        errors=bot.errors(),
        exit_code=exit_code,
        bot_cpu=None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
        load_before=load_before,
        load_after=load_after,
        flood_rejections=api.flood_rejections,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def report(result: MixedResult) -> list[str]:
    lines = [
        f"== {result.label}: load average before {result.load_before[0]:.2f}, "
        f"after {result.load_after[0]:.2f}",
    ]
    p99: dict[str, float] = {}
    for condition in (WITHOUT, WITH):
        times = result.questions(condition)
        seconds = sum(w.ended - w.started for w in result.windows if w.condition == condition)
        if not times:
            lines.append(f"questions {condition}: none answered")
            continue
        p99[condition] = percentile(times, 0.99)
        lines.append(
            f"questions {condition:<19} p50 {ms(percentile(times, 0.5))}   "
            f"p99 {ms(p99[condition])}   max {ms(max(times))}   "
            f"({len(times)} in {seconds:.0f} s = {len(times) / seconds:.1f}/s)"
        )
    on = sum(w.ended - w.started for w in result.windows if w.condition == WITH)
    for name, times in (
        ("/stats charts", result.charts()),
        ("/export workbooks", result.exports()),
    ):
        if times:
            lines.append(
                f"{name:<33} p50 {ms(percentile(times, 0.5))}   "
                f"p99 {ms(percentile(times, 0.99))}   ({len(times)}, {len(times) / on:.1f}/s)"
            )
    if len(p99) == 2:
        lines.append(f"question p99 with / without chart users: {p99[WITH] / p99[WITHOUT]:.2f}")
    cpu = "unknown" if result.bot_cpu is None else f"{result.bot_cpu:.1f} s"
    lines += [
        f"CPU of the bot's main process over the windows: {cpu}",
        f"flood limit answers (429) from the stand-in: {result.flood_rejections}",
        f"error lines in the bot's log: {len(result.errors)}",
        f"wrong or missing answers: {len(result.tally.problems)}",
        f"bot exit code on SIGTERM: {result.exit_code}",
    ]
    lines += [f"  - {problem}" for problem in result.tally.problems[:10]]
    lines += [f"  - bot log: {record.summary()}" for record in result.errors[:10]]
    return lines


async def main_async(arguments: argparse.Namespace, root: Path) -> int:
    result = await run_mixed(
        label=f"bot.py of {root}",
        root=root,
        askers=arguments.askers,
        chart_users=arguments.chart_users,
        windows=arguments.windows,
        window=arguments.window,
        think=arguments.think,
        seed=arguments.seed,
        paced=not arguments.no_rate_limit,
        heavy=HEAVY_REQUESTS[arguments.heavy],
    )
    print("\n".join(report(result)))
    failed = result.errors or result.tally.problems or result.exit_code != 0
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--askers", type=int, default=50)
    parser.add_argument("--chart-users", type=int, default=10)
    parser.add_argument("--windows", type=int, default=4, help="alternating, starting without")
    parser.add_argument("--window", type=float, default=20.0, help="seconds per window")
    parser.add_argument("--think", type=float, default=3.0, help="askers' mean seconds between")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--heavy",
        choices=sorted(HEAVY_REQUESTS),
        default="both",
        help="what the chart users send: /stats, /export, or both in turn (default)",
    )
    parser.add_argument("--bot-root", help="run bot.py from this checkout instead")
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="bot.py's wiring with the rate limiter off (bench/unpaced_bot.py), no flood limit",
    )
    arguments = parser.parse_args()
    root = Path(arguments.bot_root).resolve() if arguments.bot_root else ROOT
    return asyncio.run(main_async(arguments, root))


if __name__ == "__main__":
    raise SystemExit(main())
