"""Is the bot healthy? The database opens and answers, and the running bot's heartbeat is fresh.

`python bot.py health` runs this; so does the container's HEALTHCHECK, as `python -m ops.health`,
which skips loading the bot itself (two seconds of CPU that a check every 30 s should not cost).
Both print one line and exit 0 when healthy, 1 when not.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ops.configuration import DEFAULT_DB
from ops.heartbeat import heartbeat_path, read_heartbeat
from storage.probe import DatabaseUnreadable, count_tables
from timekeeping.clock import utc_now

# The heartbeat is written every 30 s; four missed beats mean the bot is stuck or gone.
STALE_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Health:
    healthy: bool
    line: str  # one line for the operator (and for `docker inspect`'s health log)


def check_health(
    database_path: Path, now: datetime, stale_after: timedelta = STALE_AFTER
) -> Health:
    """Open the database read-only and query it, then judge the heartbeat's age."""
    if not database_path.is_file():
        return Health(False, f"unhealthy: no database at {database_path}")
    try:
        tables = count_tables(database_path)
    except DatabaseUnreadable as error:
        return Health(False, f"unhealthy: database {database_path} does not open: {error}")
    if tables == 0:
        return Health(False, f"unhealthy: database {database_path} is empty")
    beat = read_heartbeat(heartbeat_path(database_path))
    if beat is None:
        return Health(False, "unhealthy: no heartbeat yet (is the bot running?)")
    age = now - beat
    seconds = int(age.total_seconds())
    if age > stale_after:
        return Health(
            False,
            f"unhealthy: last heartbeat {seconds} s ago "
            f"(limit {int(stale_after.total_seconds())} s)",
        )
    return Health(True, f"healthy: database opens, last heartbeat {max(seconds, 0)} s ago")


def report(database_path: Path) -> int:
    """Print the verdict in one line; the exit status a health check wants."""
    health = check_health(database_path, utc_now())
    print(health.line)
    return 0 if health.healthy else 1


if __name__ == "__main__":
    sys.exit(report(Path(os.environ.get("BOT_DB") or DEFAULT_DB)))
