"""The Bot API rate limiter: Telegram's 30 messages a second, evenly spaced; a chat action (the
"sending a photo…" line) is no message and waits in no line.

Every request that names a chat goes through PTB's AIORateLimiter, and this one spaces them
1/30 s apart with no burst (bot.paced_rate_limiter says why), so each one takes a turn that
someone's answer then waits for. A `sendChatAction` before a chart or a file would cost every
other person a turn for a line of status; Telegram's message limit does not count it, so it
goes straight out.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

JSONDict = dict[str, Any]  # as PTB types it (in telegram._utils.types, a private module)

NOT_MESSAGES = frozenset({"sendChatAction"})


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter, except that chat actions are not held in the line of messages."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in NOT_MESSAGES:
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
