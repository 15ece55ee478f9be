"""/settings — quiet hours, the morning digest and the travel time, changed with a tap."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext
from handlers.reminder_sync import resync
from handlers.replying import edit_reply, pressed, send_reply
from storage.signatures import Signature
from textinput.normalization import typed_argument
from views.button_data import SettingsPress
from views.common import Reply
from views.settings import (
    BAD_PRESS,
    SAVED,
    changes_for,
    parse_typed_setting,
    settings_overview,
    topic_menu,
)


async def show_settings(update: Update, context: BotContext) -> None:
    """/settings shows them; /settings 免打扰 22:30-07:30 (汇总 …, 路上 …) changes one."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    typed = typed_argument(context.args)
    note = None
    if typed:
        parsed = parse_typed_setting(typed)
        if parsed.changes is None:
            await send_reply(message, Reply(parsed.problem or ""))
            return
        context.store.settings.update(user.id, **parsed.changes)
        resync(context, user.id)
        note = SAVED
    settings = context.store.settings.get(user.id)
    await send_reply(message, settings_overview(settings, note, _signature(context, user.id)))


def _signature(context: BotContext, user_id: int) -> Signature | None:
    return context.records_for(user_id).signature.get()


async def on_button(update: Update, context: BotContext) -> None:
    """The overview, a topic's presets, or a preset pressed to save it."""
    query, press = pressed(update, SettingsPress)
    user_id = query.from_user.id
    settings = context.store.settings.get(user_id)
    if press.topic is None:
        await query.answer()
        await edit_reply(query, settings_overview(settings, None, _signature(context, user_id)))
        return
    if press.value is None:
        await query.answer()
        await edit_reply(query, topic_menu(press.topic, settings))
        return
    changes = changes_for(press)
    if changes is None:  # forged, or from a version with other presets
        await query.answer(BAD_PRESS)
        return
    settings = context.store.settings.update(user_id, **changes)
    # Settings are not audited records: re-plan now rather than rely on the audit trail.
    resync(context, user_id)
    await query.answer(SAVED)
    await edit_reply(query, settings_overview(settings, SAVED, _signature(context, user_id)))
