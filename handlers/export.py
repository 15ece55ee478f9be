"""/export — the user's visits, commitments and letters as an Excel file."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction

from fieldwork.export import build_workbook, collect, export_filename
from handlers.context import BotContext
from handlers.heavy_work import asked_before_last_result, made_off_loop, remember_result
from handlers.replying import send_reply
from views.common import Reply
from views.export import NOTHING_TO_EXPORT, export_caption


async def send_export(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or asked_before_last_result(update, context, "export"):
        return
    data = collect(context.records_for(user.id))
    if data.empty:
        await send_reply(message, Reply(NOTHING_TO_EXPORT))
        return
    now = context.now()
    await context.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)
    # A workbook of thousands of rows takes a while: in a worker process, nobody else waits.
    content = await made_off_loop(message, context, build_workbook, data, now)
    if content is None:
        return
    sent = await message.reply_document(
        document=content,
        filename=export_filename(now),
        caption=export_caption(data, context.kb.kb),
        do_quote=False,
    )
    remember_result(context, "export", sent)
