"""The bot's Bot API client: PTB's ExtBot, forgiving a button press answered too late, and
never sending text Telegram would refuse as too long.

Telegram refuses to answer a callback query twice or long after the press ("query is too old
and response timeout expired or query ID is invalid"). That happens in normal running: a press
that waited in the queue while the bot restarted, or one the bot handles again after a crash
because its update was never confirmed. The answer only stops the button's spinner, which the
app has already stopped by then, so the handler must go on and do what was pressed; failing the
whole update there would drop a dialog step. One place for this, so no handler can forget it.

Every reply is built to fit Telegram's limits (4,096 characters of text, 1,024 of a caption,
200 of a button press's answer): dialogs shorten long fields, lists page or shorten. Should a
builder still produce more, the text is cut here with a WARNING naming the method, rather than
Telegram refusing it, the user getting an apology and a dialog step failing again and again.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest
from telegram.ext import ExtBot

from views.common import CAPTION_LIMIT, MESSAGE_LIMIT, NOTICE_LIMIT, fit_message

logger = logging.getLogger(__name__)

_LATE_ANSWER = ("query is too old", "query id is invalid", "query_id_invalid")


def is_late_answer(error: BadRequest) -> bool:
    message = error.message.lower()
    return any(words in message for words in _LATE_ANSWER)


class BotClient(ExtBot[int]):
    """ExtBot whose answer_callback_query returns False instead of raising when it is too late,
    and whose texts and captions are kept within Telegram's limits."""

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        args, kwargs = _within_limit("answer_callback_query", args, kwargs, "text", 1)
        try:
            return await super().answer_callback_query(*args, **kwargs)
        except BadRequest as error:
            if not is_late_answer(error):
                raise
            logger.info("button press answered too late, handled without the answer: %s", error)
            return False

    async def send_message(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _within_limit("send_message", args, kwargs, "text", 1)
        return await super().send_message(*args, **kwargs)

    async def edit_message_text(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _within_limit("edit_message_text", args, kwargs, "text", 0)
        return await super().edit_message_text(*args, **kwargs)

    async def send_photo(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _within_limit("send_photo", args, kwargs, "caption", 2)
        return await super().send_photo(*args, **kwargs)

    async def send_document(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _within_limit("send_document", args, kwargs, "caption", 2)
        return await super().send_document(*args, **kwargs)


_LIMITS = {"text": MESSAGE_LIMIT, "caption": CAPTION_LIMIT}


def _within_limit(
    method: str, args: tuple[Any, ...], kwargs: dict[str, Any], name: str, position: int
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The call's arguments with its text (keyword `name` or positional at `position`) cut to
    Telegram's limit for it, if a reply builder let it grow past it."""
    limit = NOTICE_LIMIT if method == "answer_callback_query" else _LIMITS[name]
    positional = args[position] if len(args) > position else None
    given = kwargs.get(name, positional)
    if not isinstance(given, str) or len(given) <= limit:
        return args, kwargs
    logger.warning("%s: a %s of %d characters was cut to %d", method, name, len(given), limit)
    cut = fit_message(given, limit)
    if name in kwargs:
        return args, {**kwargs, name: cut}
    return (*args[:position], cut, *args[position + 1 :]), kwargs
