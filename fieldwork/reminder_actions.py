"""What a reminder's buttons do: complete the obligation it is about, or bring it back later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum

from fieldwork.obligations import find_obligation
from knowledge.base import KnowledgeBase
from storage.completions import CompletionRepository
from storage.models import PLAN_PLANNED
from storage.settings import UserSettings
from storage.store import Records
from timekeeping.zone import local_date, local_instant, to_local

SNOOZE_HOUR = timedelta(hours=1)
SNOOZE_TOMORROW_AT = time(9, 0)
SNOOZE_MIN_GAP = timedelta(minutes=5)  # "an hour before the deadline" must still be ahead


class Completion(Enum):
    """How 已完成 went for one obligation."""

    RECORDED = "recorded"  # the record now says it is done (the letter answered …)
    ACKNOWLEDGED = "acknowledged"  # nothing to record (a departure reminder): noted as seen to
    ALREADY_DONE = "already_done"  # done (or no longer open) before this press
    NOT_FOUND = "not_found"  # the record is gone or not the user's


@dataclass(frozen=True)
class ObligationKey:
    """A parsed obligation key: 'thank_you_letter:visit:12' → kind, subject 12."""

    kind: str
    subject_id: int | None


def parse_key(key: str) -> ObligationKey:
    """The kind and the subject record's id of a key (docs/reminders.md, "obligations").

    Keys are '<kind>:<noun>:<id>[:<episode>]' for obligations about one record, and
    '<kind>:<period>' for the rest ('demand_forecast:2026-12').
    """
    kind, *rest = key.split(":")
    subject_id = int(rest[1]) if len(rest) >= 2 and rest[1].isdigit() else None
    return ObligationKey(kind, subject_id)


class ObligationState(Enum):
    OPEN = "open"
    DONE = "done"  # done, or over for good (a plan logged or cancelled)
    GONE = "gone"  # the record is deleted or not the user's


_RECORD_KINDS = ("thank_you_letter", "written_reply", "follow_up", "plan_confirm")


@dataclass(frozen=True)
class Situation:
    """What deciding about one user's obligation needs: their records and settings, the time."""

    records: Records
    completions: CompletionRepository
    kb: KnowledgeBase
    settings: UserSettings
    now: datetime


def obligation_state(situation: Situation, key: str) -> ObligationState:
    """Whether the obligation behind `key` is still open.

    Obligations about a record read the record itself, however old (a letter answered late is
    still worth recording). The others are open while open_obligations would list them: not
    completed, and not over with time (a departure reminder after the visit began).
    """
    records, completions = situation.records, situation.completions
    parsed = parse_key(key)
    subject = parsed.subject_id
    if parsed.kind not in _RECORD_KINDS or subject is None:
        listed = find_obligation(
            records, situation.kb, situation.settings, situation.now, completions, key
        )
        return ObligationState.DONE if listed is None else ObligationState.OPEN
    actor = records.scope.actor_id
    done: bool
    if parsed.kind == "thank_you_letter":  # norm 1.2.1-12
        visit = records.visits.get(subject)
        if visit is None or visit.owner_id != actor:
            return ObligationState.GONE
        done = visit.thank_you_sent_at is not None
    elif parsed.kind == "written_reply":  # norm 1.2.2-01
        letter = records.letters.get(subject)
        if letter is None or letter.owner_id != actor:
            return ObligationState.GONE
        done = letter.answered_at is not None
    elif parsed.kind == "follow_up":  # norm 1.2.1-16
        item = records.follow_ups.get(subject)
        if item is None or item.owner_id != actor:
            return ObligationState.GONE
        done = item.done_at is not None
    else:  # plan_confirm, norm 1.2.1-04
        plan = records.plans.get(subject)
        if plan is None or plan.owner_id != actor:
            return ObligationState.GONE
        done = plan.booking_confirmed or plan.status != PLAN_PLANNED
    return ObligationState.DONE if done else ObligationState.OPEN


def complete_obligation(situation: Situation, key: str) -> Completion:
    """Record the obligation behind `key` as done, in the record it is about.

    Only the user's own records change (the repositories are scoped); an obligation that was
    done before stays done with its first time and reads ALREADY_DONE.
    """
    records, completions, now = situation.records, situation.completions, situation.now
    state = obligation_state(situation, key)
    if state is ObligationState.GONE:
        return Completion.NOT_FOUND
    if state is ObligationState.DONE:
        return Completion.ALREADY_DONE
    parsed = parse_key(key)
    subject = parsed.subject_id
    marked: object = True  # the changed record; None if it could not be changed
    match parsed.kind:
        case "thank_you_letter" if subject is not None:
            marked = records.visits.mark_thank_you_sent(subject, now)
        case "written_reply" if subject is not None:
            marked = records.letters.mark_answered(subject, now)
        case "follow_up" if subject is not None:
            marked = records.follow_ups.mark_done(subject, now)
        case "plan_confirm" if subject is not None:
            marked = records.plans.confirm_booking(subject)
        case "demand_forecast":  # norm 1.2.3-05: no record of its own, so a completion row
            completions.complete(key, now)
        case _:
            # Departure, arrival, checklist, log and summary prompts, regular visits, the
            # digest: nothing to record. The completion row keeps re-planning from bringing
            # the obligation's reminders back.
            completions.complete(key, now)
            return Completion.ACKNOWLEDGED
    return Completion.NOT_FOUND if marked is None else Completion.RECORDED


def out_of_quiet_hours(moment: datetime, settings: UserSettings) -> datetime:
    """A snoozed reminder's time, moved to the end of the quiet hours if it falls in them.

    Unlike planned reminders, a snooze is never brought forward: the user asked for later.
    """
    local = to_local(moment)
    if not settings.is_quiet(local.time()):
        return moment
    end = local_instant(local.date(), settings.quiet_end)
    if end <= moment:  # quiet hours that began yesterday evening end today; else tomorrow
        end = local_instant(local.date() + timedelta(days=1), settings.quiet_end)
    return end


def snooze_until(
    now: datetime, choice: str, settings: UserSettings, deadline: datetime | None = None
) -> datetime:
    """When a snoozed reminder comes back: 'h' an hour later, 'd' tomorrow at 09:00 local,
    'b' an hour before the deadline (as asked, quiet hours or not)."""
    if choice == "h":
        wanted = now + SNOOZE_HOUR
    elif choice == "d":
        wanted = local_instant(local_date(now) + timedelta(days=1), SNOOZE_TOMORROW_AT)
    elif choice == "b" and deadline is not None:
        return deadline - SNOOZE_HOUR
    else:
        raise ValueError(f"unknown snooze choice {choice!r}")
    return out_of_quiet_hours(wanted, settings)


def snooze_choices(
    now: datetime, deadline: datetime | None, settings: UserSettings
) -> tuple[str, ...]:
    """The snoozes that bring a reminder back before its deadline: later than that, the
    deadline would pass unreminded. Past the deadline (an overdue reminder), any."""
    if deadline is None or deadline <= now:
        return ("h", "d")
    fitting = tuple(
        choice for choice in ("h", "d") if snooze_until(now, choice, settings) < deadline
    )
    if "d" not in fitting and deadline - SNOOZE_HOUR > now + SNOOZE_MIN_GAP:
        fitting += ("b",)
    return fitting
