"""A Reply's buttons as Telegram's inline keyboard: the one place they are converted, for the
handlers' replies and the reminder sender alike."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from views.common import Reply


def inline_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=button.data) for button in row]
            for row in reply.buttons
        ]
    )
