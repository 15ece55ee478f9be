"""The chaotic stand-in: seeded random 429s, 502s and hangs on the methods chosen."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut

from standin.botapi import BotApiStandIn
from standin.chaos import BAD_GATEWAY, HANG, TOO_MANY_REQUESTS, ChaoticBotApi, FaultRates
from standin.request import StandInRequest
from tests.standin.conftest import FIXED_NOW

USER_ID = 1001
SEND = frozenset({"sendMessage"})


def chaotic(rates: FaultRates, seed: int = 7) -> ChaoticBotApi:
    api = ChaoticBotApi(rates, seed=seed, clock=lambda: FIXED_NOW)
    api.user(USER_ID).text("你好")  # the user wrote first: the bot may message them
    return api


async def statuses(api: BotApiStandIn, count: int, method: str = "sendMessage") -> list[int]:
    results = []
    for _ in range(count):
        status, _ = await api.call(method, {"chat_id": USER_ID, "text": "提醒"})
        results.append(status)
    return results


async def test_the_same_seed_gives_the_same_faults() -> None:
    rates = FaultRates(too_many_requests=0.2, bad_gateway=0.2)
    first = await statuses(chaotic(rates, seed=3), 40)
    again = await statuses(chaotic(rates, seed=3), 40)
    assert first == again
    assert {429, 502, 200} == set(first)


async def test_a_429_carries_retry_after() -> None:
    api = chaotic(FaultRates(too_many_requests=1.0, retry_after=2))
    status, body = await api.call("sendMessage", {"chat_id": USER_ID, "text": "提醒"})
    assert (status, body["parameters"]) == (429, {"retry_after": 2})
    assert api.injected == {("sendMessage", TOO_MANY_REQUESTS): 1}
    assert api.messages(USER_ID) == []


async def test_only_the_chosen_methods_fail() -> None:
    api = chaotic(FaultRates(bad_gateway=1.0, methods=frozenset({"getUpdates"})))
    assert await statuses(api, 5) == [200] * 5
    status, _ = await api.call("getUpdates", {"timeout": 0})
    assert status == 502
    assert api.injected == {("getUpdates", BAD_GATEWAY): 1}


async def test_disabled_it_fails_nothing() -> None:
    api = chaotic(FaultRates(bad_gateway=1.0))
    api.enabled = False
    assert await statuses(api, 5) == [200] * 5
    assert not api.injected


async def test_a_hang_answers_late_and_the_message_is_still_sent() -> None:
    api = chaotic(FaultRates(hang=1.0, hang_seconds=0.2))
    loop = asyncio.get_running_loop()
    started = loop.time()
    status, _ = await api.call("sendMessage", {"chat_id": USER_ID, "text": "迟到的消息"})
    assert status == 200
    assert loop.time() - started >= 0.2
    assert [m.text for m in api.messages(USER_ID)] == ["迟到的消息"]
    assert api.injected == {("sendMessage", HANG): 1}


async def test_a_hang_past_the_read_timeout_reaches_ptb_as_timed_out() -> None:
    api = chaotic(FaultRates(hang=1.0, hang_seconds=0.2, methods=SEND))
    async with Bot(api.token, request=StandInRequest(api, read_timeout=0.05)) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(USER_ID, "提醒")


async def test_faults_reach_ptb_as_its_errors() -> None:
    api = chaotic(FaultRates(too_many_requests=0.5, bad_gateway=0.5, methods=SEND))
    raised: set[type[Exception]] = set()
    async with Bot(api.token, request=StandInRequest(api)) as bot:
        for _ in range(10):
            with pytest.raises((RetryAfter, NetworkError)) as error:
                await bot.send_message(USER_ID, "提醒")
            raised.add(type(error.value))
    assert raised == {RetryAfter, NetworkError}


def test_rates_over_one_are_refused() -> None:
    with pytest.raises(ValueError, match="add up"):
        FaultRates(too_many_requests=0.6, bad_gateway=0.6)
