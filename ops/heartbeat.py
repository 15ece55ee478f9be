"""The running bot's sign of life: a repeating job that writes the time into a small file.

The container's health check (ops/health.py) reads it: the bot has no HTTP server in polling
mode, so "the event loop still runs jobs and the database still answers" is what can be checked.
The beat is written only after a query on the bot's own database connection succeeded.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from timekeeping.clock import Clock, utc_now

if TYPE_CHECKING:
    from services import ServicesApplication, ServicesContext

logger = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = timedelta(seconds=30)
JOB_NAME = "heartbeat"


def heartbeat_path(database_path: Path) -> Path:
    """The heartbeat file beside the database (`/data/bot.db` → `/data/bot.db.heartbeat`)."""
    return database_path.with_name(database_path.name + ".heartbeat")


def write_heartbeat(path: Path, moment: datetime) -> None:
    """Replace the file atomically, so a reader never sees half a timestamp."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(moment.astimezone(UTC).isoformat() + "\n", encoding="utf-8")
    partial.replace(path)


def read_heartbeat(path: Path) -> datetime | None:
    """The time of the last beat; None if there is no (readable, well-formed) beat."""
    try:
        text = path.read_text(encoding="utf-8").strip()
        moment = datetime.fromisoformat(text)
    except (OSError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def start_heartbeat(
    application: ServicesApplication, path: Path, *, clock: Clock = utc_now
) -> None:
    """Beat at start and every 30 s while the application runs (JobQueue starts with it).

    The beat is real time (utc_now) even where the bot's own clock is shifted: health is
    judged by real time.
    """
    job_queue = application.job_queue
    if job_queue is None:  # only without the job-queue extra, which requirements.txt pins
        raise RuntimeError("the heartbeat needs python-telegram-bot[job-queue]")

    async def beat(context: ServicesContext) -> None:
        try:
            context.bot_data.store.ping()
            write_heartbeat(path, clock())
        except Exception:
            # No beat this time: the health check turns unhealthy if this goes on for 2 minutes.
            logger.exception("heartbeat failed")

    # Jobs are added now and start with the application. A repeating job whose first run is
    # already past by then waits for the next interval, so the first beat is a run_once, which
    # APScheduler runs late rather than never (misfire_grace_time=None).
    job_queue.run_once(beat, when=0, name=JOB_NAME, job_kwargs={"misfire_grace_time": None})
    job_queue.run_repeating(
        beat,
        interval=HEARTBEAT_INTERVAL,
        first=HEARTBEAT_INTERVAL,
        name=JOB_NAME,
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )
