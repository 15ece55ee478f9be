"""The one clock type: a function giving the current aware time. Pass it in, so tests control
time; `utc_now` is the real one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)
