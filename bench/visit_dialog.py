"""Prints how long logging a whole visit takes through the handlers, in process.

    python -m bench.visit_dialog            # 200 dialogs
    python -m bench.visit_dialog --dialogs 20

Each dialog is the full /visit conversation (customer, way, stage, purpose, time, companions,
people met, what was learned, the customer's views, one commitment with its due date, next
step, confirm) driven through the real python-telegram-bot Application and the in-process Bot
API stand-in, on a real SQLite file with the persistence writing after every update — the same
path a user's messages take, minus the network.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.speed import percentile
from bot import build_application, close_services
from ops.configuration import Configuration
from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.messages import BotMessage
from standin.request import StandInRequest
from standin.user import SimulatedUser

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)

# (kind, input): "say" types text, "press" presses the button with that label.
DIALOG = (
    ("say", "/visit 华为技术有限公司"),
    ("press", "新客户：华为技术有限公司"),
    ("press", "上门拜访"),
    ("press", "建立关系"),
    ("say", "介绍云专线方案"),
    ("say", "昨天下午3点到4点半"),
    ("press", "与项目组共同拜访"),
    ("say", "信息中心张主任"),
    ("say", "客户计划明年扩容数据中心"),
    ("say", "对价格有顾虑，认可我们的服务"),
    ("press", "添加我方承诺"),
    ("say", "下周提供报价方案"),
    ("press", "3天后"),
    ("press", "没有了，下一步"),
    ("say", "下周二提交方案"),
    ("press", "确认保存"),
)


async def one_dialog(driver: ChatDriver, user: SimulatedUser, steps: list[float]) -> float:
    """Milliseconds for the whole dialog; each step's time goes to `steps`."""
    last: BotMessage | None = None
    started = time.perf_counter()
    for kind, content in DIALOG:
        step_started = time.perf_counter()
        if kind == "say":
            replies = await driver.send(user, content)
        else:
            assert last is not None
            replies = await driver.press(user, last, content)
        steps.append((time.perf_counter() - step_started) * 1000)
        last = replies[-1]
    assert last is not None
    assert "拜访记录已保存" in last.plain_text, last.plain_text
    return (time.perf_counter() - started) * 1000


async def run(dialogs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        api = BotApiStandIn(clock=lambda: NOW)
        settings = Configuration(
            token=None,
            api_base_url=None,
            database_path=Path(folder) / "bench.db",
            admin_ids=frozenset(),
        )
        # Without the rate limiter: it paces a busy bot to Telegram's 30 messages a second,
        # which one user's dialog never reaches but a tight benchmark loop would.
        app = build_application(
            settings, request=StandInRequest(api), clock=lambda: NOW, rate_limited=False
        )
        driver = ChatDriver(app, api)
        whole: list[float] = []
        steps: list[float] = []
        async with app:
            for index in range(dialogs):
                # Only staff get past the gate (handlers/gate.py).
                app.bot_data.staff.add(200000 + index, "测试", "manager", None, actor_id=0)
                user = api.user(200000 + index, first_name="测试")
                whole.append(await one_dialog(driver, user, steps))
        await close_services(app)
    print(f"visit dialogs: {dialogs}, {len(DIALOG)} steps each, SQLite file with persistence")
    print(
        f"  whole dialog  median {statistics.median(whole):7.1f} ms"
        f"   p99 {percentile(whole, 0.99):7.1f} ms"
    )
    print(
        f"  one step      median {statistics.median(steps):7.2f} ms"
        f"   p99 {percentile(steps, 0.99):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dialogs", type=int, default=200)
    arguments = parser.parse_args()
    asyncio.run(run(arguments.dialogs))


if __name__ == "__main__":
    main()
