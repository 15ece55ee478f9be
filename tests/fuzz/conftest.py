"""The fuzzed bot: the production Application in process, a fresh staff user per example, every
ERROR the bot logs caught, and the dialog states a /visit can be in, reachable on demand."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.people import visit_step
from bot import build_application, close_services
from knowledge.service import Knowledge, KnowledgeService
from ops.configuration import Configuration
from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.messages import BotMessage
from standin.request import StandInRequest
from standin.user import SimulatedUser
from storage.staff import ROLE_MANAGER, StaffRegistry
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import ADMIN_ID, MANAGER_ID, RunningBot, SteppedClock

FIRST_FUZZ_USER = 700001
MAX_TEXT = 4096

NO_DIALOG = "no dialog"
# Each state of the /visit dialog and how to get there from the one before it:
# ("say", text) types, ("press", label) presses a button of the latest question.
PATH: tuple[tuple[str, tuple[str, str]], ...] = (
    ("customer", ("say", "/visit")),
    ("customer offer", ("say", "华为技术有限公司")),
    ("way", ("press", "新客户：华为技术有限公司")),
    ("stage", ("press", "上门拜访")),
    ("purpose", ("press", "建立关系")),
    ("time", ("say", "介绍云专线方案")),
    ("companions", ("say", "昨天下午3点到4点半")),
    ("people_met", ("press", "独自拜访")),
    ("learned", ("say", "信息中心张主任")),
    ("customer_views", ("say", "/skip")),
    ("items", ("say", "对价格有顾虑，认可我们的服务")),
    ("item_text", ("press", "添加我方承诺")),
    ("item_due", ("say", "下周提供报价方案")),
    ("items", ("press", "3天后")),
    ("next_step", ("press", "没有了，下一步")),
    ("_confirm", ("say", "下周二提交方案")),
    ("_edit_menu", ("press", "修改")),
)
# The one state off the main path: a start time without an end asks how long it took.
TIME_END = ("time_end", ("say", "今天上午9点"))
STATES = (NO_DIALOG, *dict.fromkeys(state for state, _ in PATH), "time_end")


class ErrorLog(logging.Handler):
    """Keeps every ERROR (and worse) any logger of the process emits."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [
            f"{record.name}: {record.getMessage()} {record.exc_info[1] if record.exc_info else ''}"
            for record in self.records
        ]


def path_to(state: str) -> list[tuple[str, tuple[str, str]]]:
    """The steps from no dialog to `state`."""
    if state == "time_end":
        at_time = next(i for i, (step, _) in enumerate(PATH) if step == "time")
        return [*PATH[: at_time + 1], TIME_END]
    return list(PATH[: next(i for i, (step, _) in enumerate(PATH) if step == state) + 1])


@dataclass
class FuzzedBot:
    """The running bot and what the fuzz tests need around it."""

    running: RunningBot
    errors: ErrorLog
    database: Path
    next_user_id: int = FIRST_FUZZ_USER
    asked: list[str] = field(default_factory=list)

    def new_person(self) -> SimulatedUser:
        """A staff member the bot has never seen: a fresh private chat, no dialog."""
        user_id = self.next_user_id
        self.next_user_id += 1
        registry = StaffRegistry(self.running.app.bot_data.store.db, lambda: datetime.now(UTC))
        registry.add(user_id, f"经理{user_id}", ROLE_MANAGER, actor_id=0)
        return self.running.api.user(user_id, first_name=f"经理{user_id % 1000}")

    async def person_in(self, state: str) -> tuple[SimulatedUser, BotMessage | None]:
        """A new person whose /visit dialog waits at `state`; with the question last asked."""
        person = self.new_person()
        if state == NO_DIALOG:
            return person, None
        driver = self.running.driver
        question: BotMessage | None = None
        for expected, (how, what) in path_to(state):
            if how == "say":
                replies = await driver.send(person, what)
            else:
                assert question is not None
                replies = await driver.press(person, question, what)
            question = replies[-1]
            reached = visit_step(question.plain_text)
            assert reached == expected, f"wanted {expected}, got {question.plain_text!r}"
        return person, question

    def consistency_problems(self) -> list[str]:
        """SQLite's integrity and foreign key checks on the bot's file, as another reader."""
        with sqlite3.connect(self.database) as connection:
            [(integrity,)] = connection.execute("PRAGMA integrity_check").fetchall()
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        problems = [] if integrity == "ok" else [f"integrity_check: {integrity}"]
        return problems + [f"foreign key: {tuple(row)}" for row in broken]


@pytest.fixture
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


async def start_unpaced_bot(
    tmp_path: Path, service: KnowledgeService
) -> AsyncIterator[RunningBot]:
    """tests/e2e's running bot, without the rate limiter: it paces sends to 30 a second,
    which would make a few hundred examples take minutes and test nothing more."""
    clock = SteppedClock(FIXED_NOW)
    api = BotApiStandIn(clock=clock)
    settings = Configuration(
        token=None,
        api_base_url=None,
        database_path=tmp_path / "bot.db",
        admin_ids=frozenset({ADMIN_ID}),
    )
    app = build_application(
        settings, request=StandInRequest(api), clock=clock, knowledge=service, rate_limited=False
    )
    async with app:
        yield RunningBot(
            app=app,
            api=api,
            driver=ChatDriver(app, api),
            manager=api.user(MANAGER_ID, first_name="李明"),
            admin=api.user(ADMIN_ID, first_name="王管理"),
            clock=clock,
        )
    await close_services(app)


@pytest.fixture
async def fuzzed(
    tmp_path: Path, knowledge: Knowledge, error_log: ErrorLog
) -> AsyncIterator[FuzzedBot]:
    async for running in start_unpaced_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        yield FuzzedBot(running=running, errors=error_log, database=tmp_path / "bot.db")


def check_replies(replies: list[BotMessage], *, must_reply: bool) -> None:
    """A reply is there if one is owed, and every reply is a message Telegram would take."""
    if must_reply:
        assert replies, "no reply"
    for reply in replies:
        text = reply.plain_text or reply.caption or ""
        assert text.strip() or reply.kind != "text", f"an empty reply: {reply!r}"
        assert len(text) <= MAX_TEXT
