"""Administrator commands: the unanswered-questions list and knowledge reload."""

from __future__ import annotations

import asyncio

from telegram import Update

from handlers.context import BotContext
from handlers.replying import send_reply
from views.admin import reload_refused_text, reloaded_text, unanswered_text
from views.common import Reply

# Only administrators get here: the gate (handlers/gate.py) checks roles for every command.


async def list_unanswered(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        text = unanswered_text(context.store.unanswered.summary())
        await send_reply(update.effective_message, Reply(text))


async def reload_knowledge(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    learned, _ = context.knowledge.snapshot()  # the database is read on this thread
    outcome = await asyncio.to_thread(context.knowledge.reload, learned)
    if outcome.ok:
        text = reloaded_text(outcome.norm_count)
    else:
        problems = [str(problem) for problem in outcome.error.problems] if outcome.error else []
        text = reload_refused_text(outcome.norm_count, problems)
    await send_reply(message, Reply(text))
