"""How each manager signs drafted letters: their own profile, read and written only by them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.timestamps import to_text
from timekeeping.clock import Clock

FIELDS = ("name", "title", "team", "phone", "company")


@dataclass(frozen=True)
class Signature:
    """Who signs: the manager's profile (/settings 落款), asked for the first time it is needed."""

    name: str
    title: str | None = None
    team: str | None = None
    phone: str | None = None
    company: str | None = None

    def lines(self) -> tuple[str, ...]:
        """Name with title, team, phone and company, each on its line, empty ones left out."""
        first = f"{self.team}" if self.team else None
        named = f"{self.title} {self.name}" if self.title else self.name
        phone = f"电话：{self.phone}" if self.phone else None
        return tuple(line for line in (self.company, first, named, phone) if line)


class OwnSignature:
    """The acting user's own signature: no one reads or writes another's."""

    def __init__(self, db: Database, user_id: int, clock: Clock) -> None:
        self._signatures = Signatures(db)
        self._user_id = user_id
        self._clock = clock

    def get(self) -> Signature | None:
        return self._signatures.get(self._user_id)

    def save(self, signature: Signature) -> None:
        self._signatures.save(self._user_id, signature, self._clock())


class Signatures:
    """Repository of the signatures table; a user's row is theirs alone (keyed by user id)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, user_id: int) -> Signature | None:
        row = next(
            self._db.query(
                "SELECT name, title, team, phone, company FROM signatures WHERE user_id = ?",
                [user_id],
            ),
            None,
        )
        return Signature(**row) if row is not None else None

    def save(self, user_id: int, signature: Signature, at: datetime) -> None:
        self._db.table("signatures").upsert(
            {
                "user_id": user_id,
                **{field: getattr(signature, field) for field in FIELDS},
                "updated_at": to_text(at),
            },
            pk="user_id",
        )
