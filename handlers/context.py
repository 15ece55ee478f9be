"""Typed access to the bot's services from every handler: context.kb, context.store …"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from access.policy import is_admin, scope_for
from handlers.telegram_client import BotClient
from knowledge.service import Knowledge, KnowledgeService
from services import BotServices
from storage.scope import Scope
from storage.staff import StaffMember
from storage.store import Records, Store
from timekeeping.workdays import WorkdayCalendar


class BotContext(CallbackContext[ExtBot[int], dict, dict, BotServices]):
    """CallbackContext with the bot's services as typed properties.

    PTB builds one context per update and hands it to the handler of every group, so what is
    looked up here once (the staff member) serves the gate, the handler and the re-sync.
    """

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self._members: dict[int, StaffMember | None] = {}

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

    def member(self, user_id: int | None) -> StaffMember | None:
        """The active staff member with this id (the gate lets no one else through), as they
        were when this update came in: a change of role or a deactivation applies from the
        next update on."""
        if user_id is None:
            return None
        if user_id not in self._members:
            self._members[user_id] = self.bot_data.staff.active(user_id)
        return self._members[user_id]

    def records_for(self, user_id: int) -> Records:
        """The user's records, scoped in the storage layer to what their role may see."""
        member = self.member(user_id)
        if member is None:
            return self.store.records(Scope.own(user_id))
        return self.store.records(scope_for(member, self.bot_data.staff))

    def now(self) -> datetime:
        return self.bot_data.clock()

    def is_admin(self, user_id: int | None) -> bool:
        return is_admin(self.member(user_id))

    def role(self, user_id: int | None) -> str | None:
        member = self.member(user_id)
        return None if member is None else member.role


# The last parameter is the JobQueue type, which PTB's builder types loosely.
BotApplication = Application[BotClient, BotContext, dict, dict, BotServices, Any]
