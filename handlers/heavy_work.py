"""Replies that take real CPU (the /stats chart, the /export file): made in the worker pool, off
the event loop, and made once for a person who asks again while theirs is being made.

A person's updates are handled in order (ops/update_order.py), so a second /stats sent while the
first chart was being drawn is handled once that chart is out. Message ids of a private chat
count up across both sides, so a request with a smaller id than the last result of its kind
was sent before that result was in the chat: it asked for what it then got, and is left
unanswered rather than answered with a second copy. A request sent after it makes a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from telegram import Message, Update

from handlers.context import BotContext
from handlers.replying import send_reply
from ops.cpu_pool import PoolFull
from views.common import Reply
from views.heavy_work import POOL_FULL

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

RESULT_KEY = "made:{kind}"  # in chat_data: the message id of the last result of that kind


def asked_before_last_result(update: Update, context: BotContext, kind: str) -> bool:
    """Whether this request was sent before the last `kind` result appeared in its chat (and
    so is answered by it)."""
    message = update.effective_message
    last = (context.chat_data or {}).get(RESULT_KEY.format(kind=kind))
    if message is None or not isinstance(last, int) or message.message_id >= last:
        return False
    logger.info("%s asked again while it was being made: answered by message %s", kind, last)
    return True


def remember_result(context: BotContext, kind: str, sent: Message) -> None:
    if context.chat_data is not None:
        context.chat_data[RESULT_KEY.format(kind=kind)] = sent.message_id


async def made_off_loop(
    message: Message,
    context: BotContext,
    function: Callable[P, T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """`function(*args)` in the worker pool; None (and the person told) when it is full."""
    try:
        return await context.bot_data.cpu.run(function, *args, **kwargs)
    except PoolFull:
        logger.warning("the CPU pool is full; a %s was refused", getattr(function, "__name__", ""))
        await send_reply(message, Reply(POOL_FULL))
        return None
