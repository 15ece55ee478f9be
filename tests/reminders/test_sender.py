"""The sweep against the Bot API stand-in: sent once, retried on transient errors, failed for
good only when the user is gone, never lost and never sent twice."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from functools import partial

import pytest
from telegram import Bot
from telegram.ext import ExtBot

from bot import paced_rate_limiter
from handlers.replying import send_to_chat
from reminders.sender import (
    BAD_REQUEST_ATTEMPTS,
    MAX_BACKOFF,
    Compose,
    SweepReport,
    backoff,
    sweep,
)
from standin.botapi import BotApiStandIn
from standin.request import StandInRequest
from storage.reminders import CANCELLED, FAILED, PENDING, SENT, PlannedSlot, Reminder
from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import SteppedClock
from timekeeping.clock import utc_now
from views.common import Button, Reply

USER_ID = 100001
OTHER_USER_ID = 100002
LATE_AFTER = timedelta(seconds=90)


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock(FIXED_NOW)


@pytest.fixture
def api(clock: SteppedClock) -> BotApiStandIn:
    api = BotApiStandIn(clock=clock)
    for user_id in (USER_ID, OTHER_USER_ID):
        api.user(user_id).text("/start")  # they wrote to the bot: it may write to them
    return api


@pytest.fixture
def store(clock: SteppedClock) -> Iterator[Store]:
    store = Store(":memory:", clock=clock)
    yield store
    store.close()


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[Bot]:
    # A short read timeout: a call the stand-in holds back times out at once.
    async with Bot(api.token, request=StandInRequest(api, read_timeout=0.05)) as ready:
        yield ready


def reply_for(reminder: Reminder) -> Reply:
    return Reply(
        f"提醒 {reminder.key}",
        ((Button("已完成", f"rem:done:{reminder.id}"),),),
    )


def due_now(
    store: Store,
    key: str = "follow_up:item:1",
    *,
    owner_id: int = USER_ID,
    at: datetime = FIXED_NOW,
) -> Reminder:
    store.reminders.plan(owner_id, key, "follow_up", [PlannedSlot("at", at, at)])
    [reminder] = store.reminders.for_key(owner_id, key)
    return reminder


def stored(store: Store, reminder: Reminder) -> Reminder:
    found = store.reminders.get(reminder.id)
    assert found is not None
    return found


async def run_sweep(
    bot: Bot,
    store: Store,
    clock: SteppedClock,
    compose: Compose = reply_for,
    *,
    batch: int = 200,
    max_rows: int = 10_000,
    lock: asyncio.Lock | None = None,
) -> SweepReport:
    return await sweep(
        partial(send_to_chat, bot),
        store.reminders,
        compose,
        clock,
        late_after=LATE_AFTER,
        batch=batch,
        max_rows=max_rows,
        lock=lock,
    )


async def test_a_due_reminder_is_sent_once_and_marked_sent_with_its_message_id(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    report = await run_sweep(bot, store, clock)
    [message] = api.messages(USER_ID)
    assert message.text == "提醒 follow_up:item:1"
    assert [b.callback_data for b in message.buttons] == [f"rem:done:{reminder.id}"]
    after = stored(store, reminder)
    assert (after.state, after.message_id, after.sent_at, after.late) == (
        SENT,
        message.message_id,
        FIXED_NOW,
        False,
    )
    assert report == SweepReport(sent=1)
    assert await run_sweep(bot, store, clock) == SweepReport()
    assert len(api.calls("sendMessage")) == 1


async def test_a_reminder_not_yet_due_waits(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    due_now(store, at=FIXED_NOW + timedelta(minutes=1))
    assert await run_sweep(bot, store, clock) == SweepReport()
    clock.advance(minutes=1)
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)


async def test_rate_limit_429_reschedules_after_retry_after(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.fail_next("sendMessage", error_code=429, retry_after=7)
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    after = stored(store, reminder)
    assert (after.state, after.attempts) == (PENDING, 1)
    assert after.send_at == FIXED_NOW + timedelta(seconds=7)
    assert (after.last_error or "").startswith("RetryAfter: Flood control exceeded")
    clock.advance(seconds=6)
    assert await run_sweep(bot, store, clock) == SweepReport()
    clock.advance(seconds=1)
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)
    assert len(api.messages(USER_ID)) == 1


async def test_bad_gateway_backs_off_10_then_20_seconds(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.fail_next("sendMessage", error_code=502, times=2)
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    assert stored(store, reminder).send_at == FIXED_NOW + timedelta(seconds=10)
    clock.advance(seconds=10)
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    assert stored(store, reminder).send_at == clock.now + timedelta(seconds=20)
    assert "Bad Gateway" in (stored(store, reminder).last_error or "")
    clock.advance(seconds=20)
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)
    assert stored(store, reminder).state == SENT


async def test_internal_server_error_is_retried_too(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.fail_next("sendMessage", error_code=500)
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    assert stored(store, reminder).state == PENDING


async def test_a_timed_out_send_backs_off(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.delay_next("sendMessage", 30)  # past the read timeout: TimedOut
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    after = stored(store, reminder)
    assert (after.state, after.send_at) == (PENDING, FIXED_NOW + timedelta(seconds=10))
    assert (after.last_error or "").startswith("TimedOut")
    clock.advance(seconds=10)
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)


def test_backoff_doubles_from_10_seconds_up_to_an_hour() -> None:
    assert [backoff(n).total_seconds() for n in range(5)] == [10, 20, 40, 80, 160]
    assert backoff(9) == backoff(1000) == MAX_BACKOFF == timedelta(hours=1)


async def test_a_user_who_blocked_the_bot_is_failed_logged_and_not_retried(
    bot: Bot,
    api: BotApiStandIn,
    store: Store,
    clock: SteppedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reminder = due_now(store)
    api.block_user(USER_ID)
    with caplog.at_level(logging.WARNING, logger="reminders.sender"):
        assert await run_sweep(bot, store, clock) == SweepReport(failed=1)
    after = stored(store, reminder)
    assert after.state == FAILED
    assert after.last_error == "Forbidden: Forbidden: bot was blocked by the user"
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert str(USER_ID) in record.getMessage()
    assert "提醒" not in record.getMessage()  # never the message's contents
    clock.advance(days=2)
    assert await run_sweep(bot, store, clock) == SweepReport()
    assert len(api.calls("sendMessage")) == 1


async def test_a_chat_that_does_not_exist_is_failed(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store, owner_id=555)  # never wrote to the bot: "chat not found"
    assert await run_sweep(bot, store, clock) == SweepReport(failed=1)
    assert stored(store, reminder).state == FAILED


async def test_another_bad_request_is_retried_a_few_times_then_failed(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.fail_next(
        "sendMessage",
        error_code=400,
        description="Bad Request: message is too long",
        times=BAD_REQUEST_ATTEMPTS,
    )
    for _ in range(BAD_REQUEST_ATTEMPTS - 1):
        assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
        assert stored(store, reminder).state == PENDING
        clock.advance(hours=1)
    assert await run_sweep(bot, store, clock) == SweepReport(failed=1)
    assert stored(store, reminder).state == FAILED
    clock.advance(days=1)
    assert await run_sweep(bot, store, clock) == SweepReport()


async def test_a_bad_request_that_clears_up_is_sent(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    api.fail_next("sendMessage", error_code=400, description="Bad Request: message is too long")
    assert await run_sweep(bot, store, clock) == SweepReport(retried=1)
    clock.advance(minutes=1)
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)
    assert stored(store, reminder).state == SENT


async def test_an_obligation_no_longer_open_is_cancelled_not_sent(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)
    assert await run_sweep(bot, store, clock, compose=lambda r: None) == SweepReport(cancelled=1)
    assert stored(store, reminder).state == CANCELLED
    assert api.calls("sendMessage") == []


async def test_a_compose_error_is_logged_retried_later_and_spares_the_others(
    bot: Bot,
    api: BotApiStandIn,
    store: Store,
    clock: SteppedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = due_now(store, "follow_up:item:1")
    fine = due_now(store, "follow_up:item:2")

    def compose(reminder: Reminder) -> Reply:
        if reminder.id == broken.id:
            raise KeyError("visit 12")
        return reply_for(reminder)

    with caplog.at_level(logging.ERROR, logger="reminders.sender"):
        report = await run_sweep(bot, store, clock, compose=compose)
    assert report == SweepReport(sent=1, retried=1)
    assert stored(store, fine).state == SENT
    after = stored(store, broken)
    assert (after.state, after.send_at) == (PENDING, FIXED_NOW + timedelta(seconds=10))
    [record] = caplog.records
    assert str(broken.id) in record.getMessage()


async def test_sent_more_than_late_after_its_planned_time_is_marked_late(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    on_time = due_now(store, "a", at=FIXED_NOW - LATE_AFTER)
    late = due_now(store, "b", at=FIXED_NOW - LATE_AFTER - timedelta(seconds=1))
    assert await run_sweep(bot, store, clock) == SweepReport(sent=2, late=1)
    assert stored(store, on_time).late is False
    assert stored(store, late).late is True


async def test_two_concurrent_sweeps_send_each_reminder_once(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    for index in range(20):
        due_now(store, f"follow_up:item:{index}", owner_id=(USER_ID, OTHER_USER_ID)[index % 2])
    lock = asyncio.Lock()  # the bot's: one per running bot (services.BotServices)
    first, second = await asyncio.gather(
        run_sweep(bot, store, clock, batch=3, lock=lock),
        run_sweep(bot, store, clock, batch=3, lock=lock),
    )
    assert first.sent + second.sent == 20
    texts = [m.text for user in (USER_ID, OTHER_USER_ID) for m in api.messages(user)]
    assert len(texts) == len(set(texts)) == 20


async def test_one_sweep_takes_batch_after_batch_until_nothing_is_due(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    for index in range(10):
        due_now(store, f"follow_up:item:{index}")
    assert await run_sweep(bot, store, clock, batch=3) == SweepReport(sent=10)


async def test_a_sweep_handles_at_most_max_rows_and_leaves_the_rest_pending(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    for index in range(10):
        due_now(store, f"follow_up:item:{index}")
    assert await run_sweep(bot, store, clock, batch=3, max_rows=4) == SweepReport(sent=4)
    assert len(store.reminders.due(clock.now)) == 6


async def test_a_stopping_sweep_takes_no_new_rows_but_records_the_sends_under_way(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    for index in range(5):
        due_now(store, f"follow_up:item:{index}")
    composed: list[Reminder] = []

    def compose(reminder: Reminder) -> Reply:
        composed.append(reminder)
        return reply_for(reminder)

    report = await sweep(
        partial(send_to_chat, bot),
        store.reminders,
        compose,
        clock,
        late_after=LATE_AFTER,
        keep_going=lambda: len(composed) < 2,
    )
    assert report == SweepReport(sent=2)
    assert [stored(store, r).state for r in composed] == [SENT, SENT]
    assert len(store.reminders.due(clock.now)) == 3


async def test_a_row_whose_retry_time_comes_during_the_sweep_goes_in_that_sweep(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    first = due_now(store, "a")
    due_now(store, "b")
    api.fail_next("sendMessage", error_code=429, retry_after=1)

    def slow_compose(reminder: Reminder) -> Reply:
        clock.advance(seconds=1)  # time passes while the sweep works
        return reply_for(reminder)

    report = await run_sweep(bot, store, clock, compose=slow_compose, batch=1)
    assert report == SweepReport(sent=2, retried=1)
    assert stored(store, first).attempts == 1


async def test_a_hundred_due_at_once_go_out_exactly_once_at_the_flood_limit(
    store: Store,
) -> None:
    """Real time: the stand-in enforces 30 messages a second; the real AIORateLimiter paces."""
    api = BotApiStandIn(flood_limit_per_second=30)
    now = utc_now()
    users = range(300001, 300101)
    for user_id in users:
        api.user(user_id).text("/start")
        due_now(store, f"follow_up:item:{user_id}", owner_id=user_id, at=now)
    request = StandInRequest(api)
    async with ExtBot(api.token, request=request, rate_limiter=paced_rate_limiter()) as bot:
        async with asyncio.timeout(30):
            send = partial(send_to_chat, bot)
            report = await sweep(send, store.reminders, reply_for, utc_now, late_after=LATE_AFTER)
    assert report == SweepReport(sent=100)
    assert api.flood_rejections == 0
    assert sorted(m.chat_id for user in users for m in api.messages(user)) == list(users)


async def test_given_a_time_instead_of_a_clock_the_sweep_uses_it_throughout(
    bot: Bot, api: BotApiStandIn, store: Store, clock: SteppedClock
) -> None:
    reminder = due_now(store)

    def slow_compose(reminder: Reminder) -> Reply:
        clock.advance(hours=1)  # the bot's clock moves on; the sweep was given FIXED_NOW
        return reply_for(reminder)

    send = partial(send_to_chat, bot)
    report = await sweep(send, store.reminders, slow_compose, FIXED_NOW, late_after=LATE_AFTER)
    assert report == SweepReport(sent=1)
    assert stored(store, reminder).sent_at == FIXED_NOW


async def test_a_send_not_recorded_is_sent_again_once_never_lost(
    bot: Bot,
    api: BotApiStandIn,
    store: Store,
    clock: SteppedClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """What a crash between Telegram's answer and the commit does: one duplicate, no loss."""
    reminder = due_now(store)
    record = store.reminders.mark_sent

    def lost_commit(*args: object, **kwargs: object) -> None:
        monkeypatch.setattr(store.reminders, "mark_sent", record)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.reminders, "mark_sent", lost_commit)
    with caplog.at_level(logging.ERROR, logger="reminders.sender"):
        assert await run_sweep(bot, store, clock) == SweepReport()
    assert stored(store, reminder).state == PENDING
    assert await run_sweep(bot, store, clock) == SweepReport(sent=1)
    assert await run_sweep(bot, store, clock) == SweepReport()
    assert len(api.messages(USER_ID)) == 2
