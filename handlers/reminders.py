"""The buttons under a reminder: 已完成 records it, 1小时后提醒 / 明天再提醒 bring it back."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from fieldwork.reminder_actions import (
    Completion,
    ObligationState,
    Situation,
    complete_obligation,
    obligation_state,
    snooze_choices,
    snooze_until,
)
from handlers.context import BotContext
from handlers.plan import refused_outside_private
from handlers.reminder_sync import resync
from handlers.replying import pressed
from storage.reminders import Reminder
from views.button_data import ReminderButton, ReminderDone, ReminderSnooze
from views.reminder_buttons import (
    ACKNOWLEDGED,
    ALREADY_CLOSED,
    ALREADY_DONE_MARK,
    DONE_MARK,
    NOT_FOUND,
    RECORD_GONE,
    RECORD_GONE_MARK,
    RECORDED,
    SNOOZE_PAST_DEADLINE,
    snoozed_mark,
    snoozed_until,
    with_mark,
)

logger = logging.getLogger(__name__)

_ANSWERS = {
    Completion.RECORDED: (RECORDED, DONE_MARK),
    Completion.ACKNOWLEDGED: (ACKNOWLEDGED, DONE_MARK),
    Completion.ALREADY_DONE: (ALREADY_CLOSED, ALREADY_DONE_MARK),
    Completion.NOT_FOUND: (RECORD_GONE, RECORD_GONE_MARK),
}


async def on_button(update: Update, context: BotContext) -> None:
    """已完成, 1小时后提醒, 明天再提醒; the id is looked up among the presser's own."""
    query, button = pressed(update, ReminderButton)
    if await refused_outside_private(query):
        return
    user_id = query.from_user.id
    assert isinstance(button, ReminderDone | ReminderSnooze)
    reminder = context.store.own_reminders(user_id).get(button.reminder_id)
    if reminder is None:
        await query.answer(NOT_FOUND, show_alert=True)
        return
    if isinstance(button, ReminderSnooze):
        await _snooze(query, context, reminder, button.choice)
    else:
        await _complete(query, context, reminder)


def _situation(context: BotContext, user_id: int) -> Situation:
    return Situation(
        records=context.records_for(user_id),
        completions=context.store.completions(user_id),
        kb=context.kb.kb,
        settings=context.store.settings.get(user_id),
        now=context.now(),
    )


async def _complete(query: CallbackQuery, context: BotContext, reminder: Reminder) -> None:
    user_id = reminder.owner_id
    outcome = complete_obligation(_situation(context, user_id), reminder.key)
    # Whatever the outcome, this obligation is not to be reminded of again.
    context.store.reminders.cancel_key(user_id, reminder.key)
    resync(context, user_id)  # at once, so the answer below already holds
    answer, mark = _ANSWERS[outcome]
    await query.answer(answer)
    await _mark_message(query, mark, keep_buttons=False)


async def _snooze(
    query: CallbackQuery, context: BotContext, reminder: Reminder, choice: str
) -> None:
    user_id = reminder.owner_id
    situation = _situation(context, user_id)
    if obligation_state(situation, reminder.key) is not ObligationState.OPEN:
        await query.answer(ALREADY_CLOSED)
        await _mark_message(query, ALREADY_DONE_MARK, keep_buttons=False)
        return
    now = situation.now
    if choice not in snooze_choices(now, reminder.deadline_at, situation.settings):
        # A button made when the deadline was further off: it would now pass it unreminded.
        await query.answer(SNOOZE_PAST_DEADLINE, show_alert=True)
        return
    send_at = snooze_until(now, choice, situation.settings, reminder.deadline_at)
    snoozed = context.store.own_reminders(user_id).snooze(reminder.id, send_at)
    if snoozed is None:  # gone between the lookup and now
        await query.answer(NOT_FOUND, show_alert=True)
        return
    await query.answer(snoozed_until(send_at, now))
    await _mark_message(query, snoozed_mark(send_at, now), keep_buttons=True)


async def _mark_message(query: CallbackQuery, mark: str, *, keep_buttons: bool) -> None:
    """Say under the reminder what became of it. After a snooze its other buttons stay (已完成,
    记录这次拜访, the bid checklist's ticks); once done, none is left."""
    message = query.message
    if not isinstance(message, Message) or message.text is None:
        return  # too old to read back: the answer above has said it
    markup = None
    if keep_buttons and message.reply_markup is not None:
        rows = [
            [button for button in row if not _is_snooze(button)]
            for row in message.reply_markup.inline_keyboard
        ]
        kept = [row for row in rows if row]
        markup = InlineKeyboardMarkup(kept) if kept else None
    try:
        await query.edit_message_text(with_mark(message.text, mark), reply_markup=markup)
    except TelegramError as error:
        logger.debug("could not mark the reminder message: %s", error)


def _is_snooze(button: InlineKeyboardButton) -> bool:
    return ReminderSnooze.matches(button.callback_data)
