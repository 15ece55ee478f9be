"""What the user still has to do and by when, derived from the records and the deadline rules.

An obligation is never stored: it follows from the records (an on-site visit without its
thank-you letter, an open letter, a planned visit …) and the knowledge base's deadline rules,
so completing or deleting the record is what closes it (docs/reminders.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Final

from fieldwork.deadlines import arrival_time, rule_span, thank_you_letter_due
from knowledge.base import KnowledgeBase
from knowledge.model import DeadlineRule
from storage.completions import CompletionRepository
from storage.models import (
    KIND_REQUEST,
    PLAN_PLANNED,
    WAY_ONSITE,
    Bid,
    Customer,
    CustomerLetter,
    FollowUpItem,
    PlannedVisit,
    Visit,
)
from storage.settings import UserSettings
from storage.store import Records
from timekeeping.zone import end_of_local_day, local_date, local_instant

THANK_YOU_LETTER: Final = "thank_you_letter"
WRITTEN_REPLY: Final = "written_reply"
FOLLOW_UP: Final = "follow_up"
PLAN_CONFIRM: Final = "plan_confirm"
PLAN_DEPART: Final = "plan_depart"
PLAN_LOG: Final = "plan_log"
BID_CHECKLIST: Final = "bid_checklist"
BID_ARRIVE: Final = "bid_arrive"
BID_SUMMARY: Final = "bid_summary"
DEMAND_FORECAST: Final = "demand_forecast"
REGULAR_VISIT: Final = "regular_visit"
OBLIGATION_KINDS: tuple[str, ...] = (
    THANK_YOU_LETTER,
    WRITTEN_REPLY,
    FOLLOW_UP,
    PLAN_CONFIRM,
    PLAN_DEPART,
    PLAN_LOG,
    BID_CHECKLIST,
    BID_ARRIVE,
    BID_SUMMARY,
    DEMAND_FORECAST,
    REGULAR_VISIT,
)
# Kinds whose deadline is the event they follow (a planned visit's end, a bid's start): once
# past it they are simply to do now, not "overdue".
AFTER_EVENT_KINDS = frozenset({PLAN_LOG, BID_SUMMARY})

# How far back the records are read. A thank-you letter whose deadline passed more than this ago,
# a plan never logged or a bid never summed up that long after, is old history: it no longer
# nags (the records keep it). /bid keeps bids awaiting a summary for the same 30 days.
HISTORY: Final = timedelta(days=30)
# A planned visit without an end is taken to last an hour (docs/reminders.md, plan_log).
PLAN_LENGTH_WHEN_OPEN: Final = timedelta(hours=1)
# Logging a planned visit fulfils norm 1.2.1-15 (做正式的拜访记录), which has no deadline rule.
VISIT_RECORD_NORM: Final = "1.2.1-15"


@dataclass(frozen=True)
class Obligation:
    """Something open with a deadline; `key` is stable while it stays the same thing to do."""

    key: str  # thank_you_letter:visit:12, demand_forecast:2026-12 …
    kind: str
    owner_id: int
    deadline: datetime  # aware UTC; for AFTER_EVENT_KINDS the event it follows
    title: str  # "给华为技术有限公司送感谢函"
    rule_id: str | None  # deadline rule id → norm → 出处
    subject: tuple[str, int] | None  # ("visits", 12), ("customer_letters", 5) …
    customer_id: int | None
    norm_id: str | None = None  # the norm cited on the 出处 line (the rule's, or the kind's)
    # From when it is open: the record's creation, or later (a plan's end for plan_log, a bid's
    # start for bid_summary). Reminders that fell before it are not sent after the fact, and
    # lists for people (/todo, the digest) leave it out until then.
    opens_at: datetime | None = None

    def is_open_at(self, now: datetime) -> bool:
        return self.opens_at is None or self.opens_at <= now

    def is_overdue_at(self, now: datetime) -> bool:
        return self.kind not in AFTER_EVENT_KINDS and self.deadline < now


def open_obligations(
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    completions: CompletionRepository,
) -> list[Obligation]:
    """Every open obligation of the records' owner, soonest deadline first.

    `records` must be the owner's own scope (Scope.own). Included are obligations that open
    later (a plan's log prompt before the visit) so their reminders can be planned ahead; use
    `Obligation.is_open_at` for what to show now. Thank-you letters, plan logs and bid summaries
    older than HISTORY are left out, so old history does not nag for ever. Obligations whose key
    the user completed without a record of its own (the monthly forecast, or 已完成 on a
    departure reminder) are left out too.
    """
    owner_id = records.scope.actor_id
    names = dict(records.customers.names())
    since = _thank_you_visits_since(kb, now)
    plans = records.plans.upcoming(now - HISTORY)
    customers = records.customers.all()
    planned_customers = {plan.customer_id for plan in plans if plan.starts_at > now}
    found = [
        *_thank_you_letters(records.visits.all_between(since, None), kb, owner_id, names, now),
        *_written_replies(records.letters.open_letters(), kb, owner_id, names),
        *_follow_ups(records.follow_ups.open_items(), kb, owner_id, names),
        *_plans(plans, kb, settings, owner_id, names, now),
        *_bids(records.bids.upcoming(now - HISTORY), kb, settings, owner_id, now),
        *_demand_forecasts(customers, kb, owner_id, now),
        *_regular_visits(records, customers, planned_customers, kb, owner_id),
    ]
    done = completions.done_keys()
    return sorted(
        (obligation for obligation in found if obligation.key not in done),
        key=lambda obligation: (obligation.deadline, obligation.key),
    )


def find_obligation(
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    completions: CompletionRepository,
    key: str,
) -> Obligation | None:
    """The open obligation with this key, or None: what open_obligations would list for it,
    read through its one record rather than all of them (a reminder is composed this way)."""
    if completions.is_done(key):
        return None
    owner_id = records.scope.actor_id
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    record_id = int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else None
    names = dict(records.customers.names())
    candidates: list[Obligation] = []
    if kind == THANK_YOU_LETTER and record_id is not None:
        visit = records.visits.get(record_id)
        if visit is not None and visit.started_at >= _thank_you_visits_since(kb, now):
            candidates += _thank_you_letters([visit], kb, owner_id, names, now)
    elif kind == WRITTEN_REPLY and record_id is not None:
        letter = records.letters.get(record_id)
        if letter is not None and letter.answered_at is None:
            candidates += _written_replies([letter], kb, owner_id, names)
    elif kind == FOLLOW_UP and record_id is not None:
        item = records.follow_ups.get(record_id)
        if item is not None and item.done_at is None:
            candidates += _follow_ups([item], kb, owner_id, names)
    elif kind in (PLAN_CONFIRM, PLAN_DEPART, PLAN_LOG) and record_id is not None:
        plan = records.plans.get(record_id)
        if plan is not None and plan.status == PLAN_PLANNED and plan.starts_at >= now - HISTORY:
            candidates += _plans([plan], kb, settings, owner_id, names, now)
    elif kind in (BID_CHECKLIST, BID_ARRIVE, BID_SUMMARY) and record_id is not None:
        bid = records.bids.get(record_id)
        if bid is not None and bid.starts_at >= now - HISTORY:
            candidates += _bids([bid], kb, settings, owner_id, now)
    elif kind == DEMAND_FORECAST:
        candidates += _demand_forecasts(records.customers.all(), kb, owner_id, now)
    elif kind == REGULAR_VISIT and record_id is not None:
        customer = records.customers.get(record_id)
        if customer is not None:
            planned = {
                plan.customer_id
                for plan in records.plans.for_customer(customer.id)
                if plan.starts_at > now
            }
            candidates += _regular_visits(records, [customer], planned, kb, owner_id)
    for obligation in candidates:
        if obligation.key == key and obligation.owner_id == owner_id:
            return obligation
    return None


def _rule(kb: KnowledgeBase, rule_id: str) -> DeadlineRule:
    rule = kb.deadline_rule(rule_id)
    if rule is None:  # the loader's coverage check keeps these rules; a KB without them is broken
        raise LookupError(f"the knowledge base has no deadline rule {rule_id!r}")
    return rule


def _name(names: Mapping[int, str], customer_id: int | None) -> str:
    return names.get(customer_id, "客户") if customer_id is not None else "客户"


def _thank_you_visits_since(kb: KnowledgeBase, now: datetime) -> datetime:
    """Visits are read by start; a day's slack covers the length of a long visit."""
    return now - HISTORY - rule_span(_rule(kb, "thank_you_letter")) - timedelta(days=1)


def _thank_you_letters(
    visits: Iterable[Visit],
    kb: KnowledgeBase,
    owner_id: int,
    names: Mapping[int, str],
    now: datetime,
) -> Iterable[Obligation]:
    rule = _rule(kb, "thank_you_letter")  # norm 1.2.1-12, for formal (on-site) visits
    for visit in visits:
        if visit.way != WAY_ONSITE or visit.thank_you_sent_at is not None:
            continue
        due = thank_you_letter_due(visit.ended_at, rule)
        if due < now - HISTORY:
            continue
        yield _about_visit(visit, due, rule, owner_id, names)


def _about_visit(
    visit: Visit, due: datetime, rule: DeadlineRule, owner_id: int, names: Mapping[int, str]
) -> Obligation:
    return Obligation(
        key=f"{THANK_YOU_LETTER}:visit:{visit.id}",
        kind=THANK_YOU_LETTER,
        owner_id=owner_id,
        deadline=due,
        title=f"给{_name(names, visit.customer_id)}送感谢函",
        rule_id=rule.id,
        subject=("visits", visit.id),
        customer_id=visit.customer_id,
        norm_id=rule.norm_id,
        opens_at=visit.created_at,
    )


def _written_replies(
    letters: Iterable[CustomerLetter], kb: KnowledgeBase, owner_id: int, names: Mapping[int, str]
) -> Iterable[Obligation]:
    rule = _rule(kb, "written_reply")  # norm 1.2.2-01; reply_due_at was counted on arrival
    for letter in letters:
        yield Obligation(
            key=f"{WRITTEN_REPLY}:letter:{letter.id}",
            kind=WRITTEN_REPLY,
            owner_id=owner_id,
            deadline=letter.reply_due_at,
            title=f"书面答复{_name(names, letter.customer_id)}的来函《{letter.subject}》",
            rule_id=rule.id,
            subject=("customer_letters", letter.id),
            customer_id=letter.customer_id,
            norm_id=rule.norm_id,
            opens_at=letter.created_at,
        )


def _follow_ups(
    items: Iterable[FollowUpItem], kb: KnowledgeBase, owner_id: int, names: Mapping[int, str]
) -> Iterable[Obligation]:
    request_rule = _rule(kb, "customer_request_follow_up")  # norm 1.2.1-16
    commitment_rule = _rule(kb, "commitment_kept")
    for item in items:
        customer = _name(names, item.customer_id)
        if item.kind == KIND_REQUEST:
            rule, title = request_rule, f"落实{customer}的要求：{item.text}"
        else:
            rule, title = commitment_rule, f"履行对{customer}的承诺：{item.text}"
        yield Obligation(
            key=f"{FOLLOW_UP}:item:{item.id}",
            kind=FOLLOW_UP,
            owner_id=owner_id,
            deadline=item.due_at,
            title=title,
            rule_id=rule.id,
            subject=("follow_up_items", item.id),
            customer_id=item.customer_id,
            norm_id=rule.norm_id,
            opens_at=item.created_at,
        )


def leave_by(start: datetime, rule: DeadlineRule, settings: UserSettings) -> datetime:
    """When to set off: arrive the rule's lead before the start, with the user's travel time."""
    return arrival_time(start, rule) - timedelta(minutes=settings.travel_minutes)


def plan_end(plan: PlannedVisit) -> datetime:
    return plan.ends_at if plan.ends_at is not None else plan.starts_at + PLAN_LENGTH_WHEN_OPEN


def _about_plan(
    plan: PlannedVisit,
    kind: str,
    deadline: datetime,
    title: str,
    rule_id: str | None,
    norm_id: str,
    owner_id: int,
) -> Obligation:
    return Obligation(
        key=f"{kind}:plan:{plan.id}",
        kind=kind,
        owner_id=owner_id,
        deadline=deadline,
        title=title,
        rule_id=rule_id,
        subject=("planned_visits", plan.id),
        customer_id=plan.customer_id,
        norm_id=norm_id,
        opens_at=plan.created_at,
    )


def _plans(
    plans: Iterable[PlannedVisit],
    kb: KnowledgeBase,
    settings: UserSettings,
    owner_id: int,
    names: Mapping[int, str],
    now: datetime,
) -> Iterable[Obligation]:
    booking = _rule(kb, "visit_booking_lead")  # norm 1.2.1-04
    arrival = _rule(kb, "visit_arrival_lead")  # norm 1.2.1-05
    for plan in plans:  # open plans only: a logged or cancelled plan has nothing left to do
        customer = _name(names, plan.customer_id)
        if plan.starts_at > now and plan.way == WAY_ONSITE:
            # Booking and arriving early are rules of formal (on-site) visits.
            if not plan.booking_confirmed:
                yield _about_plan(
                    plan,
                    PLAN_CONFIRM,
                    plan.starts_at,
                    f"和{customer}确认拜访预约",
                    booking.id,
                    booking.norm_id,
                    owner_id,
                )
            yield _about_plan(
                plan,
                PLAN_DEPART,
                leave_by(plan.starts_at, arrival, settings),
                f"出发拜访{customer}",
                arrival.id,
                arrival.norm_id,
                owner_id,
            )
        end = plan_end(plan)
        if end >= now - HISTORY:
            log = _about_plan(
                plan, PLAN_LOG, end, f"记录对{customer}的拜访", None, VISIT_RECORD_NORM, owner_id
            )
            yield replace(log, opens_at=max(end, plan.created_at))


def _about_bid(
    bid: Bid, kind: str, deadline: datetime, title: str, rule: DeadlineRule, owner_id: int
) -> Obligation:
    return Obligation(
        key=f"{kind}:bid:{bid.id}",
        kind=kind,
        owner_id=owner_id,
        deadline=deadline,
        title=title,
        rule_id=rule.id,
        subject=("bids", bid.id),
        customer_id=bid.customer_id,
        norm_id=rule.norm_id,
        opens_at=bid.created_at,
    )


def _bids(
    bids: Iterable[Bid], kb: KnowledgeBase, settings: UserSettings, owner_id: int, now: datetime
) -> Iterable[Obligation]:
    checklist = _rule(kb, "bid_equipment_check")  # norm 1.2.4-03
    arrival = _rule(kb, "bid_arrival_lead")  # norm 1.2.4-02
    summary = _rule(kb, "bid_summary")  # norm 1.2.4-06
    for bid in bids:
        project = f"《{bid.project}》投标"
        if bid.starts_at > now:
            yield _about_bid(
                bid,
                BID_CHECKLIST,
                bid.starts_at,
                f"检查{project}的现场必需品",
                checklist,
                owner_id,
            )
            yield _about_bid(
                bid,
                BID_ARRIVE,
                leave_by(bid.starts_at, arrival, settings),
                f"出发参加{project}",
                arrival,
                owner_id,
            )
        if bid.summary is None:
            # The bid's end is not recorded; the summary is due from its start on.
            written = _about_bid(
                bid, BID_SUMMARY, bid.starts_at, f"总结{project}", summary, owner_id
            )
            yield replace(written, opens_at=max(bid.starts_at, bid.created_at))


def forecast_key(month: date) -> str:
    return f"{DEMAND_FORECAST}:{month:%Y-%m}"


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (month_start(day) + timedelta(days=32)).replace(day=1)


def _demand_forecasts(
    customers: list[Customer], kb: KnowledgeBase, owner_id: int, now: datetime
) -> Iterable[Obligation]:
    """Norm 1.2.3-05 (每月做好客户的各类业务需求预测): one forecast a month, once there are
    customers, due at the end of the month. Last month's stays open through this month if it
    was never done, so its overdue reminder at the month's end is not lost."""
    if not customers:
        return
    rule = _rule(kb, "monthly_demand_forecast")
    first_customer = min(customer.created_at for customer in customers)
    this_month = month_start(local_date(now))
    last_month = month_start(this_month - timedelta(days=1))
    for month in (last_month, this_month):
        begins = local_instant(month, datetime.min.time())
        ends = end_of_local_day(next_month(month) - timedelta(days=1))
        if first_customer > ends:
            continue
        yield Obligation(
            key=forecast_key(month),
            kind=DEMAND_FORECAST,
            owner_id=owner_id,
            deadline=ends,
            title=f"做好{month.month}月客户业务需求预测（{len(customers)}个客户）",
            rule_id=rule.id,
            subject=None,
            customer_id=None,
            norm_id=rule.norm_id,
            opens_at=max(begins, first_customer),
        )


def _regular_visits(
    records: Records,
    customers: list[Customer],
    planned_customers: set[int],
    kb: KnowledgeBase,
    owner_id: int,
) -> Iterable[Obligation]:
    """Norm 1.2.3-09 (定期拜访客户): a customer goes no longer than its cadence without a visit.

    The cadence runs from the last visit (of any way), or from when the customer was added if
    never visited; the visit is due by the end of the cadence's last day, and the obligation
    opens when that has passed. A customer with a visit planned ahead is already seen to.
    The key carries the date the cadence runs from, so each new visit starts a new episode.
    """
    rule = _rule(kb, "regular_visits")
    for customer in customers:
        if customer.id in planned_customers:
            continue
        last_visit = records.visits.last_visit_at(customer.id)
        since = local_date(last_visit or customer.created_at)
        deadline = end_of_local_day(since + timedelta(days=customer.visit_cadence_days))
        never = "（尚未拜访过）" if last_visit is None else ""
        yield Obligation(
            key=f"{REGULAR_VISIT}:customer:{customer.id}:{since.isoformat()}",
            kind=REGULAR_VISIT,
            owner_id=owner_id,
            deadline=deadline,
            title=f"定期拜访{customer.name}{never}",
            rule_id=rule.id,
            subject=("customers", customer.id),
            customer_id=customer.id,
            norm_id=rule.norm_id,
            opens_at=deadline,
        )
