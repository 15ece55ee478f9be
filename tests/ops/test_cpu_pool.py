"""The CPU pool: work runs in niced worker processes, a full pool refuses more, a dead worker
is replaced, and the workers go when the bot goes, even killed."""

from __future__ import annotations

import asyncio
import os
import select
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from ops.configuration import ConfigError, Configuration
from ops.cpu_pool import MAX_WORKERS, CpuPool, PoolFull, default_workers
from paperwork.forecast import forecast_workbook
from tests.views.test_stats_chart import sample_stats
from views.stats_chart import render_chart

ROOT = Path(__file__).resolve().parents[2]


def worker_facts() -> tuple[int, int]:
    """In the worker: its process id and niceness."""
    return os.getpid(), os.nice(0)


def die() -> None:
    os._exit(3)


def add(a: int, b: int) -> int:
    return a + b


async def test_work_runs_in_another_process_at_a_lower_priority() -> None:
    pool = CpuPool(1)
    try:
        pid, niceness = await pool.run(worker_facts)
    finally:
        pool.close()
    assert pid != os.getpid()
    assert niceness > os.nice(0) or niceness == 19


async def test_a_chart_is_drawn_in_a_worker() -> None:
    pool = CpuPool(1)
    try:
        png = await pool.run(render_chart, sample_stats())
    finally:
        pool.close()
    assert png.startswith(b"\x89PNG")


async def test_a_full_pool_refuses_the_next_job_and_takes_one_again_when_a_place_frees() -> None:
    release = threading.Event()
    pool = CpuPool(1, max_jobs=2, executor_factory=ThreadPoolExecutor)
    first = asyncio.create_task(pool.run(release.wait, 10))
    second = asyncio.create_task(pool.run(add, 1, 2))
    await asyncio.sleep(0)
    assert pool.jobs == 2
    with pytest.raises(PoolFull):
        await pool.run(add, 2, 3)
    release.set()
    assert await first is True
    assert await second == 3
    assert pool.jobs == 0
    assert await pool.run(add, 2, 3) == 5
    pool.close()


async def test_background_work_waits_for_half_the_pool_to_be_free_instead_of_failing() -> None:
    release = threading.Event()
    pool = CpuPool(3, max_jobs=4, executor_factory=ThreadPoolExecutor)
    people = [asyncio.create_task(pool.run(release.wait, 10)) for _ in range(2)]
    await asyncio.sleep(0)
    background = asyncio.create_task(pool.run_in_background(add, 1, 2))
    await asyncio.sleep(0.05)
    assert not background.done()  # half the pool is taken: it waits, leaving room for people
    assert pool.jobs == 2
    assert await pool.run(add, 3, 4) == 7  # a person's job still gets in
    release.set()
    assert await background == 3
    assert all(await asyncio.gather(*people))
    pool.close()


async def test_a_forecast_workbook_is_made_in_a_worker() -> None:
    pool = CpuPool(1)
    try:
        workbook = await pool.run(forecast_workbook, (), date(2026, 12, 1))
    finally:
        pool.close()
    assert workbook.startswith(b"PK")


async def test_a_worker_that_dies_fails_its_job_and_the_next_job_gets_a_new_worker() -> None:
    pool = CpuPool(1)
    try:
        with pytest.raises(Exception, match="terminated abruptly"):
            await pool.run(die)
        assert await pool.run(add, 20, 22) == 42
    finally:
        pool.close()


# A bot that starts a worker, says its pid, and is killed when told to.
_KILLED_BOT = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from ops.cpu_pool import CpuPool

    def worker_pid():
        return os.getpid()

    async def main():
        pool = CpuPool(1)
        print(await pool.run(worker_pid), flush=True)
        sys.stdin.readline()
        os.kill(os.getpid(), signal.SIGKILL)

    if __name__ == "__main__":
        asyncio.run(main())
    """
)


def test_workers_go_when_the_bot_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "killed_bot.py"
    script.write_text(_KILLED_BOT)
    with subprocess.Popen(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a killed process's leftover semaphores are reported there
        text=True,
    ) as bot:
        assert bot.stdout is not None
        assert bot.stdin is not None
        worker = int(bot.stdout.readline())
        gone = os.pidfd_open(worker)  # readable once the worker has exited
        try:
            bot.stdin.write("now\n")
            bot.stdin.flush()
            assert bot.wait(timeout=30) == -9
            readable, _, _ = select.select([gone], [], [], 30)  # a guard: the exit is the event
            assert readable, "the worker outlived the killed bot"
        finally:
            os.close(gone)


def test_workers_default_to_the_cores_but_one() -> None:
    cores = len(os.sched_getaffinity(0))
    assert default_workers({}) == max(1, min(MAX_WORKERS, cores - 1))
    assert default_workers({"BOT_CPU_WORKERS": "3"}) == 3


@pytest.mark.parametrize("value", ["0", "two", "-1", "65"])
def test_a_bad_worker_count_stops_the_start(value: str) -> None:
    with pytest.raises(ConfigError, match="BOT_CPU_WORKERS"):
        Configuration.from_env({"BOT_CPU_WORKERS": value})
