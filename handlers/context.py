"""Typed access to the bot's services from every handler: context.kb, context.store …"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from access.policy import is_admin, scope_for
from handlers.telegram_client import BotClient
from knowledge.service import Knowledge, KnowledgeService
from ops.cpu_pool import CpuPool
from reminders.config import ReminderConfig
from storage.scope import Scope
from storage.staff import StaffMember, StaffRegistry
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
    calendar: WorkdayCalendar
    staff: StaffRegistry
    escalation_hours: float  # a member's overdue item is reported to the lead after this
    reminder_config: ReminderConfig  # config/reminders.yaml: slots per kind, quiet lead, grace
    cpu: CpuPool  # worker processes for charts and files (ops/cpu_pool.py)

    def __init__(self) -> None:
        self.clock = utc_now
        self.escalation_hours = 24.0


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
