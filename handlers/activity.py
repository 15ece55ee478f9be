"""One INFO line per update: its id, who sent it, where, and what kind — never what it says."""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update

from handlers.context import BotContext
from views.button_data import namespace_of

logger = logging.getLogger(__name__)

_ATTACHMENTS = ("sticker", "photo", "document", "voice", "video", "audio", "location", "contact")


def describe(update: Update) -> str:
    """What kind of update this is, in words that carry no user content."""
    query = update.callback_query
    if query is not None:
        # A forged button could carry anything: only a namespace of ours is named.
        namespace = namespace_of(query.data or "")
        return f"button {namespace.namespace}" if namespace else "button (unknown)"
    message = update.effective_message
    if message is None:
        kinds = [key for key in update.to_dict() if key != "update_id"]
        return kinds[0] if kinds else "empty update"
    edited = "edited " if message is update.edited_message else ""
    return edited + _message_kind(message)


def _message_kind(message: Message) -> str:
    entities = message.entities or ()
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        command = (message.text or "")[1 : entities[0].length].partition("@")[0]
        return f"command /{command.lower()}"
    if message.text is not None:
        return f"text ({len(message.text)} characters)"
    for attachment in _ATTACHMENTS:
        if getattr(message, attachment, None):
            return attachment
    return "message"


async def log_update(update: Update, context: BotContext) -> None:
    user = update.effective_user
    chat = update.effective_chat
    where = f"{chat.type} chat {chat.id}" if chat else "no chat"
    logger.info(
        "update %s from user %s in %s: %s",
        update.update_id,
        user.id if user else None,
        where,
        describe(update),
    )
