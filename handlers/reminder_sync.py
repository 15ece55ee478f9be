"""After each update, re-plans the user's reminders if their records or settings changed."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import BotContext
from reminders.sync import sync_owner

logger = logging.getLogger(__name__)


def resync(context: BotContext, user_id: int, *, force: bool = False) -> bool:
    """Re-plan the user's reminders if anything of theirs changed; True if it did.

    A failure is logged, never raised: the update itself has been handled, and the next update
    or the hourly sync tries again.
    """
    store = context.store
    tracker = context.bot_data.change_tracker
    if context.member(user_id) is None:
        return False  # only staff are reminded
    try:
        if force:
            sync_owner(
                store,
                context.kb.kb,
                context.bot_data.reminder_config,
                user_id,
                context.now(),
                calendar=context.calendar,
            )
            return True
        return tracker.sync_if_changed(
            store,
            context.kb.kb,
            context.bot_data.reminder_config,
            user_id,
            context.now(),
            calendar=context.calendar,
        )
    except Exception:
        logger.exception("could not re-plan the reminders of user %s", user_id)
        return False


async def resync_after_update(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is not None and not user.is_bot:
        resync(context, user.id)
