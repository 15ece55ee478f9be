"""The Bot API rate limiter: never more messages than Telegram allows in any one second at its
end, however they bunch on the way; answers people are waiting for first; a chat action, which
is no message, waits in no line.

Messages leave evenly spaced, 1/30 s apart (bot.paced_rate_limiter says why evenly); Telegram
counts them when they *arrive*. With many people's answers under way at once
(ops/update_order.py) a few arrive closer together than they left (the event loop, the network,
a photo's upload), and at 30 a second that is a 429. So each message also counts, for
Telegram's second, from when it leaves until a second after its answer came back (it arrived
somewhere in between): a message leaves only when fewer than 30 count.

The line is ordered, not first come first served: a text answer (someone is waiting for it)
leaves before a file (a chart, a workbook: slow anyway, and its sender saw 正在发送), and both
before what is sent in the background (reminders, digests, the daily round: see
`in_background`). Files also leave only while a few of Telegram's 30 are free: an upload counts
for longer than a text, and a run of charts would otherwise fill the second. Background
messages may fill it (a thousand reminders due at once go out at Telegram's full rate): an
answer that comes meanwhile is next in line, and a place frees every 1/30 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
from collections import deque
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from enum import IntEnum
from typing import Any

from telegram import constants
from telegram.ext import AIORateLimiter

JSONDict = dict[str, Any]  # as PTB types it (in telegram._utils.types, a private module)
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]

NOT_MESSAGES = frozenset({"sendChatAction"})
FILE_ENDPOINTS = frozenset(
    {
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "sendVideo",
        "sendAudio",
        "sendVoice",
        "sendAnimation",
    }
)
WINDOW = 1.0  # seconds: Telegram's limit is per second
KEPT_FOR_ANSWERS = 5  # of Telegram's 30 a second, never taken by files


class Priority(IntEnum):
    """The order of the line: lower leaves first."""

    ANSWER = 0
    FILE = 1
    BACKGROUND = 2


_background: ContextVar[bool] = ContextVar("background_sends", default=False)


@contextlib.contextmanager
def in_background() -> Iterator[None]:
    """Messages sent in this block (and in the tasks it starts) are background messages: no
    one is waiting for them at this moment (the reminder sweep, a lead's escalations)."""
    token = _background.set(True)
    try:
        yield
    finally:
        _background.reset(token)


def priority_of(endpoint: str) -> Priority:
    if _background.get():
        return Priority.BACKGROUND
    return Priority.FILE if endpoint in FILE_ENDPOINTS else Priority.ANSWER


class PacedRateLimiter(AIORateLimiter):
    """Evenly spaced messages in the order of their priority, never more than `per_second`
    that Telegram could count in one second; chat actions go straight out. (AIORateLimiter's
    own line is off: it is first come first served; its handling of 429s is kept.)"""

    def __init__(
        self,
        per_second: int = constants.FloodLimit.MESSAGES_PER_SECOND,
        kept_for_answers: int = KEPT_FOR_ANSWERS,  # places files leave free
    ) -> None:
        super().__init__(overall_max_rate=0, group_max_rate=0)
        self.per_second = per_second
        self.kept_for_answers = min(kept_for_answers, per_second - 1)
        self._in_flight = 0
        self._counting_until: deque[float] = deque()  # loop times, oldest first
        self._line: list[tuple[int, int]] = []  # a heap of (priority, arrival number)
        self._arrivals = itertools.count()
        self._next_leave = 0.0  # loop time: when the next message may leave
        self._changed = asyncio.Event()  # set when someone may now go

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
        priority = priority_of(endpoint)

        async def counted_call(*call_args: Any, **call_kwargs: Any) -> Any:
            await self._turn(priority)
            self._in_flight += 1  # no await since the turn: no one else took it meanwhile
            try:
                return await callback(*call_args, **call_kwargs)
            finally:
                self._in_flight -= 1
                now = asyncio.get_running_loop().time()
                self._counting_until.append(now + WINDOW)
                self._changed.set()

        return await super().process_request(
            counted_call, args, kwargs, endpoint, data, rate_limit_args
        )

    async def _turn(self, priority: Priority = Priority.ANSWER) -> None:
        """Wait until this message is first in the line, 1/per_second after the last one left,
        and fewer than its limit count for Telegram's current second."""
        ticket = (int(priority), next(self._arrivals))
        heapq.heappush(self._line, ticket)
        try:
            while (wait := self._wait_before(ticket)) != 0.0:
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._changed.wait()
        finally:
            self._line.remove(ticket)
            heapq.heapify(self._line)
            self._changed.set()  # the next in line may go (or is now first)
        self._next_leave = asyncio.get_running_loop().time() + 1 / self.per_second

    def _wait_before(self, ticket: tuple[int, int]) -> float | None:
        """0: go now; else how long to wait at most before looking again (None: until
        something changes)."""
        if self._line[0] != ticket:
            return None
        now = asyncio.get_running_loop().time()
        if now < self._next_leave:
            return self._next_leave - now
        limit = self.per_second
        if ticket[0] == Priority.FILE:
            limit -= self.kept_for_answers
        if self.counted < limit:
            return 0.0
        return self._counting_until[0] - now if self._counting_until else None

    def _forget_expired(self) -> None:
        now = asyncio.get_running_loop().time()
        while self._counting_until and self._counting_until[0] <= now:
            self._counting_until.popleft()
