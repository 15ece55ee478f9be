"""Sends the reminders that are due: each row ends sent, failed, cancelled or pending later.

A row is marked sent only after Telegram returned the message, so a crash in between can cause
one duplicate of that row, never a loss. Up to a batch of sends run concurrently; the
application's AIORateLimiter paces them to the Bot API's limits.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from telegram import Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from storage.reminders import Reminder, ReminderQueue
from timekeeping.clock import Clock
from views.common import Reply

logger = logging.getLogger(__name__)

Compose = Callable[[Reminder], Reply | None]  # None: the obligation is no longer open
# Sends a reply to a chat and returns the message: the handlers' send_to_chat with the bot, so
# that how a Reply becomes a Telegram message is decided in one place (handlers/replying.py).
SendReply = Callable[[int, Reply], Awaitable[Message]]

FIRST_BACKOFF: Final = timedelta(seconds=10)
MAX_BACKOFF: Final = timedelta(hours=1)
# Telegram refusing the request itself (a BadRequest other than a missing chat) is ours to fix;
# the message is composed afresh each time, so a few tries over ~10 minutes cover a reload of
# the knowledge base, and then the row stops being retried every hour for ever.
BAD_REQUEST_ATTEMPTS: Final = 6
BATCH: Final = 200
# A bound on one sweep (about 5 minutes at 30 messages a second); the rest waits for the next.
MAX_PER_SWEEP: Final = 10_000

# Outcomes of one row, counted into the report.
_SENT, _LATE, _RETRIED, _FAILED, _CANCELLED = "sent", "late", "retried", "failed", "cancelled"


@dataclass(frozen=True)
class SweepReport:
    """What one sweep did. `sent` includes the `late` ones."""

    sent: int = 0
    late: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0


def backoff(attempts: int) -> timedelta:
    """The wait after a transient failure: 10 s, 20 s, 40 s … at most an hour."""
    if attempts >= 16:  # 10 s · 2^9 already exceeds the cap; keeps the power small
        return MAX_BACKOFF
    return min(FIRST_BACKOFF * 2**attempts, MAX_BACKOFF)


def is_permanent(error: TelegramError) -> bool:
    """The user blocked the bot or the chat is gone: retrying would fail forever."""
    if isinstance(error, Forbidden):
        return True
    return isinstance(error, BadRequest) and "chat not found" in error.message.lower()


async def sweep(
    send: SendReply,
    queue: ReminderQueue,
    compose: Compose,
    now: datetime | Clock,
    *,
    late_after: timedelta,
    batch: int = BATCH,
    max_rows: int = MAX_PER_SWEEP,
    keep_going: Callable[[], bool] = lambda: True,
    lock: asyncio.Lock | None = None,
) -> SweepReport:
    """Send everything due until nothing is due (or `max_rows` rows were handled).

    Due rows are read `batch` at a time and sent concurrently, at most `batch` in flight: each
    row is composed and its send started while earlier ones are still being paced out, so the
    rate limiter never waits for the next batch to be composed.

    `now` is the time, or a clock (the jobs pass the bot's): with a clock, time moves on during
    the sweep — what falls due meanwhile, or whose `retry_after` passed, goes out in the same
    sweep — and sent times and lateness are when Telegram answered. `keep_going` is asked
    before each new row (False: the application is stopping; sends under way are finished and
    recorded, the rest stays pending). A sweep holds `lock` while it runs (the jobs pass the
    bot's, so one sweep runs at a time and a second one waits, then finds the first one's rows
    sent).
    """
    clock = _frozen(now) if isinstance(now, datetime) else now
    async with lock or asyncio.Lock():
        tally: Counter[str] = Counter()
        handled: dict[int, datetime] = {}  # id → the send_at it was handled at
        sending: dict[asyncio.Task[str], int] = {}  # send under way → reminder id

        async def settle(until_below: int) -> None:
            """Wait for sends to finish until fewer than `until_below` are under way."""
            while sending and len(sending) >= until_below:
                done, _ = await asyncio.wait(sending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    del sending[task]
                    if task.exception() is not None:
                        logger.error("reminder delivery failed", exc_info=task.exception())
                    else:
                        tally[task.result()] += 1

        while len(handled) < max_rows and keep_going():
            under_way = set(sending.values())
            rows = [
                row
                for row in queue.due(clock(), batch + len(under_way))
                # A row still due at the send_at it was handled at made no progress (a failed
                # update): don't spin on it.
                if row.id not in under_way and handled.get(row.id) != row.send_at
            ][: max_rows - len(handled)]
            if not rows:
                if not sending:
                    break
                await settle(len(sending))  # some finish; a retry may have come due
                continue
            for reminder in rows:
                if not keep_going():
                    break
                handled[reminder.id] = reminder.send_at
                outcome, reply = _compose(queue, compose, reminder, clock)
                if reply is None:
                    tally[outcome] += 1
                    continue
                task = asyncio.create_task(
                    _deliver(send, queue, reminder, reply, clock, late_after)
                )
                sending[task] = reminder.id
                await settle(batch)
                await asyncio.sleep(0)  # let the sends under way go out between composes
        await settle(1)
    report = SweepReport(
        sent=tally[_SENT] + tally[_LATE],
        late=tally[_LATE],
        retried=tally[_RETRIED],
        failed=tally[_FAILED],
        cancelled=tally[_CANCELLED],
    )
    if report != SweepReport():
        logger.info("reminder sweep: %s", report)
    return report


def _frozen(now: datetime) -> Clock:
    def clock() -> datetime:
        return now

    return clock


def _compose(
    queue: ReminderQueue, compose: Compose, reminder: Reminder, clock: Clock
) -> tuple[str, Reply | None]:
    """The message for a row, fresh from the records; the row settled if there is none."""
    try:
        reply = compose(reminder)
    except Exception as error:
        logger.exception("could not compose reminder %s; retrying later", reminder.id)
        _retry(queue, reminder, clock() + backoff(reminder.attempts), f"compose: {error!r}")
        return _RETRIED, None
    if reply is None:
        queue.cancel(reminder.id)
        return _CANCELLED, None
    return _SENT, reply


async def _deliver(
    send: SendReply,
    queue: ReminderQueue,
    reminder: Reminder,
    reply: Reply,
    clock: Clock,
    late_after: timedelta,
) -> str:
    """Send one reminder and record the outcome; never raises for Telegram's answers."""
    try:
        message = await send(reminder.owner_id, reply)
    except TelegramError as error:
        return _settle_failure(queue, reminder, error, clock)
    except Exception as error:
        logger.exception("sending reminder %s failed unexpectedly; retrying later", reminder.id)
        _retry(queue, reminder, clock() + backoff(reminder.attempts), repr(error))
        return _RETRIED
    sent_at = clock()
    late = sent_at - reminder.planned_at > late_after
    queue.mark_sent(reminder.id, message_id=message.message_id, sent_at=sent_at, late=late)
    return _LATE if late else _SENT


def _settle_failure(
    queue: ReminderQueue, reminder: Reminder, error: TelegramError, clock: Clock
) -> str:
    # Order matters: BadRequest and TimedOut are NetworkErrors in PTB.
    if is_permanent(error):
        # The user id only, never the message: it may name customers.
        logger.warning(
            "reminder %s to user %s failed for good: %s", reminder.id, reminder.owner_id, error
        )
        queue.mark_failed(reminder.id, error=_describe(error))
        return _FAILED
    if isinstance(error, BadRequest) and reminder.attempts + 1 >= BAD_REQUEST_ATTEMPTS:
        logger.error(
            "reminder %s to user %s refused by Telegram %d times, given up: %s",
            reminder.id,
            reminder.owner_id,
            reminder.attempts + 1,
            error,
        )
        queue.mark_failed(reminder.id, error=_describe(error))
        return _FAILED
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        delay = wait if isinstance(wait, timedelta) else timedelta(seconds=wait)
        _retry(queue, reminder, clock() + delay, _describe(error))
        return _RETRIED
    kind = "network" if isinstance(error, NetworkError) else "Telegram"
    logger.info("reminder %s: %s error %s; backing off", reminder.id, kind, error)
    _retry(queue, reminder, clock() + backoff(reminder.attempts), _describe(error))
    return _RETRIED


def _retry(queue: ReminderQueue, reminder: Reminder, send_at: datetime, error: str) -> None:
    queue.reschedule(reminder.id, send_at=send_at, error=error[:500])


def _describe(error: TelegramError) -> str:
    return f"{type(error).__name__}: {error.message}"
