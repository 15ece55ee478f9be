"""/letter — the customer letters awaiting a written reply, and recording a new one."""

from __future__ import annotations

from telegram import Update

from dialogs import engine
from dialogs.engine import Turn
from dialogs.letter_form import LETTER_FORM
from handlers.context import BotContext
from handlers.dialog import busy_notice, form_env
from handlers.plan import begin_from_button, refused_outside_private
from handlers.replying import edit_reply, pressed, send_reply
from storage.store import Records
from textinput.normalization import typed_argument
from views.button_data import LetterButton, LetterDone
from views.common import Reply
from views.letter import (
    ALREADY_ANSWERED,
    LETTER_GONE,
    MARKED_ANSWERED,
    letters_overview,
)


def _overview(records: Records, context: BotContext) -> Reply:
    letters = records.letters.open_letters()
    return letters_overview(letters, dict(records.customers.names()), context.now())


async def start_letter(update: Update, context: BotContext) -> Turn | None:
    """/letter lists the open letters; /letter 名称 records a letter from that customer."""
    env = form_env(update, context)
    typed = typed_argument(context.args)
    if typed:
        turn = engine.begin(LETTER_FORM, env)
        assert turn.session is not None
        return engine.on_text(LETTER_FORM, turn.session, typed, env)
    if update.effective_message is not None:
        await send_reply(update.effective_message, _overview(env.records, context))
    return None


async def new_letter(update: Update, context: BotContext) -> object:
    """The 登记新来函 button."""
    return await begin_from_button(update, context, LETTER_FORM)


async def mark_answered(update: Update, context: BotContext) -> None:
    """已书面答复: looked up in the user's own letters, whatever id the button carries."""
    query, button = pressed(update, LetterDone)
    if await refused_outside_private(query):
        return
    records = form_env(update, context).records
    letter = records.letters.get(button.letter_id)
    if letter is None:
        await query.answer(LETTER_GONE, show_alert=True)
        return
    if letter.answered_at is not None:
        await query.answer(ALREADY_ANSWERED)
    else:
        records.letters.mark_answered(letter.id, context.now())
        await query.answer(MARKED_ANSWERED)
    await edit_reply(query, _overview(records, context))


async def busy(update: Update, context: BotContext) -> None:
    """登记新来函 pressed while another dialog is open."""
    query, _ = pressed(update, LetterButton)
    await query.answer(busy_notice(context), show_alert=True)
