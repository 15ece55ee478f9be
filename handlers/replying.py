"""Delivers plain Reply values through Telegram: new messages, edits and callback answers."""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest

from views.common import Reply

logger = logging.getLogger(__name__)


def pressed(update: Update) -> tuple[CallbackQuery, str]:
    """The button press of a callback-query update, with its data ('' if none)."""
    query = update.callback_query
    if query is None:
        raise ValueError("not a callback query update")
    return query, query.data or ""


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=button.data) for button in row]
            for row in reply.buttons
        ]
    )


async def send_reply(message: Message, reply: Reply) -> Message:
    """Answer in the same chat (as a reply in groups, so the asker sees it is theirs)."""
    quote = message.chat.type != "private"
    return await message.reply_text(reply.text, reply_markup=keyboard(reply), do_quote=quote)


async def send_to_chat(bot: Bot, chat_id: int, reply: Reply) -> Message:
    return await bot.send_message(chat_id, reply.text, reply_markup=keyboard(reply))


async def edit_reply(query: CallbackQuery, reply: Reply) -> None:
    """Replace the pressed message; if it can't be edited any more, send the reply anew."""
    try:
        await query.edit_message_text(reply.text, reply_markup=keyboard(reply))
    except BadRequest as error:
        if "not modified" in error.message:
            return
        logger.info("could not edit message, sending a new one: %s", error.message)
        if query.message is not None:
            await send_to_chat(query.get_bot(), query.message.chat.id, reply)
