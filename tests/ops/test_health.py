"""The health check's verdicts: a database that answers and a heartbeat under two minutes old."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ops.configuration import Configuration
from ops.health import DEFAULT_DB, check_health
from ops.heartbeat import heartbeat_path, write_heartbeat
from storage.database import open_database
from tests.conftest import FIXED_NOW


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "bot.db"
    open_database(path).close()
    return path


def test_fresh_heartbeat_and_a_database_that_opens_is_healthy(database: Path) -> None:
    write_heartbeat(heartbeat_path(database), FIXED_NOW - timedelta(seconds=31))
    health = check_health(database, FIXED_NOW)
    assert health.healthy
    assert health.line == "healthy: database opens, last heartbeat 31 s ago"


def test_heartbeat_older_than_two_minutes_is_unhealthy(database: Path) -> None:
    write_heartbeat(heartbeat_path(database), FIXED_NOW - timedelta(seconds=121))
    health = check_health(database, FIXED_NOW)
    assert not health.healthy
    assert health.line == "unhealthy: last heartbeat 121 s ago (limit 120 s)"


def test_no_heartbeat_is_unhealthy(database: Path) -> None:
    health = check_health(database, FIXED_NOW)
    assert (health.healthy, health.line) == (
        False,
        "unhealthy: no heartbeat yet (is the bot running?)",
    )


def test_garbled_heartbeat_counts_as_none(database: Path) -> None:
    heartbeat_path(database).write_text("half a time")
    assert not check_health(database, FIXED_NOW).healthy


def test_missing_database_is_unhealthy_and_not_created(tmp_path: Path) -> None:
    health = check_health(tmp_path / "bot.db", FIXED_NOW)
    assert health.line == f"unhealthy: no database at {tmp_path / 'bot.db'}"
    assert list(tmp_path.iterdir()) == []


def test_file_that_is_no_database_is_unhealthy(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    path.write_text("not a database " * 100)
    write_heartbeat(heartbeat_path(path), FIXED_NOW)
    health = check_health(path, FIXED_NOW)
    assert not health.healthy
    assert health.line.startswith(f"unhealthy: database {path} does not open: ")


def test_empty_database_is_unhealthy(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    path.touch()
    write_heartbeat(heartbeat_path(path), FIXED_NOW)
    assert check_health(path, FIXED_NOW).line == f"unhealthy: database {path} is empty"


def test_light_health_check_defaults_to_the_bots_database() -> None:
    assert Configuration.from_env({}).database_path == DEFAULT_DB
