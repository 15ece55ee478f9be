"""Drives a PTB Application through the stand-in: deliver an update, collect the bot's answer."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

from standin.botapi import BotApiStandIn
from standin.messages import BotMessage, ChatInfo
from standin.user import SimulatedUser


def _chat_id_of(update: dict[str, Any]) -> int | None:
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if key in update:
            return int(update[key]["chat"]["id"])
    message = update.get("callback_query", {}).get("message")
    if message is not None:
        return int(message["chat"]["id"])
    return None


class ChatDriver:
    """Feeds updates to `app.process_update` and returns what the bot did in that chat.

    The caller must have initialized the application (`async with app:`). Handlers have finished
    when a call returns (unless they were registered with `block=False`).
    """

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], api: BotApiStandIn) -> None:
        self.app = app
        self.api = api
        self.last_query_id: str | None = None

    async def send(
        self,
        user: SimulatedUser,
        text: str,
        *,
        chat: ChatInfo | None = None,
        reply_to: int | BotMessage | None = None,
    ) -> list[BotMessage]:
        """The user writes `text`; returns the bot messages sent or edited in reply."""
        return await self.send_update(user.text(text, chat=chat, reply_to=reply_to))

    async def press(
        self, user: SimulatedUser, message: BotMessage, data_or_button_text: str
    ) -> list[BotMessage]:
        """The user presses a button of `message` (by callback data or button text)."""
        update = user.press(message, data_or_button_text)
        self.last_query_id = update["callback_query"]["id"]
        return await self.send_update(update)

    async def forged_press(
        self, user: SimulatedUser, chat_id: int, message_id: int, data: str
    ) -> list[BotMessage]:
        """The user sends a callback query with arbitrary data (forged or stale)."""
        update = user.forged_press(chat_id, message_id, data)
        self.last_query_id = update["callback_query"]["id"]
        return await self.send_update(update)

    async def send_update(self, update: dict[str, Any]) -> list[BotMessage]:
        """Deliver any update dict; returns bot messages sent or edited in its chat, in order.

        Each message appears once, in its current version; messages deleted by the end of the
        call are left out. Without a chat (e.g. an inline query) all chats count.
        """
        mark = self.api.change_mark()
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.changed_messages(mark, chat_id=_chat_id_of(update))

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The bot's answerCallbackQuery parameters for this query, None if unanswered."""
        return self.api.answered_callbacks.get(query_id)

    @property
    def last_callback_answer(self) -> dict[str, Any] | None:
        """The answer to the most recent press, None if the bot did not answer it."""
        if self.last_query_id is None:
            return None
        return self.callback_answer(self.last_query_id)
