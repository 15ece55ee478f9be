"""PTB persistence in the bot's SQLite file: user and chat data and conversation states as JSON.

Every update_* call commits at once, so what PTB hands over survives a crash right after.
bot_data holds the services object, not data, and callback data is not used: neither is stored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database
from telegram.ext import BasePersistence, PersistenceInput

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


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class SqlitePersistence(BasePersistence[Data, Data, Data]):
    """Keeps user_data, chat_data and persistent conversations in the Store's database."""

    def __init__(self, db: Database, update_interval: float = 1) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._db = db
        self._reported: set[str] = set()

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
        rows = self._db.table(table.name).rows_where()
        return {row[table.id_column]: json.loads(row["data"]) for row in rows}

    def _save(self, table: _DataTable, record_id: int, data: Data) -> None:
        plain = self._plain(data, table.label)
        if plain:
            self._db.table(table.name).insert(
                {table.id_column: record_id, "data": _dump(plain)},
                pk=table.id_column,
                replace=True,
            )
        else:
            # An empty dict is what PTB gives everyone anyway: no row needed.
            self._drop(table, record_id)

    def _drop(self, table: _DataTable, record_id: int) -> None:
        self._db.table(table.name).delete_where(f"{table.id_column} = ?", [record_id])

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
        rows = self._db.table("ptb_conversations").rows_where("name = ?", [name])
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store a conversation's state; None means it ended, so its row goes."""
        stored_key = _dump(list(key))
        table = self._db.table("ptb_conversations")
        if new_state is None:
            table.delete_where("name = ? AND key = ?", [name, stored_key])
            return
        state = self._plain(new_state, f"conversation {name} state")
        if state is _SKIP:
            # Better to restart the conversation after a restart than resume a stale state.
            table.delete_where("name = ? AND key = ?", [name, stored_key])
            return
        table.insert(
            {"name": name, "key": stored_key, "state": _dump(state)},
            pk=("name", "key"),
            replace=True,
        )

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
        """Every update is already committed; the Store closes the database."""
