"""Updates of different people at once; each chat's and each user's strictly in arrival order.

python-telegram-bot processes one update at a time by default, so one person's slow request
(a chart, a document) makes everyone's next answer wait. With this processor the Application
handles many updates concurrently, but an update waits for every earlier update of its chat and
of its user: a person's dialog steps, persistence writes and resend checks happen in the order
the person sent them, exactly as before (docs/concurrency.md).

The order is taken where PTB hands the update over (`do_process_update`), which is the order
the updates were fetched in: PTB starts one task per update in that order, and their bounded
semaphore (asyncio's, first come first served) lets them in in the same order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Two updates that share a key are handled one after the other. A person's private chat has
# their user id as its id, so the kinds are kept apart.
OrderKey = tuple[str, int]

# The default bound on updates in hand at once (those waiting for their turn count too): as
# many as the Bot API connection pool has connections.
DEFAULT_CONCURRENT_UPDATES = 256


def order_keys(update: object) -> tuple[OrderKey, ...]:
    """What an update must wait its turn for: its chat and its user (none for other updates)."""
    if not isinstance(update, Update):
        return ()
    keys: list[OrderKey] = []
    if update.effective_chat is not None:
        keys.append(("chat", update.effective_chat.id))
    if update.effective_user is not None:
        keys.append(("user", update.effective_user.id))
    return tuple(keys)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats and users, in order within each (PTB's BaseUpdateProcessor).

    Each key keeps the future of the last update that took it; a new update waits for the
    futures of its keys and leaves its own in their place. An update thus waits only for
    earlier ones, so updates that share one key but not the other (a person in two chats, two
    people in one group) can never wait for each other in a circle.
    """

    def __init__(self, max_concurrent_updates: int = DEFAULT_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._last: dict[OrderKey, asyncio.Future[None]] = {}

    @property
    def waiting_keys(self) -> int:
        """How many chats and users have an update in hand (for tests and diagnostics)."""
        return len(self._last)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        keys = order_keys(update)
        if not keys:
            await coroutine
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.add_done_callback(lambda _: self._forget(keys, done))
        earlier = {self._last[key] for key in keys if key in self._last}
        for key in keys:
            self._last[key] = done
        try:
            if earlier:
                # asyncio.wait, not await: a cancelled wait must not cancel the others' futures.
                await asyncio.wait(earlier)
        except BaseException:
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # cancelled before its turn: it never runs
            _finish_after(done, earlier)
            raise
        try:
            await coroutine
        finally:
            done.set_result(None)

    def _forget(self, keys: tuple[OrderKey, ...], done: asyncio.Future[None]) -> None:
        """Once an update is done and nothing came after it, its keys need no entry."""
        for key in keys:
            if self._last.get(key) is done:
                del self._last[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for the updates in hand before it shuts down."""


def _finish_after(done: asyncio.Future[None], earlier: set[asyncio.Future[None]]) -> None:
    """Let the next updates of these keys go, but never before the earlier ones are done (an
    update cancelled while it waited must not let a later one overtake those)."""
    pending = [future for future in earlier if not future.done()]
    if not pending:
        done.set_result(None)
        return
    gathered = asyncio.gather(*pending)
    gathered.add_done_callback(lambda _: done.set_result(None))
