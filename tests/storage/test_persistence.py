"""PTB's user data, chat data and conversation states are kept as JSON in the bot's database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.database import open_database
from storage.persistence import SqlitePersistence
from tests.conftest import FIXED_NOW


@pytest.fixture
def db() -> Iterator[Database]:
    db = open_database(":memory:")
    yield db
    db.close()


@pytest.fixture
def persistence(db: Database) -> SqlitePersistence:
    return SqlitePersistence(db)


DRAFT = {"draft": {"customer_id": 7, "way": "onsite", "items": ["报价", 3, 2.5, True, None]}}


def test_bot_data_and_callback_data_are_not_stored(persistence: SqlitePersistence) -> None:
    assert not persistence.store_data.bot_data
    assert not persistence.store_data.callback_data
    assert persistence.store_data.user_data
    assert persistence.store_data.chat_data


async def test_nothing_stored_gives_empty_data(persistence: SqlitePersistence) -> None:
    assert await persistence.get_user_data() == {}
    assert await persistence.get_chat_data() == {}
    assert await persistence.get_conversations("visit") == {}
    assert await persistence.get_bot_data() == {}
    assert await persistence.get_callback_data() is None


async def test_user_data_round_trips(persistence: SqlitePersistence) -> None:
    await persistence.update_user_data(1, DRAFT)
    await persistence.update_user_data(2, {"step": 1})
    assert await persistence.get_user_data() == {1: DRAFT, 2: {"step": 1}}


async def test_user_data_update_replaces_the_old_data(persistence: SqlitePersistence) -> None:
    await persistence.update_user_data(1, DRAFT)
    await persistence.update_user_data(1, {"step": 2})
    assert await persistence.get_user_data() == {1: {"step": 2}}


async def test_chat_data_round_trips(persistence: SqlitePersistence) -> None:
    await persistence.update_chat_data(-100123, {"muted": True})
    assert await persistence.get_chat_data() == {-100123: {"muted": True}}


async def test_emptied_or_dropped_data_leaves_no_row(
    db: Database, persistence: SqlitePersistence
) -> None:
    await persistence.update_user_data(1, DRAFT)
    await persistence.update_user_data(2, DRAFT)
    await persistence.update_chat_data(3, DRAFT)
    await persistence.update_user_data(1, {})
    await persistence.drop_user_data(2)
    await persistence.drop_chat_data(3)
    assert db.table("ptb_user_data").count == 0
    assert db.table("ptb_chat_data").count == 0
    assert await persistence.get_user_data() == {}


async def test_loaded_data_is_a_fresh_copy(persistence: SqlitePersistence) -> None:
    await persistence.update_user_data(1, DRAFT)
    loaded = await persistence.get_user_data()
    loaded[1]["draft"]["way"] = "phone"
    assert (await persistence.get_user_data())[1] == DRAFT


async def test_refresh_leaves_the_data_in_memory_alone(persistence: SqlitePersistence) -> None:
    await persistence.update_user_data(1, {"step": 1})
    in_memory = {"step": 2}
    await persistence.refresh_user_data(1, in_memory)
    await persistence.refresh_chat_data(1, in_memory)
    await persistence.refresh_bot_data(in_memory)
    assert in_memory == {"step": 2}


async def test_values_json_cannot_keep_are_skipped_and_logged_once_without_content(
    persistence: SqlitePersistence, caplog: pytest.LogCaptureFixture
) -> None:
    data = {"draft": {"when": FIXED_NOW, "note": "王总电话 13800001111"}, "step": 2}
    with caplog.at_level(logging.ERROR, logger="storage.persistence"):
        await persistence.update_user_data(1, data)
        await persistence.update_user_data(1, data)
    assert await persistence.get_user_data() == {
        1: {"draft": {"note": "王总电话 13800001111"}, "step": 2}
    }
    [record] = caplog.records
    assert "user_data.draft.when" in record.getMessage()
    assert datetime.__name__ in record.getMessage()
    assert FIXED_NOW.isoformat() not in record.getMessage()
    assert str(FIXED_NOW) not in record.getMessage()


async def test_non_string_keys_and_tuples_are_skipped(
    persistence: SqlitePersistence, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="storage.persistence"):
        await persistence.update_user_data(1, {"by_id": {5: "x", "6": "y"}, "pair": (1, 2)})
    assert await persistence.get_user_data() == {1: {"by_id": {"6": "y"}}}
    assert len(caplog.records) == 2


async def test_conversation_states_round_trip_with_tuple_keys(
    persistence: SqlitePersistence,
) -> None:
    await persistence.update_conversation("visit", (100001, 100001), 3)
    await persistence.update_conversation("visit", (-100123, 100002), "ASK_WAY")
    await persistence.update_conversation("plan", (100001, 100001), 1)
    assert await persistence.get_conversations("visit") == {
        (100001, 100001): 3,
        (-100123, 100002): "ASK_WAY",
    }
    await persistence.update_conversation("visit", (100001, 100001), 4)
    assert (await persistence.get_conversations("visit"))[(100001, 100001)] == 4


async def test_ended_conversation_is_deleted(db: Database, persistence: SqlitePersistence) -> None:
    await persistence.update_conversation("visit", (1, 1), 3)
    await persistence.update_conversation("visit", (1, 1), None)
    assert await persistence.get_conversations("visit") == {}
    assert db.table("ptb_conversations").count == 0


async def test_state_json_cannot_keep_ends_the_stored_conversation(
    persistence: SqlitePersistence, caplog: pytest.LogCaptureFixture
) -> None:
    await persistence.update_conversation("visit", (1, 1), 3)
    with caplog.at_level(logging.ERROR, logger="storage.persistence"):
        await persistence.update_conversation("visit", (1, 1), object())
    assert await persistence.get_conversations("visit") == {}
    assert len(caplog.records) == 1


async def test_bot_data_and_callback_data_updates_store_nothing(
    db: Database, persistence: SqlitePersistence
) -> None:
    await persistence.update_bot_data({"x": 1})
    await persistence.update_callback_data(([], {}))
    await persistence.flush()
    assert await persistence.get_bot_data() == {}
    assert await persistence.get_callback_data() is None


async def test_data_survives_closing_and_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    db = open_database(path)
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, DRAFT)
    await persistence.update_chat_data(1, {"k": "v"})
    await persistence.update_conversation("visit", (1, 1), 2)
    await persistence.flush()  # as PTB does at shutdown, before the Store closes the file
    db.close()

    reopened = open_database(path)
    again = SqlitePersistence(reopened)
    assert await again.get_user_data() == {1: DRAFT}
    assert await again.get_chat_data() == {1: {"k": "v"}}
    assert await again.get_conversations("visit") == {(1, 1): 2}
    reopened.close()


async def test_each_update_is_committed_at_once(tmp_path: Path) -> None:
    """A second connection sees the write on the loop's next turn, no flush: as after kill -9."""
    path = tmp_path / "bot.db"
    db = open_database(path)
    await SqlitePersistence(db).update_user_data(1, DRAFT)
    await asyncio.sleep(0)  # the event loop's next turn
    other = open_database(path)
    assert await SqlitePersistence(other).get_user_data() == {1: DRAFT}
    other.close()
    db.close()


async def test_data_handed_over_unchanged_is_not_written_again(
    persistence: SqlitePersistence, db: Database
) -> None:
    """PTB hands over everyone's data after each update; only changes reach the database."""
    await persistence.update_user_data(1, DRAFT)
    await persistence.update_conversation("visit", (1, 1), {"step": "time"})
    writes = db.conn.total_changes
    await persistence.update_user_data(1, {**DRAFT})
    await persistence.update_conversation("visit", (1, 1), {"step": "time"})
    assert db.conn.total_changes == writes

    await persistence.update_user_data(1, {"step": 2})
    await persistence.update_conversation("visit", (1, 1), {"step": "purpose"})
    assert await persistence.get_user_data() == {1: {"step": 2}}
    assert await persistence.get_conversations("visit") == {(1, 1): {"step": "purpose"}}


async def test_rows_read_at_start_count_as_stored(db: Database) -> None:
    """After a restart, data PTB hands back unchanged is not rewritten either."""
    first = SqlitePersistence(db)
    await first.update_user_data(1, DRAFT)
    await asyncio.sleep(0)
    restarted = SqlitePersistence(db)
    loaded = await restarted.get_user_data()
    writes = db.conn.total_changes
    await restarted.update_user_data(1, loaded[1])
    assert db.conn.total_changes == writes
    await restarted.update_user_data(1, {})
    assert await restarted.get_user_data() == {}


async def test_what_one_update_hands_over_commits_in_one_transaction(tmp_path: Path) -> None:
    """The session in user data and the conversation's state land together or not at all:
    a kill between two separate writes would leave a dialog without its session."""
    path = tmp_path / "bot.db"
    persistence = SqlitePersistence(open_database(path))
    watcher = open_database(path)

    def visible() -> tuple[int, int]:
        return (
            watcher.execute("SELECT count(*) FROM ptb_user_data").fetchone()[0],
            watcher.execute("SELECT count(*) FROM ptb_conversations").fetchone()[0],
        )

    await persistence.update_user_data(1, DRAFT)  # neither call gives the loop a turn
    await persistence.update_conversation("visit", (1, 1), {"step": "time"})
    assert visible() == (0, 0)  # nothing half-written while PTB hands them over
    await asyncio.sleep(0)
    assert visible() == (1, 1)
    await persistence.update_user_data(1, {})
    await persistence.update_conversation("visit", (1, 1), None)
    await persistence.flush()  # at stop: no loop turn needed
    assert visible() == (0, 0)
