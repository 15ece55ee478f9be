"""The bot's Bot API client: PTB's ExtBot, forgiving a button press answered too late.

Telegram refuses to answer a callback query twice or long after the press ("query is too old
and response timeout expired or query ID is invalid"). That happens in normal running: a press
that waited in the queue while the bot restarted, or one the bot handles again after a crash
because its update was never confirmed. The answer only stops the button's spinner, which the
app has already stopped by then, so the handler must go on and do what was pressed; failing the
whole update there would drop a dialog step. One place for this, so no handler can forget it.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest
from telegram.ext import ExtBot

logger = logging.getLogger(__name__)

_LATE_ANSWER = ("query is too old", "query id is invalid", "query_id_invalid")


def is_late_answer(error: BadRequest) -> bool:
    message = error.message.lower()
    return any(words in message for words in _LATE_ANSWER)


class LateAnswerTolerantBot(ExtBot[int]):
    """ExtBot whose answer_callback_query returns False instead of raising when it is too late."""

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return await super().answer_callback_query(*args, **kwargs)
        except BadRequest as error:
            if not is_late_answer(error):
                raise
            logger.info("button press answered too late, handled without the answer: %s", error)
            return False
