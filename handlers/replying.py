"""Delivers plain Reply values through Telegram: new messages, edits and callback answers."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TypeVar

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.error import BadRequest, RetryAfter

from ops.cpu_pool import CpuPool
from views.button_data import ButtonData
from views.common import CAPTION_LIMIT, FileToMake, Reply

logger = logging.getLogger(__name__)

B = TypeVar("B", bound=ButtonData)

MAX_REPLY_WAIT = 30.0  # seconds; a longer flood wait fails the update (the user is told)


def inline_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """A Reply's buttons as Telegram's inline keyboard: the one place they are converted, for
    the handlers' replies and the reminder sender (services.BotServices.send_to_chat) alike."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=button.data) for button in row]
            for row in reply.buttons
        ]
    )


def pressed(update: Update, kind: type[B]) -> tuple[CallbackQuery, B]:
    """The button press of a callback-query update and its data parsed as `kind`.

    A handler registered with `pattern=kind.matches` (handlers/__init__.py) only sees data
    its kind parses; anything else was refused before it by handlers/fallback.py.
    """
    query = update.callback_query
    if query is None:
        raise ValueError("not a callback query update")
    button = kind.parse(query.data or "")
    if button is None:
        raise ValueError(f"{kind.__name__} press with data it does not parse: {query.data!r}")
    return query, button


async def send_reply(message: Message, reply: Reply) -> Message:
    """Answer in the same chat (as a reply in groups, so the asker sees it is theirs).

    A 429 is waited out and the reply sent once more, so a busy moment costs the user a few
    seconds rather than their answer (the reminder sender handles its own retries).
    """
    if reply.attachment is not None:
        return await send_to_chat(message.get_bot(), message.chat.id, reply)
    quote = message.chat.type != "private"
    markup = inline_keyboard(reply)
    try:
        return await message.reply_text(reply.text, reply_markup=markup, do_quote=quote)
    except RetryAfter as error:
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        if seconds > MAX_REPLY_WAIT:
            raise
        logger.info("429 on a reply; waiting %.1f s and sending it again", seconds)
        await asyncio.sleep(seconds)
        return await message.reply_text(reply.text, reply_markup=markup, do_quote=quote)


async def send_to_chat(
    bot: Bot, chat_id: int, reply: Reply, *, cpu: CpuPool | None = None
) -> Message:
    """A new message in a chat (the reminder sender's way out too). A reply with a file whose
    text fits a caption is one message: the file, captioned, with the buttons; a longer text
    goes first, the file after it (the text's message is the one returned). A file still to
    be made is made first, in `cpu`'s workers as background work (else in a thread)."""
    markup = inline_keyboard(reply)
    attachment = reply.attachment
    if attachment is None:
        return await bot.send_message(chat_id, reply.text, reply_markup=markup)
    data = attachment.data
    if isinstance(data, FileToMake):
        if cpu is None:
            data = await asyncio.to_thread(data.make, *data.args)
        else:
            data = await cpu.run_in_background(data.make, *data.args)
    document = InputFile(data, filename=attachment.filename)
    if len(reply.text) <= CAPTION_LIMIT and not attachment.apart:
        return await bot.send_document(chat_id, document, caption=reply.text, reply_markup=markup)
    message = await bot.send_message(chat_id, reply.text, reply_markup=markup)
    await bot.send_document(chat_id, document)
    return message


async def edit_reply(query: CallbackQuery, reply: Reply) -> None:
    """Replace the pressed message; if it can't be edited any more, send the reply anew."""
    try:
        await query.edit_message_text(reply.text, reply_markup=inline_keyboard(reply))
    except BadRequest as error:
        if "not modified" in error.message:
            return
        logger.info("could not edit message, sending a new one: %s", error.message)
        if query.message is not None:
            await send_to_chat(query.get_bot(), query.message.chat.id, reply)
