"""When to remind of one obligation: its deadline and the configuration in, send times out.

Pure: no database, no clock. The rules, in the order they apply:

1. Each slot the configuration lists for the kind gives a time (before the deadline, the day
   before at a wall time, at it, after it …). Slots meant to precede the deadline but falling
   after it are dropped.
2. Quiet hours (the user's, local wall time; they may span midnight, and equal start and end
   mean none): a reminder inside them goes out just before they start (start − quiet_lead) if
   the deadline comes before they end, else at their end. A reminder from after the deadline
   (after, overdue) always waits for their end: bringing it forward would put it before the
   deadline it reports as passed.
3. A slot whose time fell before the obligation existed (a visit logged 30 hours after it
   ended has missed its "24 hours before" reminder) is not sent after the fact, unless it is
   the latest such slot and no slot is left at or after the obligation's opening: then that
   one goes out once, when the obligation opened (so a visit logged after its letter was due
   gets the overdue reminder at once, not nothing). Slots that fell due after the opening but
   are past now were meant to be sent; they stay planned and the sweep sends them (late, if
   the bot was down).
4. Two slots landing on the same minute are one reminder (the one closer to the deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from fieldwork.obligations import Obligation
from reminders.config import ReminderConfig, SlotRule
from storage.reminders import PlannedSlot
from storage.settings import UserSettings
from timekeeping.workdays import WorkdayCalendar
from timekeeping.zone import local_date, local_instant, to_local


@cache
def default_calendar() -> WorkdayCalendar:
    """The shipped working-day calendar (config/holidays.yaml), built once."""
    return WorkdayCalendar()


@dataclass(frozen=True)
class QuietWindow:
    """One occurrence of the quiet hours, as aware instants."""

    start: datetime
    end: datetime


def quiet_window_at(moment: datetime, settings: UserSettings) -> QuietWindow | None:
    """The quiet hours `moment` falls in (start inclusive, end exclusive), or None."""
    local = to_local(moment)
    if not settings.is_quiet(local.time()):
        return None
    today = local.date()
    wraps = settings.quiet_end <= settings.quiet_start  # 22:00–08:00 spans midnight
    for day in (today - timedelta(days=1), today):
        start = local_instant(day, settings.quiet_start)
        end = local_instant(day + timedelta(days=1) if wraps else day, settings.quiet_end)
        if start <= moment < end:
            return QuietWindow(start, end)
    return None


def out_of_quiet_hours(
    moment: datetime,
    deadline: datetime,
    settings: UserSettings,
    quiet_lead: timedelta,
    *,
    after_deadline: bool = False,
) -> datetime:
    """The send time moved out of the quiet hours per rule 2 of this module."""
    window = quiet_window_at(moment, settings)
    if window is None:
        return moment
    if after_deadline or deadline > window.end:
        return window.end
    return window.start - quiet_lead


def first_working_day(month: date, calendar: WorkdayCalendar) -> date:
    """The first day of the month people work (after 元旦, the Spring Festival …)."""
    day = month.replace(day=1)
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def slot_time(rule: SlotRule, deadline: datetime, calendar: WorkdayCalendar) -> datetime | None:
    """The slot's time before quiet hours; None when the slot has no time for this deadline."""
    match rule.type:
        case "before":
            return deadline - rule.offset
        case "at":
            return deadline
        case "after" | "overdue":
            return deadline + rule.offset
        case "day_before":
            return _on_day(local_date(deadline) - timedelta(days=1), rule.wall)
        case "first_workday":
            return _on_day(first_working_day(local_date(deadline), calendar), rule.wall)
    raise ValueError(f"unknown slot type {rule.type!r}")


def _on_day(day: date, wall: time | None) -> datetime:
    if wall is None:
        raise ValueError("a wall-time slot without its time")
    return local_instant(day, wall)


def plan_slots(
    obligation: Obligation,
    config: ReminderConfig,
    settings: UserSettings,
    now: datetime,
    *,
    calendar: WorkdayCalendar | None = None,
) -> list[PlannedSlot]:
    """The obligation's reminders, earliest first (see the module's rules).

    `now` does not move any slot: a slot already past is kept so the sweep sends it, which is
    what makes the plan the same however often it is recomputed. `calendar` defaults to the
    shipped working-day calendar (for first_workday slots).
    """
    del now  # part of the planner's interface; the plan depends only on the obligation
    calendar = calendar or default_calendar()
    deadline = obligation.deadline
    timed: list[tuple[SlotRule, datetime]] = []
    for rule in config.slot_rules(obligation.kind):
        raw = slot_time(rule, deadline, calendar)
        if raw is None or (not rule.after_deadline and raw > deadline):
            continue
        moved = out_of_quiet_hours(
            raw, deadline, settings, config.quiet_lead, after_deadline=rule.after_deadline
        )
        timed.append((rule, moved))
    timed = _from_opening(timed, obligation, settings, config.quiet_lead)
    return _one_per_minute(timed, deadline)


def _from_opening(
    timed: list[tuple[SlotRule, datetime]],
    obligation: Obligation,
    settings: UserSettings,
    quiet_lead: timedelta,
) -> list[tuple[SlotRule, datetime]]:
    """Rule 3: slots before the obligation opened are dropped, but for the latest, sometimes."""
    opens_at = obligation.opens_at
    if opens_at is None:
        return timed
    kept = [(rule, at) for rule, at in timed if at >= opens_at]
    missed = [(rule, at) for rule, at in timed if at < opens_at]
    if kept or not missed:
        return kept
    rule, _ = max(missed, key=lambda pair: pair[1])
    at = out_of_quiet_hours(
        opens_at, obligation.deadline, settings, quiet_lead, after_deadline=rule.after_deadline
    )
    # The quiet hours would move it before the opening: the user is about now, send it now.
    return [(rule, max(at, opens_at))]


def _one_per_minute(
    timed: list[tuple[SlotRule, datetime]], deadline: datetime
) -> list[PlannedSlot]:
    by_minute: dict[datetime, tuple[SlotRule, datetime]] = {}
    for rule, at in sorted(timed, key=lambda pair: pair[1]):
        minute = at.replace(second=0, microsecond=0)
        by_minute[minute] = (rule, at)  # later in the list: closer to the deadline, wins
    return [
        PlannedSlot(slot=rule.name, send_at=at, deadline_at=deadline)
        for rule, at in sorted(by_minute.values(), key=lambda pair: pair[1])
    ]
