"""Writes dialog states and user data to SQLite after every update, not once a minute, and a
dialog's next state before its question goes out."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.context import BotContext


async def save_now(update: Update, context: BotContext) -> None:
    await context.application.update_persistence()


async def save_dialog_state(
    update: Update, context: BotContext, conversation: str, state: object
) -> None:
    """Commit the user's data and the dialog's `state` now, before the replies are sent.

    PTB stores a conversation's new state only after its callback returns, so a crash between
    the question going out and that write would restart the dialog one step back, while the
    user answers the question they saw: the answer would fill the previous step's field.
    Written ahead, a crash at any point leaves a state the user can go on from (at worst the
    question was not seen and the user says the last answer again, which the dialog knows).
    The key is PTB's for a conversation per chat and user.
    """
    persistence = context.application.persistence
    chat, user = update.effective_chat, update.effective_user
    if persistence is None or chat is None or user is None or context.user_data is None:
        return
    await persistence.update_user_data(user.id, context.user_data)
    stored_state = None if state == ConversationHandler.END else state
    await persistence.update_conversation(conversation, (chat.id, user.id), stored_state)
    await persistence.flush()
