"""Deadlines that follow from the material's time rules, computed from knowledge-base data."""

from __future__ import annotations

from datetime import datetime, timedelta

from knowledge.model import DeadlineRule
from timekeeping.workdays import WorkdayCalendar

_UNIT = {
    "minutes": timedelta(minutes=1),
    "hours": timedelta(hours=1),
    "days": timedelta(days=1),
}


def rule_span(rule: DeadlineRule) -> timedelta:
    """The rule's amount as a time span (for minute, hour and day rules)."""
    if rule.amount is None or rule.unit not in _UNIT:
        raise ValueError(f"deadline rule {rule.id} has no fixed span")
    return rule.amount * _UNIT[rule.unit]


def thank_you_letter_due(visit_end: datetime, rule: DeadlineRule) -> datetime:
    """Norm 1.2.1-12: the thank-you letter is due 48 hours after a formal visit ends."""
    return visit_end + rule_span(rule)


def written_reply_due(
    received_at: datetime, rule: DeadlineRule, calendar: WorkdayCalendar
) -> datetime:
    """Norm 1.2.2-01: a customer's letter is answered in writing within 2 working days."""
    if rule.unit != "working_days" or rule.amount is None:
        raise ValueError(f"deadline rule {rule.id} is not counted in working days")
    return calendar.add_working_days(received_at, rule.amount)


def booking_is_late(planned_start: datetime, now: datetime, rule: DeadlineRule) -> bool:
    """Norm 1.2.1-04: a formal visit is booked with the customer at least a day ahead."""
    return planned_start - now < rule_span(rule)


def arrival_time(start: datetime, rule: DeadlineRule) -> datetime:
    """Norms 1.2.1-05 and 1.2.4-02: be there this long before the start at the latest."""
    return start - rule_span(rule)
