"""Spaced repetition per user and norm: Leitner boxes. A norm answered right moves up a box and
comes back later; answered wrong, it goes back to the first box and comes back the next day.
Mastery of a section is the share of its norms in the top boxes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from storage.practice import MASTERED_FROM, NormProgress

__all__ = ["MASTERED_FROM", "NormProgress", "after_answer", "due_norms", "mastery", "streak"]

FIRST_BOX = 1
TOP_BOX = 5
# Days until a norm in each box is asked again.
INTERVAL_DAYS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}


def after_answer(
    progress: NormProgress | None, norm_id: str, right: bool, today: date
) -> NormProgress:
    """The progress after one answer (a norm seen for the first time starts in the first box)."""
    box = progress.box if progress else FIRST_BOX - 1
    box = min(TOP_BOX, box + 1) if right else FIRST_BOX
    return NormProgress(
        norm_id,
        box,
        today + timedelta(days=INTERVAL_DAYS[box]),
        (progress.right if progress else 0) + right,
        (progress.wrong if progress else 0) + (not right),
    )


def due_norms(progress: Iterable[NormProgress], today: date) -> list[str]:
    """Norms due again, the weakest (lowest box) and the longest overdue first."""
    due = [item for item in progress if item.due_on <= today]
    return [
        item.norm_id
        for item in sorted(due, key=lambda item: (item.box, item.due_on, item.norm_id))
    ]


def mastery(progress: Mapping[str, NormProgress], norm_ids: Sequence[str]) -> float:
    """The share of these norms (a section's) the user has mastered, 0 to 1."""
    if not norm_ids:
        return 0.0
    return sum(1 for norm_id in norm_ids if (p := progress.get(norm_id)) and p.mastered) / len(
        norm_ids
    )


def streak(days_practised: Iterable[date], today: date) -> int:
    """Consecutive days with a finished round, ending today (or yesterday, while today's round
    is still to come)."""
    days = set(days_practised)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
