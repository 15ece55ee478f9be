"""/visits — the user's recent visits, page by page, and a visit's detail."""

from __future__ import annotations

from telegram import Update

from fieldwork.listings import recent_visits, visit_record
from handlers.context import BotContext
from handlers.customer import in_private_chat
from handlers.fallback import PRIVATE_ONLY
from handlers.replying import edit_reply, pressed, send_reply, send_to_chat
from views.button_data import VisitOpen, VisitsButton, VisitsPage
from views.visit_list import VISIT_NOT_FOUND, visit_record_reply, visits_page


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def show_visits(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    records = context.records_for(_user_id(update))
    await send_reply(message, visits_page(recent_visits(records, 0), context.now()))


async def on_button(update: Update, context: BotContext) -> None:
    """A page of the list turns in place; a visit's number sends the visit's detail."""
    query, button = pressed(update, VisitsButton)
    if not in_private_chat(update):
        await query.answer(PRIVATE_ONLY, show_alert=True)
        return
    records = context.records_for(_user_id(update))
    if isinstance(button, VisitsPage):
        await query.answer()
        await edit_reply(query, visits_page(recent_visits(records, button.page), context.now()))
        return
    assert isinstance(button, VisitOpen)
    record = visit_record(records, button.visit_id)
    if record is None or query.message is None:
        await query.answer(VISIT_NOT_FOUND, show_alert=True)
        return
    await query.answer()
    await send_to_chat(
        context.bot, query.message.chat.id, visit_record_reply(record, context.now())
    )
