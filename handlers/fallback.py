"""What the bot says to everything no other handler takes: unknown commands, stickers,
photos and buttons that no longer work."""

from __future__ import annotations

from telegram import MessageEntity, Update

from handlers.context import BotContext
from handlers.replying import send_reply
from views.button_data import refusal_for
from views.common import Reply
from views.fallback import NOT_TEXT, PRIVATE_ONLY, unknown_command_text


async def unknown_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    command = next(iter(commands.values()), message.text.split()[0])
    name, _, addressee = command.partition("@")
    if message.chat.type != "private" and addressee.lower() != context.bot.username.lower():
        return  # in a group, a command without our name may be for another bot
    await send_reply(message, Reply(unknown_command_text(name)))


async def not_text(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        await send_reply(update.effective_message, Reply(NOT_TEXT))


async def stale_button(update: Update, context: BotContext) -> None:
    """The one place a malformed or forged button press is refused (views/button_data.py):
    every other button handler only sees data its kind parses."""
    query = update.callback_query
    if query is not None:
        await query.answer(refusal_for(query.data or ""))


async def private_only(update: Update, context: BotContext) -> None:
    """Customer data is company property: never shown or collected in a group chat."""
    if update.effective_message is not None:
        await send_reply(update.effective_message, Reply(PRIVATE_ONLY))
