"""The reminder jobs on PTB's JobQueue: the sweep (at start, then every few seconds) and the
hourly sync that plans time-based obligations for everyone.

The jobs hold no reminders themselves: they read the rows, so a restart loses nothing.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from ops.rate_limit import in_background
from reminders.messages import compose_reminder
from reminders.sender import Compose, SweepReport, sweep
from reminders.sync import sync_owner
from storage.reminders import Reminder
from views.common import Reply

if TYPE_CHECKING:  # types only: the services are built by bot.py from the layers below
    from services import BotServices, ServicesApplication, ServicesContext

logger = logging.getLogger(__name__)

SWEEP_JOB: Final = "reminders:sweep"
SYNC_JOB: Final = "reminders:sync"


def schedule_reminder_jobs(
    application: ServicesApplication, *, sweep_seconds: float, sync_seconds: float
) -> None:
    """Register both jobs; they run while the application runs, both once right at its start:
    what fell due while the bot was down goes out at once (marked late), and time-based
    obligations that opened meanwhile are planned."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("reminders need python-telegram-bot[job-queue]")
    interval = timedelta(seconds=sweep_seconds)
    # Jobs are added now and start with the application. A repeating job whose first run has
    # passed by then waits for the next interval, so each first run is a run_once, which
    # APScheduler runs late rather than never (misfire_grace_time=None).
    at_start = {"misfire_grace_time": None}
    job_queue.run_once(sweep_job, when=0, name=SWEEP_JOB, data=interval, job_kwargs=at_start)
    job_queue.run_repeating(
        sweep_job,
        interval=interval,
        first=interval,
        name=SWEEP_JOB,
        data=interval,
        # A sweep of a thousand reminders outlasts the interval; the next tick then returns at
        # once (see sweep_job) rather than APScheduler skipping it with a warning.
        job_kwargs={"max_instances": 2, "coalesce": True, "misfire_grace_time": None},
    )
    job_queue.run_once(sync_job, when=0, name=SYNC_JOB, job_kwargs=at_start)
    job_queue.run_repeating(
        sync_job,
        interval=sync_seconds,
        first=sync_seconds,
        name=SYNC_JOB,
        job_kwargs={"coalesce": True, "misfire_grace_time": None},
    )


def late_after(services: BotServices, sweep_interval: timedelta) -> timedelta:
    """A reminder sent later than this after its planned time is late (and says （补发）)."""
    return sweep_interval + services.reminder_config.late_grace


def reminder_composer(services: BotServices, late: timedelta) -> Compose:
    """Each reminder's message, composed fresh from the records when it is sent."""

    def compose(reminder: Reminder) -> Reply | None:
        return compose_reminder(
            reminder,
            services.store,
            services.knowledge.current,
            services.reminder_config,
            services.clock(),
            late_after=late,
        )

    return compose


async def sweep_job(context: ServicesContext) -> SweepReport | None:
    """Send what is due. None if a sweep is still running (it picks up the new rows too)."""
    services = context.bot_data
    queue = services.store.reminders
    if services.sweep_lock.locked():
        return None
    job = context.job
    interval = job.data if job is not None and isinstance(job.data, timedelta) else timedelta(0)
    late = late_after(services, interval)
    application = context.application
    # Stop between batches once the application stops (what is left stays pending); a sweep
    # run by hand outside a running application goes to the end.
    running_at_start = application.running
    with in_background():  # reminders leave after the answers people are waiting for
        return await sweep(
            functools.partial(services.send_to_chat, context.bot),
            queue,
            reminder_composer(services, late),
            services.clock,
            late_after=late,
            keep_going=lambda: application.running or not running_at_start,
            lock=services.sweep_lock,
        )


async def sync_job(context: ServicesContext) -> int:
    """Re-plan every owner's reminders; one owner's failure is logged and spares the others.
    Returns how many owners were synced."""
    services = context.bot_data
    synced = 0
    for owner_id in services.store.reminders.owners():
        if services.staff.active(owner_id) is None:
            continue  # not (or no longer) staff: their records stay, nobody is reminded
        try:
            sync_owner(
                services.store,
                services.knowledge.current.kb,
                services.reminder_config,
                owner_id,
                services.clock(),
                calendar=services.calendar,
            )
        except Exception:
            logger.exception("could not plan the reminders of user %s", owner_id)
        else:
            synced += 1
        await asyncio.sleep(0)  # let updates and the sweep run between owners
    return synced
