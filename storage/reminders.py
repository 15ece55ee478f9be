"""Reminder rows and their states: the sweep's queue (all owners) and one user's own reminders.

A reminder is a row, never only a job: pending → sent | failed | cancelled. The sweep reads
pending rows in send_at order through a partial index, so sent rows piling up cost it nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from sqlite_utils import Database

from storage.database import is_storable
from storage.rows import record, records
from storage.timestamps import optional_to_text, to_text
from timekeeping.clock import Clock

ReminderState = Literal["pending", "sent", "failed", "cancelled"]
PENDING: Final = "pending"
SENT: Final = "sent"
FAILED: Final = "failed"
CANCELLED: Final = "cancelled"

# Slots the user asks for with a button; the planner never lists them, so plan() keeps them.
SNOOZE_PREFIX: Final = "snooze:"

_TABLE = "reminders"
# SQLite uses a partial index only when the query repeats its WHERE term literally, so the
# state is spelled out here rather than bound as a parameter.
_DUE_SQL = (
    "SELECT * FROM reminders WHERE state = 'pending' AND send_at <= ? ORDER BY send_at, id LIMIT ?"
)
# Tables whose rows belong to an owner: anyone with a record may have obligations.
_OWNED_TABLES = (
    "reminders",
    "customers",
    "visits",
    "planned_visits",
    "follow_up_items",
    "customer_letters",
    "bids",
)
_IDS_PER_STATEMENT = 500


@dataclass(frozen=True)
class Reminder:
    id: int
    owner_id: int
    key: str  # the obligation, e.g. thank_you_letter:visit:12
    kind: str
    slot: str  # before:24h, at, overdue, day_before, snooze:1 …
    deadline_at: datetime | None
    planned_at: datetime  # when it was meant to go out; lateness is measured from here
    send_at: datetime  # the next attempt
    state: ReminderState
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    message_id: int | None
    late: bool
    created_at: datetime


@dataclass(frozen=True)
class PlannedSlot:
    slot: str  # "before:24h", "overdue", "day_before", "at", …
    send_at: datetime  # aware, already moved out of quiet hours
    deadline_at: datetime | None


class ReminderQueue:
    """System level, for the sender, the planner and the jobs: every owner's reminders."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._table = db.table(_TABLE)

    def due(self, now: datetime, limit: int = 200) -> list[Reminder]:
        """Pending reminders whose send time has come, earliest first (an index range read)."""
        return records(Reminder, self._db.query(_DUE_SQL, [to_text(now), limit]))

    def get(self, reminder_id: int) -> Reminder | None:
        rows = list(self._table.rows_where("id = ?", [reminder_id]))
        return record(Reminder, rows[0]) if rows else None

    def for_key(self, owner_id: int, key: str) -> list[Reminder]:
        """Every reminder of one obligation, whatever its state, in slot creation order."""
        rows = self._table.rows_where("owner_id = ? AND key = ?", [owner_id, key], order_by="id")
        return records(Reminder, rows)

    def plan(self, owner_id: int, key: str, kind: str, slots: Sequence[PlannedSlot]) -> None:
        """Make the obligation's pending reminders exactly `slots`; safe to repeat.

        New slots are inserted pending. A pending slot whose planned time changed gets the new
        time (an unchanged one keeps its send_at, so a retry's backoff survives re-planning);
        a cancelled one comes back. Pending slots no longer listed are cancelled, except
        snoozes the user asked for. Sent and failed rows are never touched or sent again.
        """
        wanted = {slot.slot: slot for slot in slots}
        if len(wanted) != len(slots):
            raise ValueError(f"duplicate slots for {key}: {[slot.slot for slot in slots]}")
        now = to_text(self._clock())
        with self._db.atomic():
            existing = {
                row["slot"]: row
                for row in self._table.rows_where(
                    "owner_id = ? AND key = ?",
                    [owner_id, key],
                    select="id, slot, state, planned_at, deadline_at",
                )
            }
            for name, slot in wanted.items():
                planned_at = to_text(slot.send_at)
                deadline_at = optional_to_text(slot.deadline_at)
                row = existing.get(name)
                if row is None:
                    self._table.insert(
                        {
                            "owner_id": owner_id,
                            "key": key,
                            "kind": kind,
                            "slot": name,
                            "deadline_at": deadline_at,
                            "planned_at": planned_at,
                            "send_at": planned_at,
                            "state": PENDING,
                            "attempts": 0,
                            "late": 0,
                            "created_at": now,
                        }
                    )
                elif row["state"] == CANCELLED:
                    self._table.update(
                        row["id"],
                        {
                            "kind": kind,
                            "deadline_at": deadline_at,
                            "planned_at": planned_at,
                            "send_at": planned_at,
                            "state": PENDING,
                            "attempts": 0,
                            "last_error": None,
                        },
                    )
                elif row["state"] == PENDING:
                    changes: dict[str, Any] = {}
                    if row["planned_at"] != planned_at:
                        changes.update(planned_at=planned_at, send_at=planned_at, attempts=0)
                    if row["deadline_at"] != deadline_at:
                        changes["deadline_at"] = deadline_at
                    if changes:
                        self._table.update(row["id"], changes)
            vanished = [
                row["id"]
                for name, row in existing.items()
                if row["state"] == PENDING
                and name not in wanted
                and not name.startswith(SNOOZE_PREFIX)
            ]
            self._cancel_ids(vanished)

    def cancel_other_keys(self, owner_id: int, keep_keys: Collection[str]) -> int:
        """Cancel the owner's pending reminders of obligations not in `keep_keys` (gone ones)."""
        keep = set(keep_keys)
        with self._db.atomic():
            ids = [
                row["id"]
                for row in self._table.rows_where(
                    "owner_id = ? AND state = 'pending'", [owner_id], select="id, key"
                )
                if row["key"] not in keep
            ]
            self._cancel_ids(ids)
        return len(ids)

    def cancel_key(self, owner_id: int, key: str) -> int:
        """Cancel every pending reminder of one obligation (it was completed or deleted)."""
        with self._db.atomic():
            cursor = self._db.execute(
                "UPDATE reminders SET state = 'cancelled' "
                "WHERE owner_id = ? AND key = ? AND state = 'pending'",
                [owner_id, key],
            )
        return cursor.rowcount

    def mark_sent(
        self, reminder_id: int, *, message_id: int, sent_at: datetime, late: bool
    ) -> None:
        """Telegram returned the message: record it, whatever happened to the row meanwhile."""
        with self._db.atomic():
            self._table.update(
                reminder_id,
                {
                    "state": SENT,
                    "message_id": message_id,
                    "sent_at": to_text(sent_at),
                    "late": int(late),
                    "last_error": None,
                },
            )

    def reschedule(self, reminder_id: int, *, send_at: datetime, error: str) -> None:
        """A transient failure: try again at `send_at`, counting the attempt."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE reminders SET send_at = ?, attempts = attempts + 1, last_error = ? "
                "WHERE id = ? AND state = 'pending'",
                [to_text(send_at), error, reminder_id],
            )

    def mark_failed(self, reminder_id: int, *, error: str) -> None:
        """A permanent failure (the user blocked the bot): never tried again."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE reminders SET state = 'failed', attempts = attempts + 1, last_error = ? "
                "WHERE id = ? AND state = 'pending'",
                [error, reminder_id],
            )

    def cancel(self, reminder_id: int) -> None:
        """Not to be sent: its obligation is no longer open."""
        with self._db.atomic():
            self._cancel_ids([reminder_id])

    def owners(self) -> list[int]:
        """Everyone with a reminder or a record, for the hourly sync."""
        union = " UNION ".join(f"SELECT owner_id FROM {table}" for table in _OWNED_TABLES)
        return [owner_id for (owner_id,) in self._db.execute(f"{union} ORDER BY 1")]

    def _cancel_ids(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), _IDS_PER_STATEMENT):
            chunk = ids[start : start + _IDS_PER_STATEMENT]
            self._db.execute(
                "UPDATE reminders SET state = 'cancelled' "
                f"WHERE state = 'pending' AND id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )


class OwnReminders:
    """What one user may touch through the buttons: only their own reminders."""

    def __init__(self, db: Database, owner_id: int, clock: Clock) -> None:
        self._db = db
        self._owner_id = owner_id
        self._clock = clock
        self._table = db.table(_TABLE)

    def get(self, reminder_id: int) -> Reminder | None:
        """The reminder if it is this user's; another owner's id reads as not found."""
        if not is_storable(reminder_id):
            return None
        rows = list(
            self._table.rows_where("id = ? AND owner_id = ?", [reminder_id, self._owner_id])
        )
        return record(Reminder, rows[0]) if rows else None

    def snooze(self, reminder_id: int, send_at: datetime) -> Reminder | None:
        """Remind again at `send_at`: a new pending row of the same obligation.

        The latest press wins: the obligation's earlier pending snoozes are cancelled. None if
        the reminder is not this user's.
        """
        with self._db.atomic():
            original = self.get(reminder_id)
            if original is None:
                return None
            snoozes = list(
                self._table.rows_where(
                    "owner_id = ? AND key = ? AND slot LIKE 'snooze:%'",
                    [self._owner_id, original.key],
                    select="id, slot, state",
                )
            )
            self._db.execute(
                "UPDATE reminders SET state = 'cancelled' "
                "WHERE owner_id = ? AND key = ? AND slot LIKE 'snooze:%' AND state = 'pending'",
                [self._owner_id, original.key],
            )
            numbers = [row["slot"].removeprefix(SNOOZE_PREFIX) for row in snoozes]
            number = 1 + max((int(n) for n in numbers if n.isdigit()), default=0)
            planned_at = to_text(send_at)
            inserted = self._table.insert(
                {
                    "owner_id": self._owner_id,
                    "key": original.key,
                    "kind": original.kind,
                    "slot": f"{SNOOZE_PREFIX}{number}",
                    "deadline_at": optional_to_text(original.deadline_at),
                    "planned_at": planned_at,
                    "send_at": planned_at,
                    "state": PENDING,
                    "attempts": 0,
                    "late": 0,
                    "created_at": to_text(self._clock()),
                }
            )
        assert inserted.last_pk is not None
        return self.get(int(inserted.last_pk))

    def pending(self) -> list[Reminder]:
        """The user's reminders still to be sent, earliest first."""
        rows = self._table.rows_where(
            "owner_id = ? AND state = 'pending'", [self._owner_id], order_by="send_at, id"
        )
        return records(Reminder, rows)
