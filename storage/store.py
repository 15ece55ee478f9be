"""The storage facade handlers reach through context.store: one database, its repositories."""

from __future__ import annotations

from pathlib import Path

from storage.database import open_database
from storage.unanswered import UnansweredQuestions


class Store:
    def __init__(self, path: Path | str) -> None:
        self.db = open_database(path)
        self.unanswered = UnansweredQuestions(self.db)

    def close(self) -> None:
        self.db.close()
