"""The rate limiter: messages wait their turn; a chat action, which is no message, does not."""

from __future__ import annotations

import asyncio
from typing import Any

from bot import paced_rate_limiter
from ops.rate_limit import PacedRateLimiter


async def sent(what: str) -> dict[str, Any]:
    return {"sent": what}


async def through(limiter: PacedRateLimiter, endpoint: str) -> object:
    return await limiter.process_request(
        callback=sent,
        args=(endpoint,),
        kwargs={},
        endpoint=endpoint,
        data={"chat_id": 7},
        rate_limit_args=None,
    )


async def let_run() -> None:
    for _ in range(10):
        await asyncio.sleep(0)


async def test_a_chat_action_does_not_wait_for_the_messages_turn() -> None:
    limiter = PacedRateLimiter(overall_max_rate=1, overall_time_period=3600)  # one an hour
    assert await through(limiter, "sendMessage") == {"sent": "sendMessage"}
    waiting = asyncio.create_task(through(limiter, "sendMessage"))
    await let_run()

    assert await through(limiter, "sendChatAction") == {"sent": "sendChatAction"}
    assert not waiting.done()  # the second message still waits for its turn
    waiting.cancel()


def test_the_bot_paces_its_messages_with_room_to_spare() -> None:
    """Evenly spaced for 29 a second: under Telegram's 30 with the arrival jitter allowed for."""
    limiter = paced_rate_limiter()
    assert isinstance(limiter, PacedRateLimiter)
    base = limiter._base_limiter
    assert base is not None
    assert base.max_rate == 1
    assert abs(base.time_period - 1 / 29) < 1e-9
