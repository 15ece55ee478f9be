"""The door: before any handler, only active staff get in, and only to what their role allows.

Runs in handler group -2 for every update. Strangers learn nothing but their own Telegram user
id (to pass to an administrator); an invitation link (/start <code>) lets someone join.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.ext import ApplicationHandlerStop

from access.policy import may_use
from handlers.context import BotContext
from handlers.replying import send_reply
from storage.staff import InvitationRefused
from views.button_data import namespace_of
from views.common import Reply
from views.staff import NOT_FOR_YOUR_ROLE, invitation_refused_text, refusal_text, welcome_text

logger = logging.getLogger(__name__)


def _command_of(message: Message) -> str | None:
    """The command a message starts with ('visit' for '/visit@bot 华为'), if any."""
    entities = message.entities or ()
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset != 0:
        return None
    command = (message.text or "")[1 : entities[0].length]
    return command.partition("@")[0].lower()


def _invitation_code(message: Message) -> str | None:
    if message.chat.type != "private" or _command_of(message) != "start":
        return None
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else None


async def admit(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None or user.is_bot:
        raise ApplicationHandlerStop
    member = context.member(user.id)
    message = update.effective_message
    query = update.callback_query
    if member is None:
        code = _invitation_code(message) if message is not None and query is None else None
        if code is not None and message is not None:
            await _join(message, context, code, user.id, user.full_name)
        else:
            await _refuse(update, refusal_text(user.id))
        raise ApplicationHandlerStop
    command = None
    if query is not None:
        # A button whose namespace belongs to a role-bound command is checked like it.
        namespace = namespace_of(query.data or "")
        command = namespace.command if namespace is not None else None
    elif message is not None:
        command = _command_of(message)
    if command is not None and not may_use(member, command):
        await _refuse(update, NOT_FOR_YOUR_ROLE)
        raise ApplicationHandlerStop


async def _join(message: Message, context: BotContext, code: str, user_id: int, name: str) -> None:
    try:
        member = context.bot_data.staff.redeem(code, user_id, name)
    except InvitationRefused as refused:
        await send_reply(message, Reply(invitation_refused_text(str(refused), user_id)))
        return
    logger.info("staff member %s joined by invitation as %s", user_id, member.role)
    await send_reply(message, Reply(welcome_text(member)))


async def _refuse(update: Update, text: str) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=True)
        return
    message = update.effective_message
    if message is None:
        return
    # In a group only a command gets an answer: other chatter is none of the bot's business.
    if message.chat.type != "private" and _command_of(message) is None:
        return
    await send_reply(message, Reply(text))
