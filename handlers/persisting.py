"""Writes dialog states and user data to SQLite after every update, not once a minute."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext


async def save_now(update: Update, context: BotContext) -> None:
    await context.application.update_persistence()
