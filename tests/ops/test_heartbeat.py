"""The heartbeat job: scheduled with the application, it writes the time after a database query."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import build_application
from handlers.context import BotApplication
from knowledge.service import Knowledge, KnowledgeService
from ops.configuration import Configuration
from ops.heartbeat import JOB_NAME, heartbeat_path, read_heartbeat, start_heartbeat
from standin.botapi import BotApiStandIn
from standin.request import StandInRequest
from tests.conftest import FIXED_NOW


@pytest.fixture
async def application(tmp_path: Path, knowledge: Knowledge) -> AsyncIterator[BotApplication]:
    settings = Configuration(
        token=None,
        api_base_url=None,
        database_path=tmp_path / "bot.db",
        admin_ids=frozenset(),
    )
    app = build_application(
        settings,
        request=StandInRequest(BotApiStandIn()),
        knowledge=KnowledgeService(knowledge=knowledge),
    )
    async with app:
        yield app
    app.bot_data.store.close()


async def beat_once(app: BotApplication) -> None:
    job_queue = app.job_queue
    assert job_queue is not None
    [job, *_] = job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


def test_heartbeat_file_sits_beside_the_database() -> None:
    assert heartbeat_path(Path("/data/bot.db")) == Path("/data/bot.db.heartbeat")


def test_the_application_beats_at_start_and_every_30_seconds(
    application: BotApplication,
) -> None:
    assert application.job_queue is not None
    jobs = application.job_queue.get_jobs_by_name(JOB_NAME)
    assert len(jobs) == 2  # the first beat at once, then the repeating one
    intervals = [getattr(job.trigger, "interval", None) for job in jobs]
    assert timedelta(seconds=30) in intervals


async def test_a_beat_writes_the_time(application: BotApplication, tmp_path: Path) -> None:
    path = tmp_path / "beat"
    start_heartbeat(application, path, clock=lambda: FIXED_NOW)
    assert application.job_queue is not None
    [*_, job] = application.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(application)
    assert read_heartbeat(path) == FIXED_NOW


class UnansweringDatabase:
    def execute(self, sql: str) -> None:
        raise sqlite3.OperationalError("disk I/O error")


async def test_no_beat_when_the_database_does_not_answer(
    application: BotApplication,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "beat"
    start_heartbeat(application, path, clock=lambda: FIXED_NOW)
    monkeypatch.setattr(application.bot_data.store, "db", UnansweringDatabase())
    assert application.job_queue is not None
    [*_, job] = application.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(application)
    assert read_heartbeat(path) is None
    assert "heartbeat failed" in caplog.text


async def test_the_production_beat_goes_beside_the_database(
    application: BotApplication, tmp_path: Path
) -> None:
    await beat_once(application)
    assert read_heartbeat(tmp_path / "bot.db.heartbeat") is not None
