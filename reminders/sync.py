"""Keeps one user's reminder rows in step with their open obligations and their settings.

Run after every change the user makes (handlers/reminder_sync.py) and hourly for everyone
(reminders/jobs.py): time alone opens obligations too (the month's forecast, a customer whose
visit cadence ran out) and moves the next digest on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldwork.obligations import Obligation, open_obligations
from knowledge.base import KnowledgeBase
from reminders.config import ReminderConfig
from reminders.digest import DIGEST, digest_key, next_digest
from reminders.messages import curator
from reminders.planning import plan_slots
from reminders.practice import PRACTICE, next_practice, practice_key
from storage.reminders import SNOOZE_PREFIX
from storage.scope import Scope
from storage.settings import UserSettings
from storage.store import Store
from timekeeping.workdays import WorkdayCalendar
from timekeeping.zone import local_date


def owner_obligations(
    store: Store, kb: KnowledgeBase, owner_id: int, now: datetime
) -> list[Obligation]:
    """The owner's open obligations, read from their own records, settings and completions."""
    return open_obligations(
        store.records(Scope.own(owner_id)),
        kb,
        store.settings.get(owner_id),
        now,
        store.completions(owner_id),
    )


def sync_owner(
    store: Store,
    kb: KnowledgeBase,
    config: ReminderConfig,
    owner_id: int,
    now: datetime,
    *,
    calendar: WorkdayCalendar | None = None,
) -> None:
    """Plan every open obligation's reminders and cancel those of obligations that are gone.

    Idempotent: rows already sent stay sent, unchanged pending rows keep their time (and any
    retry backoff), snoozes the user asked for stay while their obligation is open. The next
    digest is planned while the digest is on and anything is open; today's digest, if still
    pending (the bot was down at its time), is kept and goes out late.
    """
    settings = store.settings.get(owner_id)
    obligations = open_obligations(
        store.records(Scope.own(owner_id)), kb, settings, now, store.completions(owner_id)
    )
    keep = {obligation.key for obligation in obligations}
    planned = _pending_plan(store, owner_id)
    with store.atomic():
        for obligation in obligations:
            slots = plan_slots(obligation, config, settings, now, calendar=calendar)
            wanted = {slot.slot: (slot.send_at, slot.deadline_at) for slot in slots}
            if planned.get(obligation.key, {}) == wanted:
                continue  # the common case, read in one query rather than one per obligation
            store.reminders.plan(owner_id, obligation.key, obligation.kind, slots)
        wants_digest = bool(obligations) or curator(store, owner_id)
        digest = next_digest(settings, now) if wants_digest else None
        if digest is not None:
            key, slot = digest
            store.reminders.plan(owner_id, key, DIGEST, [slot])
            keep |= {key, digest_key(local_date(now))}
        practice = next_practice(settings, now) if store.staff.active(owner_id) else None
        if practice is not None:
            key, slot = practice
            store.reminders.plan(owner_id, key, PRACTICE, [slot])
            keep |= {key, practice_key(local_date(now))}
        store.reminders.cancel_other_keys(owner_id, keep)


PlannedTimes = dict[str, tuple[datetime, datetime | None]]


def _pending_plan(store: Store, owner_id: int) -> dict[str, PlannedTimes]:
    """The owner's pending planned slots by key (snoozes aside): slot → (planned, deadline)."""
    planned: dict[str, PlannedTimes] = {}
    for row in store.own_reminders(owner_id).pending():
        if not row.slot.startswith(SNOOZE_PREFIX):
            planned.setdefault(row.key, {})[row.slot] = (row.planned_at, row.deadline_at)
    return planned


# -- re-planning after a user's update -------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    audit_mark: int  # the audit log's highest id when the owner was last synced
    settings: UserSettings
    completions: int


class ChangeTracker:
    """What each owner's data looked like at their last sync, to skip syncs that change nothing.

    Every change to a record writes an audit row with its owner as actor (a saved dialog, a
    button such as 已完成 or 已和客户约好), so "did anything change?" is one range read over the
    audit log's ids written since, not a scan of the log (it needs no index on actor_id).
    Settings and completions are not audited: they are compared directly, one key lookup each.
    Memory only: after a restart the first update re-plans once, and the hourly sync covers
    owners who stay silent.
    """

    def __init__(self) -> None:
        self._seen: dict[int, _Seen] = {}

    def sync_if_changed(
        self,
        store: Store,
        kb: KnowledgeBase,
        config: ReminderConfig,
        owner_id: int,
        now: datetime,
        *,
        calendar: WorkdayCalendar | None = None,
    ) -> bool:
        """sync_owner, unless nothing of the owner's changed since the last time; True if run."""
        seen = self._seen.get(owner_id)
        activity = store.owner_activity(owner_id, seen.audit_mark if seen else None)
        current = _Seen(activity.mark, store.settings.get(owner_id), activity.completions)
        if (
            seen is not None
            and (seen.settings, seen.completions) == (current.settings, current.completions)
            and not activity.acted
        ):
            return False
        self._seen.pop(owner_id, None)  # a failing sync is tried again next time
        sync_owner(store, kb, config, owner_id, now, calendar=calendar)
        self._seen[owner_id] = current
        return True
