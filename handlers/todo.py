"""/todo — everything still open, overdue first, then by deadline."""

from __future__ import annotations

from telegram import Update

from fieldwork.obligations import open_obligations
from handlers.context import BotContext
from handlers.replying import send_reply
from views.todo import todo_list


async def show_todo(update: Update, context: BotContext) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    records = context.records_for(user.id)
    now = context.now()
    obligations = open_obligations(
        records,
        context.kb.kb,
        context.store.settings.get(user.id),
        now,
        context.store.completions(user.id),
    )
    customers = dict(records.customers.names())
    await send_reply(message, todo_list(obligations, customers, now))
