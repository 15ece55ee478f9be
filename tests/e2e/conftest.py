"""A running bot: the production Application wired to the Bot API stand-in in process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot import build_application, close_services
from handlers.context import BotApplication
from knowledge.service import Knowledge, KnowledgeService
from ops.configuration import Configuration
from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.messages import BotMessage
from standin.request import StandInRequest
from standin.user import SimulatedUser
from tests.conftest import FIXED_NOW

ADMIN_ID = 900001
MANAGER_ID = 100001
# Another registered manager, of another team: the one tests use to try others' records.
OTHER_MANAGER_ID = 100002


class SteppedClock:
    """The bot's clock in tests: fixed, moved on only when a test says so."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class RunningBot:
    app: BotApplication
    api: BotApiStandIn
    driver: ChatDriver
    manager: SimulatedUser
    admin: SimulatedUser
    clock: SteppedClock

    async def ask(self, text: str, user: SimulatedUser | None = None) -> list[BotMessage]:
        return await self.driver.send(user or self.manager, text)

    async def ask_one(self, text: str, user: SimulatedUser | None = None) -> BotMessage:
        [reply] = await self.ask(text, user)
        return reply


@pytest.fixture
async def bot(tmp_path: Path, knowledge: Knowledge) -> AsyncIterator[RunningBot]:
    async for running in start_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        yield running


async def start_bot(tmp_path: Path, service: KnowledgeService) -> AsyncIterator[RunningBot]:
    clock = SteppedClock(FIXED_NOW)
    api = BotApiStandIn(clock=clock)
    settings = Configuration(
        token=None,
        api_base_url=None,
        database_path=tmp_path / "bot.db",
        admin_ids=frozenset({ADMIN_ID}),
    )
    app = build_application(settings, request=StandInRequest(api), clock=clock, knowledge=service)
    registry = app.bot_data.staff
    registry.add(MANAGER_ID, "李明", "manager", "政企一组", actor_id=ADMIN_ID)
    registry.add(OTHER_MANAGER_ID, "赵强", "manager", "政企二组", actor_id=ADMIN_ID)
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


async def press(bot: RunningBot, message: BotMessage, button: str) -> BotMessage:
    """The manager presses a button of a dialog's question; returns the next question."""
    replies = await bot.driver.press(bot.manager, message, button)
    return replies[-1]


async def say(bot: RunningBot, text: str) -> BotMessage:
    """The manager types `text`; returns the bot's last message in answer."""
    replies = await bot.ask(text)
    return replies[-1]


def source_lines(message: BotMessage) -> list[str]:
    return [line for line in message.plain_text.splitlines() if line.startswith("出处：")]


def button_data(message: BotMessage) -> list[str]:
    return [button.callback_data or "" for button in message.buttons]
