"""The morning digest: one reminder a day at the user's digest time, of what is due or overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from fieldwork.obligations import AFTER_EVENT_KINDS, Obligation
from storage.reminders import PlannedSlot
from storage.settings import UserSettings
from timekeeping.zone import local_date, local_instant

DIGEST: Final = "digest"  # the reminder kind; its key is digest:<local date>
DIGEST_SLOT: Final = "at"


def daily_key(kind: str, day: date) -> str:
    """The key of a once-a-day message (the digest, 每日一练's push): <kind>:<local date>."""
    return f"{kind}:{day.isoformat()}"


def key_day(kind: str, key: str) -> date | None:
    """The day a once-a-day message's key is for; None for any other key."""
    key_kind, _, day = key.partition(":")
    if key_kind != kind:
        return None
    try:
        return date.fromisoformat(day)
    except ValueError:
        return None


def digest_key(day: date) -> str:
    return daily_key(DIGEST, day)


def digest_day(key: str) -> date | None:
    return key_day(DIGEST, key)


def next_digest(settings: UserSettings, now: datetime) -> tuple[str, PlannedSlot] | None:
    """The next digest after `now` (today's if its time is still to come); None if off.

    The user chose the time, so quiet hours do not move it.
    """
    if settings.digest_at is None:
        return None
    day = local_date(now)
    at = local_instant(day, settings.digest_at)
    if at <= now:
        day += timedelta(days=1)
        at = local_instant(day, settings.digest_at)
    return digest_key(day), PlannedSlot(slot=DIGEST_SLOT, send_at=at, deadline_at=None)


@dataclass(frozen=True)
class DigestContent:
    overdue: list[Obligation]  # deadline passed, not done
    today: list[Obligation]  # due later today
    to_do: list[Obligation]  # open now, after the event (log the visit, write the summary)
    review_groups: int = 0  # for curators: groups of questions new to the review queue

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.today or self.to_do or self.review_groups)


def digest_content(obligations: Sequence[Obligation], now: datetime) -> DigestContent:
    """What the digest says: overdue first, then today's deadlines, then what awaits doing."""
    today = local_date(now)
    overdue: list[Obligation] = []
    due_today: list[Obligation] = []
    to_do: list[Obligation] = []
    for obligation in sorted(obligations, key=lambda ob: (ob.deadline, ob.key)):
        if obligation.kind in AFTER_EVENT_KINDS:
            if obligation.is_open_at(now):
                to_do.append(obligation)
        elif obligation.deadline < now:
            if obligation.is_open_at(now):
                overdue.append(obligation)
        elif local_date(obligation.deadline) == today:
            due_today.append(obligation)
    return DigestContent(overdue, due_today, to_do)
