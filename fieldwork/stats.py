"""The numbers behind /stats: visits per week and deadlines kept, per staff member.

Pure: facts, names and `now` in, plain data out. Weeks are Monday-based in Shanghai time (the
managers' working week), the last of them the current one, so a visit on New Year's Day falls in
the week that began in December.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from fieldwork.deadlines import thank_you_letter_due
from knowledge.model import DeadlineRule
from storage.models import WAY_ONSITE
from storage.staff import StaffMember
from storage.stats_queries import LetterFact, VisitFact
from timekeeping.zone import local_date, local_instant

WEEKS = 12

Outcome = Literal["on_time", "late", "overdue", "pending"]


def week_start(instant: datetime) -> date:
    """The Monday (Shanghai calendar) of the week the instant falls in."""
    day = local_date(instant)
    return day - timedelta(days=day.weekday())


def week_starts(now: datetime, weeks: int = WEEKS) -> tuple[date, ...]:
    """The Mondays of the last `weeks` weeks, oldest first; the last is the current week."""
    this_week = week_start(now)
    return tuple(this_week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))


def window_start(now: datetime, weeks: int = WEEKS) -> datetime:
    """Midnight in Shanghai on the first Monday of the window, as a UTC instant."""
    return local_instant(week_starts(now, weeks)[0], time(0, 0))


def outcome(done_at: datetime | None, due_at: datetime, now: datetime) -> Outcome:
    """How an obligation with a deadline stands: kept, kept late, overdue or not yet due."""
    if done_at is not None:
        return "on_time" if done_at <= due_at else "late"
    return "overdue" if now > due_at else "pending"


@dataclass(frozen=True)
class Deadlines:
    """Obligations counted by outcome. `late` were done after the deadline; `overdue` are
    still not done with the deadline past; `pending` are not done and not yet due."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0

    @classmethod
    def count(cls, outcomes: Iterable[Outcome]) -> Deadlines:
        found = list(outcomes)
        return cls(*(found.count(kind) for kind in ("on_time", "late", "overdue", "pending")))

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.overdue + self.pending

    @property
    def decided(self) -> int:
        """Those whose outcome is known: done, or overdue (late whatever happens next)."""
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        """Share kept on time among the decided; None while none is decided."""
        return self.on_time / self.decided if self.decided else None

    def __add__(self, other: Deadlines) -> Deadlines:
        return Deadlines(
            self.on_time + other.on_time,
            self.late + other.late,
            self.overdue + other.overdue,
            self.pending + other.pending,
        )


@dataclass(frozen=True)
class MemberStats:
    owner_id: int
    name: str
    visits_per_week: tuple[int, ...]  # aligned with WorkStats.weeks
    thank_you: Deadlines  # norm 1.2.1-12: thank-you letter after an on-site visit
    replies: Deadlines  # norm 1.2.2-01: written reply to a customer's letter

    @property
    def visits(self) -> int:
        return sum(self.visits_per_week)

    @property
    def this_week(self) -> int:
        return self.visits_per_week[-1]

    @property
    def last_week(self) -> int:
        return self.visits_per_week[-2] if len(self.visits_per_week) > 1 else 0

    @property
    def empty(self) -> bool:
        return not (self.visits or self.thank_you.total or self.replies.total)


@dataclass(frozen=True)
class WorkStats:
    now: datetime
    weeks: tuple[date, ...]  # Mondays, oldest first
    members: tuple[MemberStats, ...]
    thank_you_rule_known: bool = True
    team: str | None = None  # set for a team lead's view

    @property
    def visits_per_week(self) -> tuple[int, ...]:
        return tuple(
            sum(member.visits_per_week[week] for member in self.members)
            for week in range(len(self.weeks))
        )

    @property
    def visits(self) -> int:
        return sum(member.visits for member in self.members)

    @property
    def this_week(self) -> int:
        return sum(member.this_week for member in self.members)

    @property
    def last_week(self) -> int:
        return sum(member.last_week for member in self.members)

    @property
    def thank_you(self) -> Deadlines:
        return sum((member.thank_you for member in self.members), Deadlines())

    @property
    def replies(self) -> Deadlines:
        return sum((member.replies for member in self.members), Deadlines())

    @property
    def empty(self) -> bool:
        return all(member.empty for member in self.members)


def work_stats(
    visits: Iterable[VisitFact],
    letters: Iterable[LetterFact],
    names: Mapping[int, str],
    now: datetime,
    thank_you_rule: DeadlineRule | None,
    *,
    always_shown: Sequence[int] = (),
    team: str | None = None,
    weeks: int = WEEKS,
) -> WorkStats:
    """Per member of `names` (in its order): visits per week over the last `weeks` weeks, and
    how the thank-you letters of those weeks' on-site visits and the written replies to letters
    received in them kept their deadlines. Members with nothing in the window are left out
    unless listed in `always_shown`; facts of owners not in `names` are ignored."""
    mondays = week_starts(now, weeks)
    index = {monday: position for position, monday in enumerate(mondays)}
    per_week = {owner: [0] * weeks for owner in names}
    thank_you: dict[int, list[Outcome]] = {owner: [] for owner in names}
    replies: dict[int, list[Outcome]] = {owner: [] for owner in names}

    for visit in visits:
        position = index.get(week_start(visit.started_at))
        if position is None or visit.owner_id not in names:
            continue
        per_week[visit.owner_id][position] += 1
        if visit.way == WAY_ONSITE and thank_you_rule is not None:
            due = thank_you_letter_due(visit.ended_at, thank_you_rule)
            thank_you[visit.owner_id].append(outcome(visit.thank_you_sent_at, due, now))

    for letter in letters:
        if week_start(letter.received_at) not in index or letter.owner_id not in names:
            continue
        replies[letter.owner_id].append(outcome(letter.answered_at, letter.reply_due_at, now))

    members = (
        MemberStats(
            owner_id=owner,
            name=name,
            visits_per_week=tuple(per_week[owner]),
            thank_you=Deadlines.count(thank_you[owner]),
            replies=Deadlines.count(replies[owner]),
        )
        for owner, name in names.items()
    )
    return WorkStats(
        now=now,
        weeks=mondays,
        members=tuple(m for m in members if not m.empty or m.owner_id in always_shown),
        thank_you_rule_known=thank_you_rule is not None,
        team=team,
    )


def team_names(
    lead: StaffMember, staff: Iterable[StaffMember], readable: Iterable[int]
) -> tuple[dict[int, str], tuple[int, ...]]:
    """A team lead's rows: the names of the owners they may read, in the order shown, and who
    is shown even with nothing to count.

    Active members come first, by name, and are always shown; then the lead's own records and
    those of members who have left (their records stay with the company), only when there is
    something in the window.
    """
    known = {member.user_id: member for member in staff}
    others = sorted(set(readable) - {lead.user_id})
    active = sorted(
        (known[owner] for owner in others if owner in known and known[owner].active),
        key=lambda member: member.name,
    )
    names = {member.user_id: member.name for member in active}
    names[lead.user_id] = f"{lead.name}（本人）"
    for owner in others:
        if owner not in names:
            left = known.get(owner)
            names[owner] = f"{left.name}（已停用）" if left is not None else f"同事{owner}"
    return names, tuple(member.user_id for member in active)
