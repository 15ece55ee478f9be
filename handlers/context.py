"""Typed access to the bot's services from every handler: context.kb, context.store …"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from knowledge.service import Knowledge, KnowledgeService
from storage.scope import Scope
from storage.store import Records, Store
from timekeeping.workdays import WorkdayCalendar

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class BotServices:
    """Lives in bot_data (ContextTypes(bot_data=BotServices)); filled by build_application."""

    knowledge: KnowledgeService
    store: Store
    clock: Clock
    admin_ids: frozenset[int]
    calendar: WorkdayCalendar

    def __init__(self) -> None:
        self.clock = utc_now
        self.admin_ids = frozenset()


class BotContext(CallbackContext[ExtBot[int], dict, dict, BotServices]):
    """CallbackContext with the bot's services as typed properties."""

    @property
    def kb(self) -> Knowledge:
        return self.bot_data.knowledge.current

    @property
    def knowledge(self) -> KnowledgeService:
        return self.bot_data.knowledge

    @property
    def store(self) -> Store:
        return self.bot_data.store

    @property
    def calendar(self) -> WorkdayCalendar:
        return self.bot_data.calendar

    def records_for(self, user_id: int) -> Records:
        """The user's records, scoped in the storage layer to what they may see and change."""
        return self.store.records(Scope.own(user_id))

    def now(self) -> datetime:
        return self.bot_data.clock()

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.bot_data.admin_ids


# The last parameter is the JobQueue type, which PTB's builder types loosely.
BotApplication = Application[ExtBot[int], BotContext, dict, dict, BotServices, Any]
