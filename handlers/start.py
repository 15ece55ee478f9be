"""/start, /help and /cancel."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext
from handlers.replying import send_reply
from views.common import Reply
from views.fallback import NOTHING_TO_CANCEL
from views.help import help_text, start_text


async def start(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    role = context.role(user.id if user else None)
    text = start_text(user.first_name if user else None, role)
    await send_reply(message, Reply(text))


async def show_help(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    await send_reply(message, Reply(help_text(context.role(user.id if user else None))))


async def cancel(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        await send_reply(update.effective_message, Reply(NOTHING_TO_CANCEL))
