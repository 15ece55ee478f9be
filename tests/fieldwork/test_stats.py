"""The numbers behind /stats: Shanghai weeks, and deadlines kept, late or still open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from fieldwork.stats import (
    WEEKS,
    Deadlines,
    outcome,
    team_names,
    week_start,
    week_starts,
    window_start,
    work_stats,
)
from knowledge.model import DeadlineRule
from knowledge.service import Knowledge
from storage.models import WAY_ONSITE, WAY_PHONE, Way
from storage.staff import ROLE_LEAD, ROLE_MANAGER, Role, StaffMember
from storage.stats_queries import LetterFact, VisitFact
from tests.conftest import FIXED_NOW
from timekeeping.zone import SHANGHAI

ME = 100001
COLLEAGUE = 100002
HOUR = timedelta(hours=1)


def shanghai(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A Shanghai wall time as an aware UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def visit(
    started_at: datetime,
    *,
    owner: int = ME,
    way: Way = WAY_ONSITE,
    thank_you_sent_at: datetime | None = None,
) -> VisitFact:
    return VisitFact(owner, way, started_at, started_at + HOUR, thank_you_sent_at)


def letter(
    received_at: datetime, answered_at: datetime | None = None, *, owner: int = ME
) -> LetterFact:
    return LetterFact(owner, received_at, received_at + timedelta(days=2), answered_at)


def rule_of(hours: int) -> DeadlineRule:
    return DeadlineRule(
        "thank_you_letter", "1.2.1-12", "formal_visit", "end", "due_within", hours, "hours", "…"
    )


@pytest.fixture
def thank_you_rule(knowledge: Knowledge) -> DeadlineRule:
    rule = knowledge.kb.deadline_rule("thank_you_letter")
    assert rule is not None
    return rule


# -- weeks -----------------------------------------------------------------------------------


def test_a_week_starts_on_monday_in_shanghai_time() -> None:
    # Sunday 17:00 UTC is already Monday 01:00 in Shanghai.
    assert week_start(datetime(2026, 11, 22, 17, 0, tzinfo=UTC)) == date(2026, 11, 23)
    assert week_start(datetime(2026, 11, 22, 15, 59, tzinfo=UTC)) == date(2026, 11, 16)


def test_the_window_is_twelve_weeks_ending_with_the_current_one() -> None:
    mondays = week_starts(FIXED_NOW)  # Friday 27 November 2026
    assert len(mondays) == WEEKS == 12
    assert mondays[-1] == date(2026, 11, 23)
    assert mondays[0] == date(2026, 9, 7)
    assert window_start(FIXED_NOW) == shanghai(2026, 9, 7, 0, 0)


def test_weeks_run_across_the_year_boundary() -> None:
    now = shanghai(2026, 1, 2, 10, 0)  # Friday
    mondays = week_starts(now)
    assert mondays[-1] == date(2025, 12, 29)
    assert mondays[-2] == date(2025, 12, 22)
    assert all(later - earlier == timedelta(weeks=1) for earlier, later in pairwise(mondays))


def test_a_new_years_day_visit_counts_in_the_week_begun_in_december() -> None:
    now = shanghai(2026, 1, 2, 10, 0)
    stats = work_stats(
        [visit(shanghai(2026, 1, 1, 9, 0)), visit(shanghai(2025, 12, 28, 23, 30))],
        [],
        {ME: "李明"},
        now,
        rule_of(48),
    )
    assert stats.weeks[-1] == date(2025, 12, 29)
    assert stats.visits_per_week[-1] == 1  # 1 January
    assert stats.visits_per_week[-2] == 1  # Sunday 28 December, late evening
    assert (stats.this_week, stats.last_week) == (1, 1)


def test_a_visit_late_on_sunday_utc_counts_in_the_shanghai_monday_week() -> None:
    monday_early = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # Monday 01:30 in Shanghai
    stats = work_stats([visit(monday_early)], [], {ME: "李明"}, FIXED_NOW, rule_of(48))
    assert stats.visits_per_week[-1] == 1


def test_visits_before_the_window_are_not_counted() -> None:
    start = window_start(FIXED_NOW)
    stats = work_stats(
        [visit(start), visit(start - timedelta(seconds=1))],
        [],
        {ME: "李明"},
        FIXED_NOW,
        rule_of(48),
    )
    assert stats.visits == 1
    assert stats.visits_per_week[0] == 1


# -- deadlines -------------------------------------------------------------------------------


def test_outcome_of_an_obligation() -> None:
    due = FIXED_NOW
    assert outcome(due, due, FIXED_NOW + HOUR) == "on_time"
    assert outcome(due + timedelta(seconds=1), due, FIXED_NOW + HOUR) == "late"
    assert outcome(None, due, due + timedelta(seconds=1)) == "overdue"
    assert outcome(None, due, due) == "pending"


def test_thank_you_letters_on_time_late_overdue_and_open(thank_you_rule: DeadlineRule) -> None:
    ended = FIXED_NOW - timedelta(days=10) + HOUR
    day = timedelta(days=1)
    visits = [
        visit(FIXED_NOW - 10 * day, thank_you_sent_at=ended + 47 * HOUR),
        visit(FIXED_NOW - 10 * day, thank_you_sent_at=ended + 48 * HOUR),
        visit(FIXED_NOW - 10 * day, thank_you_sent_at=ended + 49 * HOUR),
        visit(FIXED_NOW - 10 * day),  # never sent: overdue
        visit(FIXED_NOW - 2 * HOUR),  # ended an hour ago: still open, not yet due
    ]
    stats = work_stats(visits, [], {ME: "李明"}, FIXED_NOW, thank_you_rule)
    assert stats.thank_you == Deadlines(on_time=2, late=1, overdue=1, pending=1)
    assert stats.thank_you.rate == pytest.approx(2 / 4)


def test_the_thank_you_deadline_comes_from_the_knowledge_base_rule() -> None:
    sent = visit(FIXED_NOW - timedelta(days=5), thank_you_sent_at=FIXED_NOW - timedelta(days=4))
    # Sent 23 hours after the visit ended: on time under a 48-hour rule, late under 12 hours.
    assert work_stats([sent], [], {ME: "李明"}, FIXED_NOW, rule_of(48)).thank_you.on_time == 1
    assert work_stats([sent], [], {ME: "李明"}, FIXED_NOW, rule_of(12)).thank_you.late == 1


def test_phone_visits_owe_no_thank_you_letter(thank_you_rule: DeadlineRule) -> None:
    stats = work_stats(
        [visit(FIXED_NOW - timedelta(days=5), way=WAY_PHONE)],
        [],
        {ME: "李明"},
        FIXED_NOW,
        thank_you_rule,
    )
    assert stats.visits == 1
    assert stats.thank_you == Deadlines()


def test_without_the_rule_thank_you_letters_are_not_counted() -> None:
    stats = work_stats([visit(FIXED_NOW - timedelta(days=5))], [], {ME: "李明"}, FIXED_NOW, None)
    assert not stats.thank_you_rule_known
    assert stats.thank_you == Deadlines()
    assert stats.visits == 1


def test_written_replies_on_time_late_and_open() -> None:
    received = FIXED_NOW - timedelta(days=7)
    letters = [
        letter(received, received + timedelta(days=1)),
        letter(received, received + timedelta(days=2)),  # exactly at the deadline
        letter(received, received + timedelta(days=3)),
        letter(received),  # unanswered, deadline passed
        letter(FIXED_NOW - HOUR),  # unanswered, due in two days
    ]
    stats = work_stats([], letters, {ME: "李明"}, FIXED_NOW, rule_of(48))
    assert stats.replies == Deadlines(on_time=2, late=1, overdue=1, pending=1)


def test_letters_received_before_the_window_are_not_counted() -> None:
    before = window_start(FIXED_NOW) - HOUR
    stats = work_stats([], [letter(before)], {ME: "李明"}, FIXED_NOW, rule_of(48))
    assert stats.replies == Deadlines()
    assert stats.empty


def test_no_rate_until_something_is_due() -> None:
    assert Deadlines().rate is None
    assert Deadlines(pending=3).rate is None
    assert Deadlines(on_time=3, late=1).rate == pytest.approx(0.75)


# -- members ---------------------------------------------------------------------------------


def test_per_member_counts_and_team_totals() -> None:
    day = timedelta(days=1)
    stats = work_stats(
        [
            visit(FIXED_NOW - day),
            visit(FIXED_NOW - 8 * day, owner=COLLEAGUE),
            visit(FIXED_NOW - 9 * day, owner=COLLEAGUE),
        ],
        [letter(FIXED_NOW - 9 * day, FIXED_NOW - 8 * day, owner=COLLEAGUE)],
        {COLLEAGUE: "王芳", ME: "李明"},
        FIXED_NOW,
        rule_of(48),
        team="政企一组",
    )
    assert [(m.name, m.visits, m.this_week, m.last_week) for m in stats.members] == [
        ("王芳", 2, 0, 2),
        ("李明", 1, 1, 0),
    ]
    assert stats.visits == 3
    assert (stats.this_week, stats.last_week) == (1, 2)
    assert stats.replies.on_time == 1


def test_members_with_nothing_are_left_out_unless_always_shown() -> None:
    names = {ME: "李明", COLLEAGUE: "王芳"}
    stats = work_stats([visit(FIXED_NOW - HOUR)], [], names, FIXED_NOW, rule_of(48))
    assert [member.name for member in stats.members] == ["李明"]
    stats = work_stats(
        [visit(FIXED_NOW - HOUR)], [], names, FIXED_NOW, rule_of(48), always_shown=[COLLEAGUE]
    )
    assert [member.name for member in stats.members] == ["李明", "王芳"]


def test_records_of_owners_not_named_are_ignored() -> None:
    stats = work_stats(
        [visit(FIXED_NOW - HOUR, owner=COLLEAGUE)],
        [letter(FIXED_NOW - HOUR, owner=COLLEAGUE)],
        {ME: "李明"},
        FIXED_NOW,
        rule_of(48),
        always_shown=[ME],
    )
    assert stats.visits == 0
    assert stats.replies == Deadlines()
    assert stats.empty


def member(
    user_id: int, name: str, role: Role = ROLE_MANAGER, *, active: bool = True
) -> StaffMember:
    return StaffMember(user_id, name, role, "政企一组", active, FIXED_NOW, FIXED_NOW)


def test_a_team_lists_active_members_by_name_then_the_lead_and_those_who_left() -> None:
    lead = member(1, "赵组长", ROLE_LEAD)
    staff = [lead, member(3, "王芳"), member(2, "李明"), member(4, "孙悦", active=False)]
    names, always_shown = team_names(lead, staff, {1, 2, 3, 4})
    assert list(names.values()) == ["李明", "王芳", "赵组长（本人）", "孙悦（已停用）"]
    assert always_shown == (2, 3)
