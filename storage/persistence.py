"""PTB persistence in the bot's SQLite file: user and chat data and conversation states as JSON.

What PTB hands over after an update commits in one transaction on the event loop's next turn
(before update_persistence returns), so it survives a crash right after, all of it or none.
bot_data holds the services object, not data, and callback data is not used: neither is stored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database
from telegram.ext import BasePersistence, PersistenceInput

from storage.store import Store

logger = logging.getLogger(__name__)

Data = dict[str, Any]
# As PTB types them (in telegram.ext._utils.types, a private module).
ConversationKey = tuple[int | str, ...]
ConversationDict = MutableMapping[ConversationKey, object]
CallbackData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]


@dataclass(frozen=True)
class _DataTable:
    name: str
    id_column: str
    label: str  # how log messages name it


_USER_DATA = _DataTable("ptb_user_data", "user_id", "user_data")
_CHAT_DATA = _DataTable("ptb_chat_data", "chat_id", "chat_data")


class _Skip:
    """Marks a value that cannot be stored as plain JSON."""


_SKIP = _Skip()
_SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class _Write:
    stored: str | None  # the row's content after it; None: the row goes
    sql: str
    parameters: list[object]


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class SqlitePersistence(BasePersistence[Data, Data, Data]):
    """Keeps user_data, chat_data and persistent conversations in the Store's database."""

    @classmethod
    def of(cls, store: Store) -> SqlitePersistence:
        """The persistence of the store's database: dialogs live beside the records."""
        return cls(store.db)

    def __init__(self, db: Database, update_interval: float = 1) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._db = db
        self._reported: set[str] = set()
        # What each row holds (None: no row), as this process last read or wrote it. PTB hands
        # over every user's and chat's data after each of their updates, changed or not; a
        # row that would be written as it already is is left alone. Only this process writes
        # these tables, so the copy cannot go stale.
        self._stored: dict[tuple[str, str], str | None] = {}
        # Writes PTB hands over together (one update's user data, chat data and conversation
        # state, gathered by Application.update_persistence) wait here and commit in one
        # transaction on the event loop's next turn: a crash between them would otherwise
        # leave a conversation in a dialog whose session is gone, or the other way round.
        self._pending: dict[tuple[str, str], _Write] = {}
        self._commit_scheduled = False

    # ------------------------------------------------------------------ plain JSON only

    def _plain(self, value: object, path: str) -> object:
        """`value` reduced to what JSON gives back unchanged; the rest is reported, left out."""
        if isinstance(value, _SCALARS):
            return value
        if isinstance(value, list):
            kept = [self._plain(item, f"{path}[]") for item in value]
            return [item for item in kept if item is not _SKIP]
        if isinstance(value, dict):
            plain: dict[str, object] = {}
            for key, item in value.items():
                # JSON would turn a key 1 into "1": the data would not come back as it was.
                if not isinstance(key, str):
                    self._report(f"{path}[{type(key).__name__} key]", key)
                    continue
                kept_item = self._plain(item, f"{path}.{key}")
                if kept_item is not _SKIP:
                    plain[key] = kept_item
            return plain
        self._report(path, value)
        return _SKIP

    def _report(self, path: str, value: object) -> None:
        # Once per place, naming the type and never the content: user data can be private.
        if path not in self._reported:
            self._reported.add(path)
            logger.error(
                "Not persisted: %s is a %s, not plain JSON data; that key is skipped",
                path,
                type(value).__name__,
            )

    # ------------------------------------------------------------------ user and chat data

    def _load(self, table: _DataTable) -> dict[int, Data]:
        self._commit()
        rows = self._db.table(table.name).rows_where()
        loaded = {}
        for row in rows:
            self._stored[(table.name, str(row[table.id_column]))] = row["data"]
            loaded[row[table.id_column]] = json.loads(row["data"])
        return loaded

    def _save(self, table: _DataTable, record_id: int, data: Data) -> None:
        plain = self._plain(data, table.label)
        # An empty dict is what PTB gives everyone anyway: no row needed.
        stored = _dump(plain) if plain else None
        if self._unchanged(table.name, str(record_id), stored):
            return
        if stored is None:
            self._drop(table, record_id)
            return
        self._write(
            (table.name, str(record_id)),
            _Write(
                stored,
                f"INSERT OR REPLACE INTO {table.name} ({table.id_column}, data) VALUES (?, ?)",
                [record_id, stored],
            ),
        )

    def _unchanged(self, table_name: str, row_key: str, stored: str | None) -> bool:
        key = (table_name, row_key)
        if key in self._pending:
            return self._pending[key].stored == stored
        return key in self._stored and self._stored[key] == stored

    def _drop(self, table: _DataTable, record_id: int) -> None:
        self._write(
            (table.name, str(record_id)),
            _Write(None, f"DELETE FROM {table.name} WHERE {table.id_column} = ?", [record_id]),
        )

    def _write(self, key: tuple[str, str], write: _Write) -> None:
        self._pending[key] = write
        if not self._commit_scheduled:
            self._commit_scheduled = True
            asyncio.get_running_loop().call_soon(self._commit)

    def _commit(self) -> None:
        """All pending writes in one transaction; on failure they stay pending for the next."""
        self._commit_scheduled = False
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        try:
            with self._db.atomic():
                for write in pending.values():
                    self._db.execute(write.sql, write.parameters)
        except sqlite3.Error:
            logger.exception("could not write the dialog states; trying again with the next")
            self._pending = pending | self._pending
            return
        for key, write in pending.items():
            self._stored[key] = write.stored

    async def get_user_data(self) -> dict[int, Data]:
        return self._load(_USER_DATA)

    async def get_chat_data(self) -> dict[int, Data]:
        return self._load(_CHAT_DATA)

    async def update_user_data(self, user_id: int, data: Data) -> None:
        self._save(_USER_DATA, user_id, data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        self._save(_CHAT_DATA, chat_id, data)

    async def drop_user_data(self, user_id: int) -> None:
        self._drop(_USER_DATA, user_id)

    async def drop_chat_data(self, chat_id: int) -> None:
        self._drop(_CHAT_DATA, chat_id)

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing else writes user data, so the copy in memory is already current."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing else writes chat data, so the copy in memory is already current."""

    # ------------------------------------------------------------------ conversations

    async def get_conversations(self, name: str) -> ConversationDict:
        self._commit()
        rows = self._db.table("ptb_conversations").rows_where("name = ?", [name])
        loaded: dict[ConversationKey, object] = {}
        for row in rows:
            self._stored[(f"conversation {name}", row["key"])] = row["state"]
            loaded[tuple(json.loads(row["key"]))] = json.loads(row["state"])
        return loaded

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store a conversation's state; None means it ended, so its row goes."""
        stored_key = _dump(list(key))
        # A state that can't be stored as JSON is dropped too: better to restart the
        # conversation after a restart than resume a stale state.
        state = None if new_state is None else self._plain(new_state, f"conversation {name} state")
        stored = None if state is None or state is _SKIP else _dump(state)
        if self._unchanged(f"conversation {name}", stored_key, stored):
            return
        if stored is None:
            write = _Write(
                None,
                "DELETE FROM ptb_conversations WHERE name = ? AND key = ?",
                [name, stored_key],
            )
        else:
            write = _Write(
                stored,
                "INSERT OR REPLACE INTO ptb_conversations (name, key, state) VALUES (?, ?, ?)",
                [name, stored_key, stored],
            )
        self._write((f"conversation {name}", stored_key), write)

    # ------------------------------------------------------------------ not stored

    async def get_bot_data(self) -> Data:
        return {}

    async def update_bot_data(self, data: Data) -> None:
        """bot_data holds the services (store, knowledge base), not data to keep."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """bot_data is not stored."""

    async def get_callback_data(self) -> CallbackData | None:
        return None

    async def update_callback_data(self, data: CallbackData) -> None:
        """Callback data is short strings in the buttons themselves: nothing to keep."""

    async def flush(self) -> None:
        """Commit what is pending now: PTB's last update_persistence at stop, and a dialog's
        state written ahead of its question. The Store closes the database."""
        self._commit()
