"""每日一练's daily push: one a day at the user's practice time, never in quiet hours, through the
reminder engine (a row per day: sent once, after a crash not again; a day gone by is not caught
up). It starts the day's round and shows its first question — or, while the user is in the
middle of a dialog, only says the round is ready, with a button: the dialog is not broken."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

from knowledge.service import Knowledge
from reminders.digest import DIGEST_SLOT, daily_key, key_day
from storage.reminders import PlannedSlot, Reminder
from storage.settings import UserSettings
from storage.store import Store
from timekeeping.zone import local_date, local_instant, to_local
from training.coach import Coach
from training.repetition import mastery
from training.rounds import focus_norms
from views.common import Reply
from views.practice import MASTERED_THRESHOLD, push_reply, waiting_reply

PRACTICE: Final = "practice"  # the reminder kind; its key is practice:<local date>
DIALOG_KEY = "dialog"  # in a user's persisted user_data: the open dialog (handlers/dialog.py)


def practice_key(day: date) -> str:
    return daily_key(PRACTICE, day)


def practice_day(key: str) -> date | None:
    return key_day(PRACTICE, key)


def next_practice(settings: UserSettings, now: datetime) -> tuple[str, PlannedSlot] | None:
    """The next push after `now` (today's if still to come), moved out of quiet hours to their
    end; None if the user turned 每日一练 off."""
    if settings.practice_at is None:
        return None
    day = local_date(now)
    for _ in range(2):
        at = local_instant(day, settings.practice_at)
        if settings.is_quiet(to_local(at).time()):
            at = local_instant(day, settings.quiet_end)
        if at > now:
            return practice_key(day), PlannedSlot(slot=DIGEST_SLOT, send_at=at, deadline_at=None)
        day += timedelta(days=1)
    return None


def compose_practice(
    reminder: Reminder,
    store: Store,
    knowledge: Knowledge,
    settings: UserSettings,
    now: datetime,
    dialog_titles: dict[str, str],
) -> Reply | None:
    """The day's push, or None: a day gone by, quiet hours now, not staff any more, or the
    day's round done already."""
    today = local_date(now)
    user_id = reminder.owner_id
    member = store.staff.active(user_id)
    if practice_day(reminder.key) != today or member is None:
        return None
    if settings.is_quiet(to_local(now).time()):
        return None  # after downtime that ran into the quiet hours: never then
    session = store.user_data(user_id).get(DIALOG_KEY)
    if isinstance(session, dict) and session.get("form") in dialog_titles:
        return waiting_reply(dialog_titles[session["form"]])
    practice = store.practice
    coach = Coach(knowledge.kb, practice, lambda: now)
    todays = practice.daily_round_on(user_id, today)
    if todays is not None:
        # Composed before (a crash between sending and marking it sent): the same round.
        asked = coach.resume(todays)
        return push_reply(asked) if asked is not None else None
    focus = None
    assignment = practice.assignment(member.team) if member.team else None
    if assignment is not None:
        norms = focus_norms(knowledge.kb, assignment.focus) or []
        if mastery(practice.progress(user_id), norms) < MASTERED_THRESHOLD:
            focus = assignment.focus
    asked = coach.start(user_id, focus=focus, level=practice.level(user_id), daily=True)
    return push_reply(asked) if asked is not None else None
