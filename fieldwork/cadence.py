"""How long a customer has gone without a visit, against the cadence the manager set for them."""

from __future__ import annotations

from datetime import datetime

from timekeeping.zone import local_date


def days_since(last_visit_at: datetime, now: datetime) -> int:
    """Whole Shanghai calendar days from the last visit to today (0: visited today)."""
    return max(0, (local_date(now) - local_date(last_visit_at)).days)


def visit_overdue(last_visit_at: datetime | None, cadence_days: int, now: datetime) -> bool:
    """Norm 1.2.3-09 (定期拜访客户): more days have passed than the customer's cadence allows.

    A customer never visited is not "overdue": there is no rhythm to have broken yet.
    """
    return last_visit_at is not None and days_since(last_visit_at, now) > cadence_days
