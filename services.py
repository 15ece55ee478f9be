"""The bot's shared services and state: built once by bot.py (the composition root), reached by
handlers as `context.bot_data` (typed in handlers/context.py) and by the jobs.

State that lives as long as the bot — what the reminder re-sync has seen, the lock that lets
one reminder sweep run at a time — is kept here, not in module globals, so two bots in one
process (tests) never share it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, Message
from telegram.ext import Application, CallbackContext

from knowledge.service import KnowledgeService
from ops.cpu_pool import CpuPool
from reminders.config import ReminderConfig
from reminders.sync import ChangeTracker
from storage.staff import StaffRegistry
from storage.store import Store
from timekeeping.clock import Clock, utc_now
from timekeeping.workdays import WorkdayCalendar
from views.common import Reply


class BotServices:
    """Lives in bot_data (ContextTypes(bot_data=BotServices)); filled by build_application."""

    knowledge: KnowledgeService
    store: Store
    clock: Clock
    calendar: WorkdayCalendar
    staff: StaffRegistry
    escalation_hours: float  # a member's overdue item is reported to the lead after this
    reminder_config: ReminderConfig  # config/reminders.yaml: slots per kind, quiet lead, grace
    # How a reply goes out to a chat (handlers/replying.send_to_chat), for the reminder jobs,
    # which sit below handlers.
    send_to_chat: Callable[[Bot, int, Reply], Awaitable[Message]]
    cpu: CpuPool  # worker processes for charts and files (ops/cpu_pool.py)

    def __init__(self) -> None:
        self.clock = utc_now
        self.escalation_hours = 24.0
        # What each user's records looked like at their last reminder re-sync.
        self.change_tracker = ChangeTracker()
        # One reminder sweep at a time: a second one waits, then finds the first one's rows sent.
        self.sweep_lock = asyncio.Lock()


# What the jobs need of the application and their context: the services, and any bot.
ServicesApplication = Application[Any, Any, Any, Any, BotServices, Any]
ServicesContext = CallbackContext[Any, Any, Any, BotServices]
