"""CPU-heavy work (charts, Excel files, later documents and batch encoding) in worker processes,
so that it never holds the event loop nor, through the GIL, anyone else's answer.

Workers are separate processes, started by a fork server on the first job (so a bot that
draws nothing starts none), at a lower scheduling priority than the bot itself: when the
machine is busy, answering people comes first and charts take a little longer. A worker gets
plain, picklable data in and gives bytes back; it never opens the database (the connection
belongs to the event loop's thread) and never talks to Telegram.

The pool takes at most `max_jobs` jobs at once (running or waiting for a worker, each holding
its input in memory); one more is refused with `PoolFull`, so a burst cannot pile up without
bound. Handlers tell the person to try again shortly.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

MAX_WORKERS = 4  # each worker holds matplotlib and openpyxl: ~100 MB
MAX_JOBS = 32  # jobs accepted at once, running or waiting
WORKER_NICENESS = 10  # the workers' scheduling priority below the bot's own
# Imported once by the fork server, so each worker starts with them loaded.
PRELOADED = (
    "views.stats_chart",
    "views.mastery_chart",
    "fieldwork.export",
    "paperwork.forecast",
    "paperwork.word",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
)
WORKERS_VARIABLE = "BOT_CPU_WORKERS"


class PoolFull(Exception):
    """`max_jobs` jobs are already running or waiting: this one was not taken."""


def default_workers(environ: Mapping[str, str] = os.environ) -> int:
    """BOT_CPU_WORKERS, else the cores this process may use but one (the event loop's), at least
    one and at most MAX_WORKERS."""
    configured = environ.get(WORKERS_VARIABLE, "").strip()
    if configured:
        if not configured.isdigit() or not 1 <= int(configured) <= 64:
            raise ValueError(f"{WORKERS_VARIABLE} must be a number from 1 to 64: {configured!r}")
        return int(configured)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MAX_WORKERS, (cores or 2) - 1))


class CpuPool:
    """A bounded pool for pure CPU work, shared by every handler (context.bot_data.cpu)."""

    def __init__(
        self,
        workers: int,
        *,
        max_jobs: int = MAX_JOBS,
        executor_factory: Callable[[int], Executor] | None = None,
    ) -> None:
        """`executor_factory` makes the executor from the number of workers; by default a
        process pool (tests pass a thread pool to run controllable functions)."""
        if workers < 1 or max_jobs < 1:
            raise ValueError("a pool needs at least one worker and one job")
        self.workers = workers
        self.max_jobs = max_jobs
        self._factory = executor_factory or process_executor
        self._executor: Executor | None = None
        self._jobs = 0
        self._job_ended = asyncio.Event()  # set whenever a job ends: room for background work

    @property
    def jobs(self) -> int:
        """Jobs running or waiting for a worker now."""
        return self._jobs

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`function(*args, **kwargs)` in a worker; raises PoolFull when the pool is full.

        A caller cancelled while its job waits for a worker drops the job; a job already
        running in a worker runs to its end (at most one per worker).
        """
        if self._jobs >= self.max_jobs:
            raise PoolFull
        executor = self._running_executor()
        self._jobs += 1
        try:
            return await asyncio.wrap_future(executor.submit(function, *args, **kwargs))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the next job gets a fresh pool.
            logger.error("a CPU worker process died; new workers start with the next job")
            self._discard(executor)
            raise
        finally:
            self._jobs -= 1
            self._job_ended.set()

    async def run_in_background(
        self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """As `run`, for work nobody is waiting to see (a reminder's file): instead of being
        refused it waits while half the pool or more is taken, so that a burst of reminders
        never leaves people's own charts and files without room. Its callers bound their own
        number (the reminder sweep keeps a batch in flight)."""
        while self._jobs >= max(1, self.max_jobs // 2):
            self._job_ended.clear()
            await self._job_ended.wait()
        return await self.run(function, *args, **kwargs)

    def close(self) -> None:
        """Finish the jobs under way, drop the waiting ones and stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _running_executor(self) -> Executor:
        if self._executor is None:
            self._executor = self._factory(self.workers)
        return self._executor

    def _discard(self, executor: Executor) -> None:
        if self._executor is executor:
            self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)


def process_executor(workers: int) -> Executor:
    """Worker processes from a fork server (not a fork of the bot, whose threads a fork would
    copy in whatever state they are in), niced, ignoring Ctrl-C, gone when the bot is."""
    context = multiprocessing.get_context("forkserver")
    # "__main__" is what the fork server imports by default: the module that started the bot.
    # Kept, so that the workers share it instead of each importing it again.
    context.set_forkserver_preload(["__main__", *PRELOADED])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)


def _start_worker() -> None:
    """In each worker: lower priority; Ctrl-C and SIGTERM are for the bot, which stops the
    workers itself; and exit when the bot is gone, even killed (nothing else would tell)."""
    os.nice(WORKER_NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(0)
