"""The one error handler: log the failure for us, a short apology for the user."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from handlers.context import BotContext
from views.fallback import APOLOGY

logger = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        try:
            if await update.callback_query.answer(APOLOGY):
                return
        except TelegramError:
            pass
        # Already answered (the handler got that far) or too late: say it in the chat instead.
    try:
        await context.bot.send_message(update.effective_chat.id, APOLOGY)
    except TelegramError as error:
        logger.warning("could not tell the user about the error: %s", error)
