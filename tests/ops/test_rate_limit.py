"""The rate limiter: messages wait their turn, and count for Telegram's second from when they
leave until a second after their answer; a chat action, which is no message, does not wait."""

from __future__ import annotations

import asyncio
from typing import Any

from bot import paced_rate_limiter
from ops.rate_limit import PacedRateLimiter, Priority, in_background, priority_of


async def sent(what: str) -> dict[str, Any]:
    return {"sent": what}


async def through(
    limiter: PacedRateLimiter, endpoint: str, callback: Any = sent, chat_id: int | None = 7
) -> object:
    return await limiter.process_request(
        callback=callback,
        args=(endpoint,),
        kwargs={},
        endpoint=endpoint,
        data={} if chat_id is None else {"chat_id": chat_id},
        rate_limit_args=None,
    )


async def let_run() -> None:
    for _ in range(10):
        await asyncio.sleep(0)


async def test_a_chat_action_does_not_wait_for_the_messages_turn() -> None:
    limiter = PacedRateLimiter(per_second=1)
    assert await through(limiter, "sendMessage") == {"sent": "sendMessage"}
    waiting = asyncio.create_task(through(limiter, "sendMessage"))
    await let_run()

    assert await through(limiter, "sendChatAction") == {"sent": "sendChatAction"}
    assert not waiting.done()  # the second message still waits for its turn
    waiting.cancel()


async def test_a_message_counts_while_on_its_way_and_for_a_second_after() -> None:
    limiter = PacedRateLimiter(per_second=1000)
    answered = asyncio.Event()

    async def slow(what: str) -> dict[str, Any]:
        await answered.wait()
        return {"sent": what}

    on_its_way = asyncio.create_task(through(limiter, "sendPhoto", slow))
    await let_run()
    assert limiter.counted == 1
    answered.set()
    await on_its_way
    assert limiter.counted == 1  # Telegram may have counted it at any moment until now


async def test_no_message_leaves_while_a_seconds_worth_count() -> None:
    limiter = PacedRateLimiter(per_second=2)
    later = asyncio.get_running_loop().time() + 3600
    limiter._counting_until.extend([later, later])
    turn = asyncio.create_task(limiter._turn())
    await let_run()
    assert not turn.done()
    limiter._counting_until.popleft()  # as when its second is over
    limiter._changed.set()
    await asyncio.wait_for(turn, 10)


async def test_what_names_no_chat_is_no_message() -> None:
    limiter = PacedRateLimiter(per_second=1)
    assert await through(limiter, "answerCallbackQuery", chat_id=None) == {
        "sent": "answerCallbackQuery"
    }
    assert limiter.counted == 0


async def test_answers_leave_before_files_and_files_before_background_messages() -> None:
    limiter = PacedRateLimiter(per_second=1000, kept_for_answers=0)
    left: list[str] = []

    def recorded(name: str) -> Any:
        async def send(endpoint: str) -> dict[str, Any]:
            left.append(name)
            return {"sent": endpoint}

        return send

    first = asyncio.create_task(through(limiter, "sendMessage", recorded("first")))
    await let_run()  # it left: the next one waits for the spacing (1 ms here)
    with in_background():
        reminder = asyncio.create_task(through(limiter, "sendMessage", recorded("reminder")))
    chart = asyncio.create_task(through(limiter, "sendPhoto", recorded("chart")))
    answer = asyncio.create_task(through(limiter, "sendMessage", recorded("answer")))
    await asyncio.gather(first, reminder, chart, answer)
    assert left == ["first", "answer", "chart", "reminder"]


async def test_the_order_is_answer_file_background() -> None:
    assert priority_of("sendMessage") == Priority.ANSWER
    assert priority_of("sendDocument") == Priority.FILE
    with in_background():
        assert priority_of("sendMessage") == Priority.BACKGROUND
        assert priority_of("sendDocument") == Priority.BACKGROUND
    assert priority_of("sendMessage") == Priority.ANSWER


async def test_files_leave_room_for_answers_background_messages_may_fill_the_second() -> None:
    limiter = PacedRateLimiter(per_second=3, kept_for_answers=1)
    later = asyncio.get_running_loop().time() + 3600
    limiter._counting_until.extend([later, later])  # two of three count
    chart = asyncio.create_task(limiter._turn(Priority.FILE))
    await let_run()
    assert not chart.done()  # the last one of the second is kept for an answer
    chart.cancel()
    await asyncio.wait_for(limiter._turn(Priority.ANSWER), 10)
    # Two still count: a background message may take the last place (after the 1/3 s spacing).
    await asyncio.wait_for(limiter._turn(Priority.BACKGROUND), 10)


def test_the_bot_paces_telegrams_thirty_a_second() -> None:
    limiter = paced_rate_limiter()
    assert isinstance(limiter, PacedRateLimiter)
    assert limiter.per_second == 30
