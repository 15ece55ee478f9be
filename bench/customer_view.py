"""Prints how long the customer view takes with 5,000 visits of one customer on file.

    python -m bench.customer_view              # 500 runs of each
    python -m bench.customer_view --runs 200 --visits 5000

A temporary SQLite file holds one manager whose customer 华为技术有限公司 has `--visits` visits
(with requests, commitments, letters and plans), fifty other customers of the same manager and
three other managers with visits of their own, as noise the owner filter must skip. Timed:
(a) reading the view through storage (`records.customer_view`), (b) that plus building the
message, and (c) the whole `/customer 华为` path — fuzzy name match, storage, message — through
the real python-telegram-bot Application and the in-process Bot API stand-in, persistence
included. Target (issue 3): p99 under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.speed import percentile
from bot import build_application, close_services
from fieldwork.listings import VISITS_ON_CARD as VISITS_SHOWN
from ops.configuration import Configuration
from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.request import StandInRequest
from storage.models import (
    COMPANIONS_ALONE,
    KIND_COMMITMENT,
    KIND_REQUEST,
    STAGES,
    WAY_ONSITE,
    WAY_PHONE,
    NewCustomer,
    NewItem,
    NewLetter,
    NewPlan,
    NewVisit,
)
from storage.scope import Scope
from storage.store import Records, Store
from views.customer import customer_card

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
MANAGER_ID = 100001
OTHER_MANAGERS = (100002, 100003, 100004)
CUSTOMER = "华为技术有限公司"
NOTE = "客户计划明年扩容数据中心，对价格有顾虑，认可我们的服务。" * 4


def log_visits(records: Records, customer_id: int, count: int, *, with_items: bool) -> None:
    """`count` visits, one every 8 hours back from now, every tenth raising an item."""
    for index in range(count):
        started = NOW - timedelta(hours=8 * (index + 1))
        items = []
        if with_items and index % 10 == 0:
            due = started + timedelta(days=3)
            items = [NewItem(KIND_REQUEST if index % 20 else KIND_COMMITMENT, "报价方案", due)]
        records.visits.add(
            NewVisit(
                customer_id=customer_id,
                way=WAY_ONSITE if index % 2 else WAY_PHONE,
                stage=STAGES[index % len(STAGES)],
                purpose=f"第{index + 1}次拜访：介绍云专线方案",
                started_at=started,
                ended_at=started + timedelta(hours=1),
                companions=COMPANIONS_ALONE,
                learned=NOTE,
                customer_views=NOTE,
                next_step="下周二提交方案",
            ),
            items,
        )


def seed(path: Path, visits: int) -> int:
    """Fill the database; returns the measured customer's id."""
    store = Store(path, clock=lambda: NOW)
    with store.db.atomic():
        mine = store.records(Scope.own(MANAGER_ID))
        customer = mine.customers.add(
            NewCustomer(
                CUSTOMER,
                industry="通信设备",
                finance_info=NOTE,
                production_info=NOTE,
                sales_info=NOTE,
                contacts="信息中心张主任；采购部李科长",
            )
        )
        log_visits(mine, customer.id, visits, with_items=True)
        for number in range(30):
            due = NOW + timedelta(days=number - 10)
            mine.follow_ups.add(customer.id, NewItem(KIND_COMMITMENT, f"承诺{number}", due))
        for number in range(5):
            due = NOW + timedelta(days=number - 2)
            mine.letters.add(NewLetter(customer.id, NOW - timedelta(days=3), f"来函{number}", due))
        for number in range(3):
            starts = NOW + timedelta(days=number + 1)
            mine.plans.add(NewPlan(customer.id, WAY_ONSITE, starts, None, f"计划{number}"))
        for number in range(50):
            other = mine.customers.add(NewCustomer(f"杭州第{number}制造有限公司"))
            log_visits(mine, other.id, 20, with_items=False)
        for owner in OTHER_MANAGERS:
            theirs = store.records(Scope.own(owner))
            for number in range(10):
                name = CUSTOMER if number == 0 else f"{owner}的客户{number}"
                other = theirs.customers.add(NewCustomer(name))
                log_visits(theirs, other.id, 200, with_items=True)
    store.close()
    return customer.id


def time_calls(call: Callable[[], object], runs: int) -> list[float]:
    call()  # warm caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def time_handler(path: Path, runs: int) -> list[float]:
    api = BotApiStandIn(clock=lambda: NOW)
    settings = Configuration(
        token=None, api_base_url=None, database_path=path, admin_ids=frozenset()
    )
    app = build_application(
        settings, request=StandInRequest(api), clock=lambda: NOW, rate_limited=False
    )
    driver = ChatDriver(app, api)
    samples = []
    async with app:
        manager = api.user(MANAGER_ID, first_name="李明")
        for run in range(runs + 1):
            started = time.perf_counter()
            [reply] = await driver.send(manager, "/customer 华为")
            elapsed = (time.perf_counter() - started) * 1000
            assert reply.plain_text.startswith(f"🏢 {CUSTOMER}"), reply.plain_text[:200]
            if run:  # the first run warms caches
                samples.append(elapsed)
    await close_services(app)
    return samples


def report(label: str, samples: list[float]) -> None:
    print(
        f"  {label:<34} median {statistics.median(samples):7.2f} ms"
        f"   p99 {percentile(samples, 0.99):7.2f} ms   max {max(samples):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--visits", type=int, default=5000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        customer_id = seed(path, arguments.visits)
        print(
            f"customer view: {arguments.visits} visits of one customer, SQLite file "
            f"(seeded in {time.perf_counter() - started:.1f} s), {arguments.runs} runs each"
        )
        store = Store(path, clock=lambda: NOW)
        records = store.records(Scope.own(MANAGER_ID))
        view = records.customer_view(customer_id, visits_limit=VISITS_SHOWN)
        assert view is not None
        assert view.visit_count == arguments.visits
        report(
            "(a) storage: records.customer_view",
            time_calls(
                lambda: records.customer_view(customer_id, visits_limit=VISITS_SHOWN),
                arguments.runs,
            ),
        )
        report(
            "(b) storage + message",
            time_calls(lambda: _card(records, customer_id), arguments.runs),
        )
        store.close()
        report("(c) /customer 华为 through PTB", asyncio.run(time_handler(path, arguments.runs)))


def _card(records: Records, customer_id: int) -> object:
    view = records.customer_view(customer_id, visits_limit=VISITS_SHOWN)
    assert view is not None
    return customer_card(view, NOW)


if __name__ == "__main__":
    main()
