"""/export — the user's visits, commitments and letters as an Excel file."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.constants import ChatAction

from fieldwork.export import build_workbook, collect, export_filename
from handlers.context import BotContext
from handlers.replying import send_reply
from views.common import Reply
from views.export import NOTHING_TO_EXPORT, export_caption


async def send_export(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    data = collect(context.records_for(user.id))
    if data.empty:
        await send_reply(message, Reply(NOTHING_TO_EXPORT))
        return
    now = context.now()
    await context.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)
    # Building a workbook of thousands of rows takes a while: keep the event loop free.
    content = await asyncio.to_thread(build_workbook, data, now)
    await message.reply_document(
        document=content,
        filename=export_filename(now),
        caption=export_caption(data, context.kb.kb),
        do_quote=False,
    )
