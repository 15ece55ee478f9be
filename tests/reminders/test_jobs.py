"""The reminder jobs in the production wiring: the sync plans from the records, the sweep sends
at start and on each tick, late after downtime, one sweep at a time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import time, timedelta
from pathlib import Path

import pytest
from telegram.ext import Job

from bot import REMINDER_SYNC_SECONDS, build_application
from handlers.context import BotContext
from knowledge.service import Knowledge, KnowledgeService
from ops.configuration import ConfigError, Configuration
from reminders import jobs
from reminders.config import REMINDERS_FILE, ReminderConfigError
from reminders.jobs import SWEEP_JOB, SYNC_JOB
from reminders.sender import SweepReport
from storage.models import KIND_COMMITMENT, NewCustomer, NewItem
from storage.reminders import PENDING, SENT, Reminder
from storage.scope import Scope
from storage.store import Store
from tests.e2e.conftest import MANAGER_ID, RunningBot, start_bot
from views.reminders import LATE_MARK

OTHER_ID = 100002


@pytest.fixture
async def bot(tmp_path: Path, knowledge: Knowledge) -> AsyncIterator[RunningBot]:
    async for running in start_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        yield running


def store_of(bot: RunningBot) -> Store:
    return bot.app.bot_data.store


def the_job(bot: RunningBot, name: str) -> Job[BotContext]:
    """The repeating one of the named jobs."""
    assert bot.app.job_queue is not None
    [job] = [
        job
        for job in bot.app.job_queue.get_jobs_by_name(name)
        if type(job.job.trigger).__name__ == "IntervalTrigger"
    ]
    return job


async def run_job(bot: RunningBot, name: str) -> object:
    """Run a job's callback now, as the JobQueue would; its return value."""
    job = the_job(bot, name)
    context = BotContext.from_job(job, bot.app)
    return await job.callback(context)


def commitment_due_in(bot: RunningBot, owner_id: int = MANAGER_ID, **delta: float) -> str:
    """A commitment to a customer due after `delta`; its obligation's key."""
    store = store_of(bot)
    # No quiet hours and no digest: the reminder goes out at the due time, whatever the hour.
    store.settings.update(owner_id, quiet_start=time(0, 0), quiet_end=time(0, 0), digest_at=None)
    records = store.records(Scope.own(owner_id))
    customer = records.customers.add(NewCustomer("华为技术有限公司"))
    item = records.follow_ups.add(
        customer.id, NewItem(KIND_COMMITMENT, "提供报价方案", bot.clock() + timedelta(**delta))
    )
    bot.api.user(owner_id).text("/start")  # they wrote to the bot: it may write to them
    return f"follow_up:item:{item.id}"


def row(bot: RunningBot, reminder: Reminder) -> Reminder:
    found = store_of(bot).reminders.get(reminder.id)
    assert found is not None
    return found


async def test_the_sweep_runs_at_start_and_every_interval_the_sync_every_hour(
    bot: RunningBot,
) -> None:
    assert bot.app.job_queue is not None
    for name in (SWEEP_JOB, SYNC_JOB):
        triggers = [job.job.trigger for job in bot.app.job_queue.get_jobs_by_name(name)]
        assert sorted(type(trigger).__name__ for trigger in triggers) == [
            "DateTrigger",  # once at start
            "IntervalTrigger",
        ]
    sweep, sync = the_job(bot, SWEEP_JOB), the_job(bot, SYNC_JOB)
    assert sweep.job.trigger.interval == timedelta(seconds=30)  # REMINDER_SWEEP_SECONDS default
    assert sync.job.trigger.interval == timedelta(seconds=REMINDER_SYNC_SECONDS)
    assert sweep.data == timedelta(seconds=30)


async def test_the_sync_plans_a_commitment_and_the_sweep_sends_it_when_due(
    bot: RunningBot,
) -> None:
    commitment_due_in(bot, hours=1)
    assert await run_job(bot, SYNC_JOB) == 1
    [reminder] = store_of(bot).reminders.due(bot.clock.now + timedelta(hours=1))
    assert reminder.slot == "overdue"
    assert await run_job(bot, SWEEP_JOB) == SweepReport()
    bot.clock.advance(hours=1)
    assert await run_job(bot, SWEEP_JOB) == SweepReport(sent=1)
    message = bot.api.last_message(MANAGER_ID)
    assert "提供报价方案" in message.plain_text
    assert LATE_MARK not in message.plain_text
    sent = row(bot, reminder)
    assert (sent.state, sent.message_id, sent.late) == (SENT, message.message_id, False)


async def test_a_reminder_due_while_the_bot_was_down_goes_out_once_marked_late(
    bot: RunningBot,
) -> None:
    commitment_due_in(bot, minutes=10)
    await run_job(bot, SYNC_JOB)
    [reminder] = store_of(bot).reminders.due(bot.clock.now + timedelta(minutes=10))
    bot.clock.advance(hours=3)  # down for three hours
    assert await run_job(bot, SWEEP_JOB) == SweepReport(sent=1, late=1)
    assert await run_job(bot, SWEEP_JOB) == SweepReport()
    [message] = [m for m in bot.api.messages(MANAGER_ID) if "提供报价方案" in m.plain_text]
    assert LATE_MARK in message.plain_text
    assert row(bot, reminder).late is True


async def test_a_reminder_sent_within_interval_and_grace_is_not_late(bot: RunningBot) -> None:
    commitment_due_in(bot, minutes=10)
    await run_job(bot, SYNC_JOB)
    grace = bot.app.bot_data.reminder_config.late_grace
    bot.clock.advance(minutes=10, seconds=30 + grace.total_seconds())
    assert await run_job(bot, SWEEP_JOB) == SweepReport(sent=1)


async def test_a_completed_commitment_is_cancelled_at_send_time(bot: RunningBot) -> None:
    commitment_due_in(bot, minutes=10)
    await run_job(bot, SYNC_JOB)
    [reminder] = store_of(bot).reminders.due(bot.clock.now + timedelta(minutes=10))
    records = store_of(bot).records(Scope.own(MANAGER_ID))
    [item] = records.follow_ups.open_items()
    records.follow_ups.mark_done(item.id, bot.clock())
    bot.clock.advance(minutes=10)
    assert await run_job(bot, SWEEP_JOB) == SweepReport(cancelled=1)
    assert row(bot, reminder).state == "cancelled"


async def test_one_owner_failing_to_sync_spares_the_others(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    mine = commitment_due_in(bot, MANAGER_ID, hours=1)
    theirs = commitment_due_in(bot, OTHER_ID, hours=1)
    real_sync = jobs.sync_owner

    def failing_for_manager(store: Store, *args: object, **kwargs: object) -> None:
        if args[2] == MANAGER_ID:
            raise RuntimeError("broken record")
        real_sync(store, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "sync_owner", failing_for_manager)
    with caplog.at_level(logging.ERROR, logger="reminders.jobs"):
        assert await run_job(bot, SYNC_JOB) == 1
    assert str(MANAGER_ID) in caplog.records[0].getMessage()
    assert store_of(bot).reminders.for_key(MANAGER_ID, mine) == []
    assert [r.state for r in store_of(bot).reminders.for_key(OTHER_ID, theirs)] == [PENDING]


async def test_a_tick_during_a_running_sweep_returns_at_once(bot: RunningBot) -> None:
    commitment_due_in(bot, minutes=0)
    await run_job(bot, SYNC_JOB)
    bot.api.delay_next("sendMessage", 0.2)  # the first sweep is still sending
    first = asyncio.create_task(run_job(bot, SWEEP_JOB))
    while not bot.app.bot_data.sweep_lock.locked():  # noqa: ASYNC110 (no event to wait on)
        await asyncio.sleep(0)
    assert await run_job(bot, SWEEP_JOB) is None
    assert await first == SweepReport(sent=1)
    assert len(bot.api.calls("sendMessage")) == 1


async def test_the_running_bot_sends_what_fell_due_while_it_was_down_at_start(
    bot: RunningBot,
) -> None:
    commitment_due_in(bot, minutes=10)
    await run_job(bot, SYNC_JOB)
    bot.clock.advance(hours=2)
    mark = bot.api.change_mark()
    await bot.app.start()  # the JobQueue runs: the sweep's first run is at once
    try:
        async with asyncio.timeout(10):
            [message] = await bot.api.wait_for_messages(mark, chat_id=MANAGER_ID)
    finally:
        await bot.app.stop()
    assert "提供报价方案" in message.plain_text
    assert LATE_MARK in message.plain_text


def test_the_sweep_interval_and_reminder_settings_come_from_the_environment(
    tmp_path: Path,
) -> None:
    settings = Configuration.from_env(
        {"REMINDER_SWEEP_SECONDS": "2.5", "BOT_REMINDERS_FILE": str(tmp_path / "r.yaml")}
    )
    assert (settings.sweep_seconds, settings.reminders_path) == (2.5, tmp_path / "r.yaml")
    defaults = Configuration.from_env({})
    assert (defaults.sweep_seconds, defaults.reminders_path) == (30, REMINDERS_FILE)


@pytest.mark.parametrize("value", ["0", "-1", "soon", "7200"])
def test_a_sweep_interval_that_makes_no_sense_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="REMINDER_SWEEP_SECONDS"):
        Configuration.from_env({"REMINDER_SWEEP_SECONDS": value})


def test_the_bot_does_not_start_with_invalid_reminder_settings(tmp_path: Path) -> None:
    broken = tmp_path / "reminders.yaml"
    broken.write_text("kinds: {}\n", encoding="utf-8")
    settings = Configuration(
        token=None,
        api_base_url=None,
        database_path=tmp_path / "bot.db",
        admin_ids=frozenset(),
        reminders_path=broken,
    )
    with pytest.raises(ReminderConfigError, match=str(broken)):
        build_application(settings)
