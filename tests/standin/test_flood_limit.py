"""The stand-in's optional flood limit: more sends than allowed within a second answer 429."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from standin.botapi import BotApiStandIn
from standin.request import StandInRequest
from tests.standin.conftest import FIXED_NOW

USER_ID = 1001


class Ticker:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def limited(ticker: Ticker) -> BotApiStandIn:
    api = BotApiStandIn(clock=lambda: FIXED_NOW, flood_limit_per_second=3, monotonic=ticker)
    api.user(USER_ID).text("你好")  # the user wrote first: the bot may message them
    return api


async def send(api: BotApiStandIn, text: str = "提醒") -> int:
    status, _ = await api.call("sendMessage", {"chat_id": USER_ID, "text": text})
    return status


async def test_sends_over_the_limit_within_a_second_get_429_with_retry_after(
    limited: BotApiStandIn, ticker: Ticker
) -> None:
    assert [await send(limited) for _ in range(3)] == [200, 200, 200]
    ticker.now += 0.5
    status, body = await limited.call("sendMessage", {"chat_id": USER_ID, "text": "多"})
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        },
    )
    assert limited.flood_rejections == 1
    assert [m.text for m in limited.messages(USER_ID)] == ["提醒"] * 3


async def test_the_window_rolls_sends_older_than_a_second_no_longer_count(
    limited: BotApiStandIn, ticker: Ticker
) -> None:
    await send(limited)
    ticker.now += 0.6
    await send(limited)
    await send(limited)
    ticker.now += 0.4  # the first send is now a second old
    assert await send(limited) == 200
    assert await send(limited) == 429
    ticker.now += 0.6
    assert [await send(limited) for _ in range(3)] == [200, 200, 429]


async def test_refused_sends_do_not_use_up_the_limit(
    limited: BotApiStandIn, ticker: Ticker
) -> None:
    for _ in range(3):
        await send(limited)
    assert [await send(limited) for _ in range(5)] == [429] * 5
    ticker.now += 1.0
    assert [await send(limited) for _ in range(3)] == [200] * 3


async def test_calls_that_send_nothing_are_not_limited(limited: BotApiStandIn) -> None:
    for _ in range(3):
        await send(limited)
    status, _ = await limited.call("getMe", {})
    assert status == 200


async def test_without_a_limit_any_number_of_sends_go_through(ticker: Ticker) -> None:
    api = BotApiStandIn(clock=lambda: FIXED_NOW, monotonic=ticker)
    api.user(USER_ID).text("你好")
    assert {await send(api) for _ in range(100)} == {200}


async def test_the_flood_limit_reaches_ptb_as_retry_after(limited: BotApiStandIn) -> None:
    async with Bot(limited.token, request=StandInRequest(limited)) as bot:
        for _ in range(3):
            await bot.send_message(USER_ID, "提醒")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(USER_ID, "提醒")
    assert raised.value.retry_after == dtm.timedelta(seconds=1)
