"""A dated next step becomes a plan: the day a visit's next step or commitment names
("下周二带方案再上门", "12月20日前再约一次"), read with the dialogs' time grammar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.models import Visit
from timekeeping.grammar import find_moment
from timekeeping.resolve import resolve_moment
from timekeeping.results import TimeParseError


@dataclass(frozen=True)
class NextVisit:
    """When the next visit could be, and the words that said so."""

    starts_at: datetime
    has_time: bool
    said: str  # "下周二上午"
    source: str  # the next step or commitment it comes from


def next_visit(visit: Visit, commitments: Sequence[str], now: datetime) -> NextVisit | None:
    """The first future day named in the next step, else in a commitment; None if none is."""
    for text in (visit.next_step or "", *commitments):
        found = find_moment(text)
        if found is None:
            continue
        expression, said = found
        try:
            moment = resolve_moment(expression, now, "future", "start")
        except TimeParseError:
            continue
        if moment.instant > now:
            return NextVisit(moment.instant, moment.has_time, said, text)
    return None
