"""The tail of a long paste: refused with the message before it, not taken on its own.

A Telegram client sends a text longer than one message (4,096 characters) as several, one
right after the other. The first is longer than anything the bot takes and is refused where it
lands (a dialog's step, a question); the pieces after it would fit, and would be saved as the
step's answer or answered as a question, while the user thinks the whole was refused. So a text
message that comes right after a too-long one in the same private chat, with no message between
them, is taken for its continuation: refused too, saying why, and nothing else sees it.

Runs in its own handler group after the gate, before the dialogs and the questions.
"""

from __future__ import annotations

from telegram import MessageEntity, Update
from telegram.ext import ApplicationHandlerStop

from dialogs.engine import TEXT_LIMIT
from handlers.context import BotContext
from handlers.persisting import save_now
from handlers.replying import send_reply
from textinput.normalization import normalize_typed
from views.common import Reply
from views.fallback import continuation_note

LONGEST_TAKEN = TEXT_LIMIT  # no answer or question the bot takes is longer (a question: 300)
TOO_LONG_KEY = "too_long_message"  # in chat_data: the id of the last message too long to take
CONTINUATION_NOTE = continuation_note(LONGEST_TAKEN)


def continues(previous_too_long: object, message_id: int) -> bool:
    """Whether a message is the next one in the chat after the last too-long one: in a private
    chat both sides' messages are numbered in one sequence, so nothing came between them."""
    return isinstance(previous_too_long, int) and message_id == previous_too_long + 1


async def refuse_tail_of_long_paste(update: Update, context: BotContext) -> None:
    message = update.message
    chat_data = context.chat_data
    if message is None or message.text is None or chat_data is None:
        return
    if message.chat.type != "private":
        return  # in groups others' messages come between, and chatter is not for the bot
    previous = chat_data.get(TOO_LONG_KEY)
    command = bool(message.entities) and message.entities[0].type == MessageEntity.BOT_COMMAND
    if continues(previous, message.message_id) and not command:  # "/cancel" is meant as such
        chat_data[TOO_LONG_KEY] = message.message_id  # a third piece continues this one
        await send_reply(message, Reply(CONTINUATION_NOTE))
        await save_now(update, context)  # the handlers that would save it are not run
        raise ApplicationHandlerStop
    if len(normalize_typed(message.text)) > LONGEST_TAKEN:
        chat_data[TOO_LONG_KEY] = message.message_id
    elif previous is not None:
        del chat_data[TOO_LONG_KEY]
