"""Composes a due reminder's message fresh from the records, or None once it is no longer open.

The sender calls compose_reminder for every due row: what the message says (and whether it is
sent at all) follows from the records at send time, never from what was planned earlier.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from access.policy import curates
from fieldwork.bid_checklist import arrive_by
from fieldwork.deadlines import arrival_time
from fieldwork.obligations import (
    BID_ARRIVE,
    BID_CHECKLIST,
    BID_SUMMARY,
    DEMAND_FORECAST,
    FOLLOW_UP,
    PLAN_CONFIRM,
    PLAN_DEPART,
    PLAN_LOG,
    REGULAR_VISIT,
    THANK_YOU_LETTER,
    WRITTEN_REPLY,
    Obligation,
    find_obligation,
    open_obligations,
)
from knowledge.base import KnowledgeBase
from knowledge.service import Knowledge
from learning.review import group_questions, new_groups_since
from reminders.config import ReminderConfig
from reminders.digest import DIGEST, digest_content, digest_day
from storage.reminders import Reminder
from storage.scope import Scope
from storage.settings import UserSettings
from storage.store import Records, Store
from timekeeping.zone import local_date
from views import reminders as texts
from views.bid import bid_card
from views.button_data import BidSummary, CustomerLog, PlanLog
from views.common import Button, Reply, fit_message
from views.reminder_buttons import (
    SNOOZE_HOUR,
    SNOOZE_HOUR_LABEL,
    SNOOZE_TOMORROW,
    SNOOZE_TOMORROW_LABEL,
    reminder_buttons,
    snooze_data,
)

Buttons = tuple[tuple[Button, ...], ...]
DAY = timedelta(days=1)


def curator(store: Store, user_id: int) -> bool:
    """Whether the user keeps the knowledge base (their digest counts new review groups)."""
    return curates(store.staff.active(user_id))


def compose_reminder(
    reminder: Reminder,
    store: Store,
    knowledge: Knowledge,
    config: ReminderConfig,
    now: datetime,
    *,
    late_after: timedelta | None = None,
) -> Reply | None:
    """The reminder's message; None when its obligation is no longer open (done, deleted, over).

    With `late_after` (the sweep interval plus config.late_grace), a reminder going out later
    than that after its planned time says so: （补发）.
    """
    del config  # the message depends on the records; the configuration only timed it
    late = late_after is not None and now - reminder.planned_at > late_after
    owner_id = reminder.owner_id
    records = store.records(Scope.own(owner_id))
    settings = store.settings.get(owner_id)
    kb = knowledge.kb
    if reminder.kind == DIGEST:
        return compose_digest(reminder, store, records, kb, settings, now)
    obligation = find_obligation(
        records, kb, settings, now, store.completions(owner_id), reminder.key
    )
    if obligation is None:
        return None
    return _compose(obligation, reminder.id, records, kb, settings, now, late)


def compose_digest(
    reminder: Reminder,
    store: Store,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
) -> Reply | None:
    """Today's deadlines and what is overdue; None when there is nothing to say, or when the
    digest is for a day already over (the bot was down through it)."""
    if digest_day(reminder.key) != local_date(now):
        return None
    obligations = open_obligations(
        records, kb, settings, now, store.completions(reminder.owner_id)
    )
    content = digest_content(obligations, now)
    if curator(store, reminder.owner_id):
        asked = store.unanswered.awaiting_review()
        content = replace(
            content, review_groups=new_groups_since(group_questions(asked), now - DAY)
        )
    if content.empty:
        return None
    return Reply(texts.digest_text(content, now))


def _compose(
    ob: Obligation,
    reminder_id: int,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    late: bool,
) -> Reply | None:
    subject_id = ob.subject[1] if ob.subject is not None else None
    customer = _customer_name(records, ob.customer_id)
    standard = reminder_buttons(reminder_id)
    if ob.kind == THANK_YOU_LETTER and subject_id is not None:
        visit = records.visits.get(subject_id)
        detail = texts.thank_you_detail(visit, now) if visit else None
        return Reply(texts.deadline_reminder_text(ob, detail, kb, now, late=late), standard)
    if ob.kind == WRITTEN_REPLY and subject_id is not None:
        letter = records.letters.get(subject_id)
        detail = texts.reply_detail(letter, now) if letter else None
        return Reply(texts.deadline_reminder_text(ob, detail, kb, now, late=late), standard)
    if ob.kind == FOLLOW_UP and subject_id is not None:
        item = records.follow_ups.get(subject_id)
        detail = texts.follow_up_detail(item) if item else None
        return Reply(texts.deadline_reminder_text(ob, detail, kb, now, late=late), standard)
    if ob.kind == DEMAND_FORECAST:
        return Reply(texts.deadline_reminder_text(ob, None, kb, now, late=late), standard)
    if ob.kind in (PLAN_CONFIRM, PLAN_DEPART, PLAN_LOG) and subject_id is not None:
        return _about_plan(ob, reminder_id, records, kb, settings, now, late, customer)
    if ob.kind in (BID_CHECKLIST, BID_ARRIVE, BID_SUMMARY) and subject_id is not None:
        return _about_bid(ob, reminder_id, records, kb, settings, now, late)
    if ob.kind == REGULAR_VISIT and subject_id is not None:
        found = records.customers.get(subject_id)
        if found is None:
            return None
        last_visit = records.visits.last_visit_at(found.id)
        text = texts.regular_visit_text(ob, found, last_visit, kb, now, late=late)
        log = Button("📝 记录拜访", CustomerLog(found.id).pack())
        return Reply(text, ((log,), *standard))
    return None


def _customer_name(records: Records, customer_id: int | None) -> str:
    if customer_id is None:
        return "客户"
    customer = records.customers.get(customer_id)
    return customer.name if customer is not None else "客户"


def _snooze_row(reminder_id: int) -> tuple[Button, ...]:
    return (
        Button(SNOOZE_HOUR_LABEL, snooze_data(reminder_id, SNOOZE_HOUR)),
        Button(SNOOZE_TOMORROW_LABEL, snooze_data(reminder_id, SNOOZE_TOMORROW)),
    )


def _about_plan(
    ob: Obligation,
    reminder_id: int,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    late: bool,
    customer: str,
) -> Reply | None:
    assert ob.subject is not None
    plan = records.plans.get(ob.subject[1])
    if plan is None:
        return None
    if ob.kind == PLAN_CONFIRM:
        text = texts.plan_confirm_text(ob, plan, customer, kb, now, late=late)
        return Reply(text, reminder_buttons(reminder_id))
    if ob.kind == PLAN_DEPART:
        rule = kb.deadline_rule("visit_arrival_lead")  # norm 1.2.1-05
        arrive = arrival_time(plan.starts_at, rule) if rule else plan.starts_at
        text = texts.departure_text(
            ob,
            plan.starts_at,
            arrive,
            settings.travel_minutes,
            f"拜访{customer}",
            texts.plan_departure_details(plan),
            kb,
            now,
            late=late,
        )
        return Reply(text, reminder_buttons(reminder_id))
    # Logging fulfils the obligation: the plan's own 记录这次拜访 opens /visit pre-filled.
    text = texts.plan_log_text(ob, plan, customer, kb, now, late=late)
    log = Button("📝 记录这次拜访", PlanLog(plan.id).pack())
    return Reply(text, ((log,), _snooze_row(reminder_id)))


def _about_bid(
    ob: Obligation,
    reminder_id: int,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    late: bool,
) -> Reply | None:
    assert ob.subject is not None
    bid = records.bids.get(ob.subject[1])
    if bid is None:
        return None
    customer = _customer_name(records, bid.customer_id) if bid.customer_id else None
    if ob.kind == BID_CHECKLIST:
        # The bid's own card: its tick buttons work from the reminder as they do from /bid.
        card = bid_card(bid, customer, kb, now)
        text = fit_message(f"{texts.bid_checklist_head(bid, now, late=late)}\n\n{card.text}")
        return Reply(text, (*card.buttons, *reminder_buttons(reminder_id)))
    if ob.kind == BID_ARRIVE:
        rule = kb.deadline_rule("bid_arrival_lead")  # norm 1.2.4-02
        arrive = arrive_by(bid.starts_at, rule) if rule else bid.starts_at
        text = texts.departure_text(
            ob,
            bid.starts_at,
            arrive,
            settings.travel_minutes,
            f"《{bid.project}》投标",
            texts.bid_departure_details(bid, customer),
            kb,
            now,
            late=late,
        )
        return Reply(text, reminder_buttons(reminder_id))
    text = texts.bid_summary_text(ob, bid, kb, now, late=late)
    write = Button("📝 写总结", BidSummary(bid.id).pack())
    return Reply(text, ((write,), _snooze_row(reminder_id)))
