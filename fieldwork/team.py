"""A team lead's view of the team: this week's work per member and what is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fieldwork.obligations import Obligation, open_obligations
from fieldwork.stats import Deadlines, window_start, work_stats
from knowledge.base import KnowledgeBase
from storage.scope import Scope
from storage.staff import StaffMember
from storage.store import Store


@dataclass(frozen=True)
class MemberWeek:
    member: StaffMember
    visits: int  # this week (Monday to now, Shanghai)
    overdue: tuple[Obligation, ...]
    thank_you: Deadlines  # this week's on-site visits' thank-you letters (1.2.1-12)
    replies: Deadlines  # this week's letters' written replies (1.2.2-01)


def overdue_of(store: Store, kb: KnowledgeBase, owner_id: int, now: datetime) -> list[Obligation]:
    """The member's open obligations whose deadline has passed, oldest first."""
    records = store.records(Scope.own(owner_id))
    obligations = open_obligations(
        records, kb, store.settings.get(owner_id), now, store.completions(owner_id)
    )
    return [ob for ob in obligations if ob.is_open_at(now) and ob.is_overdue_at(now)]


def team_week(
    store: Store, kb: KnowledgeBase, lead: StaffMember, members: list[StaffMember], now: datetime
) -> list[MemberWeek]:
    """One row per member (the lead's own scope is read-only over the team)."""
    readable = frozenset({lead.user_id, *(member.user_id for member in members)})
    scope = Scope(actor_id=lead.user_id, readable_owner_ids=readable)
    since = window_start(now, weeks=1)
    names = {member.user_id: member.name for member in members}
    records = store.records(scope)
    stats = work_stats(
        records.visit_facts(since),
        records.letter_facts(since),
        names,
        now,
        kb.deadline_rule("thank_you_letter"),
        always_shown=tuple(names),
        weeks=1,
    )
    by_owner = {row.owner_id: row for row in stats.members}
    return [
        MemberWeek(
            member=member,
            visits=by_owner[member.user_id].this_week,
            overdue=tuple(overdue_of(store, kb, member.user_id, now)),
            thank_you=by_owner[member.user_id].thank_you,
            replies=by_owner[member.user_id].replies,
        )
        for member in members
    ]


def escalations_due(
    store: Store,
    kb: KnowledgeBase,
    lead: StaffMember,
    members: list[StaffMember],
    now: datetime,
    after: timedelta,
) -> list[tuple[StaffMember, Obligation]]:
    """Members' items overdue by more than `after` that the lead has not been told about yet;
    recorded as told, so each is reported once."""
    found: list[tuple[StaffMember, Obligation]] = []
    for member in members:
        for obligation in overdue_of(store, kb, member.user_id, now):
            if now - obligation.deadline <= after:
                continue
            if store.escalations.told(lead.user_id, member.user_id, obligation.key):
                continue
            found.append((member, obligation))
    return found


def mark_escalated(store: Store, lead_id: int, owner_id: int, key: str, now: datetime) -> None:
    store.escalations.mark_told(lead_id, owner_id, key, now)
