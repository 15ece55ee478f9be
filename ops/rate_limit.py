"""The Bot API rate limiter: never more messages than Telegram allows in any one second at its
end, however they bunch on the way; a chat action, which is no message, waits in no line.

PTB's AIORateLimiter spaces the messages evenly when they *leave* (bot.paced_rate_limiter says
why evenly); Telegram counts them when they *arrive*. With one update at a time that was the
same thing: its messages went out one after another. With many people's answers under way at
once (ops/update_order.py) they leave 1/30 s apart and a few arrive closer together than that
(the event loop, the network, a photo's upload), and at 30 a second that is a 429. So each
message also counts, for Telegram's second, from when it leaves until a second after its answer
came back (it arrived somewhere in between): a message leaves only when fewer than 30 count.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import constants
from telegram.ext import AIORateLimiter

JSONDict = dict[str, Any]  # as PTB types it (in telegram._utils.types, a private module)
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]

NOT_MESSAGES = frozenset({"sendChatAction"})
WINDOW = 1.0  # seconds: Telegram's limit is per second


class PacedRateLimiter(AIORateLimiter):
    """Evenly spaced messages (AIORateLimiter), never more than `per_second` that Telegram could
    count in one second; chat actions go straight out."""

    def __init__(self, per_second: int = constants.FloodLimit.MESSAGES_PER_SECOND) -> None:
        super().__init__(overall_max_rate=1, overall_time_period=1 / per_second)
        self.per_second = per_second
        self._in_flight = 0
        self._counting_until: deque[float] = deque()  # loop times, oldest first
        self._freed = asyncio.Event()

    @property
    def counted(self) -> int:
        """Messages that Telegram could count in the current second."""
        self._forget_expired()
        return self._in_flight + len(self._counting_until)

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in NOT_MESSAGES:
            return await callback(*args, **kwargs)
        if data.get("chat_id") is None:  # no message (a button's answer): not limited
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def counted_call(*call_args: Any, **call_kwargs: Any) -> Any:
            await self._turn()
            self._in_flight += 1  # no await since the turn: no one else took it meanwhile
            try:
                return await callback(*call_args, **call_kwargs)
            finally:
                self._in_flight -= 1
                now = asyncio.get_running_loop().time()
                self._counting_until.append(now + WINDOW)
                self._freed.set()

        return await super().process_request(
            counted_call, args, kwargs, endpoint, data, rate_limit_args
        )

    async def _turn(self) -> None:
        """Wait until fewer than `per_second` messages count for Telegram's current second."""
        while self.counted >= self.per_second:
            self._freed.clear()
            timeout = None
            if self._counting_until:
                timeout = self._counting_until[0] - asyncio.get_running_loop().time()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._freed.wait()

    def _forget_expired(self) -> None:
        now = asyncio.get_running_loop().time()
        while self._counting_until and self._counting_until[0] <= now:
            self._counting_until.popleft()
