"""Composes a due reminder's message fresh from the records, or None once it is no longer open.

The sender calls compose_reminder for every due row: what the message says (and whether it is
sent at all) follows from the records at send time, never from what was planned earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from access.policy import curates
from dialogs.registry import FORMS
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
from fieldwork.reminder_actions import snooze_choices
from knowledge.base import KnowledgeBase
from knowledge.service import Knowledge
from learning.review import group_questions, new_groups_since
from paperwork.forecast import forecast_workbook
from paperwork.gather import brief_for, forecast_rows
from reminders.config import ReminderConfig
from reminders.digest import DIGEST, digest_content, digest_day
from reminders.practice import PRACTICE, compose_practice
from storage.models import WAY_ONSITE
from storage.reminders import Reminder
from storage.scope import Scope
from storage.settings import UserSettings
from storage.store import Records, Store
from timekeeping.zone import local_date
from views import reminders as texts
from views.bid import bid_card
from views.button_data import BidSummary, CustomerLog, DraftBidSummary, DraftThankYou, PlanLog
from views.common import Attachment, Button, FileToMake, Reply, fit_message
from views.drafts import DRAFT_BID_SUMMARY, DRAFT_THANK_YOU, FORECAST_NOTE
from views.reminder_buttons import (
    DEFAULT_SNOOZES,
    reminder_buttons,
    snooze_row,
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
    if reminder.kind == PRACTICE:
        titles = {name: form.title for name, form in FORMS.items()}
        return compose_practice(reminder, store, knowledge, settings, now, titles)
    obligation = find_obligation(
        records, kb, settings, now, store.completions(owner_id), reminder.key
    )
    if obligation is None:
        return None
    snoozes = snooze_choices(now, reminder.deadline_at, settings)
    return _compose(obligation, reminder.id, records, kb, settings, now, late, snoozes)


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
    snoozes: Sequence[str] = DEFAULT_SNOOZES,
) -> Reply | None:
    subject_id = ob.subject[1] if ob.subject is not None else None
    customer = _customer_name(records, ob.customer_id)
    standard = reminder_buttons(reminder_id, snoozes)
    if ob.kind == THANK_YOU_LETTER and subject_id is not None:
        visit = records.visits.get(subject_id)
        detail = texts.thank_you_detail(visit, now) if visit else None
        draft = Button(DRAFT_THANK_YOU, DraftThankYou(subject_id).pack())
        text = texts.deadline_reminder_text(ob, detail, kb, now, late=late)
        return Reply(text, ((draft,), *standard))
    if ob.kind == WRITTEN_REPLY and subject_id is not None:
        letter = records.letters.get(subject_id)
        detail = texts.reply_detail(letter, now) if letter else None
        return Reply(texts.deadline_reminder_text(ob, detail, kb, now, late=late), standard)
    if ob.kind == FOLLOW_UP and subject_id is not None:
        item = records.follow_ups.get(subject_id)
        detail = texts.follow_up_detail(item) if item else None
        return Reply(texts.deadline_reminder_text(ob, detail, kb, now, late=late), standard)
    if ob.kind == DEMAND_FORECAST:
        # Norm 1.2.3-05: the workbook prefilled with the customers, to fill in the forecast.
        month = local_date(now)
        # The rows are read now; the workbook (tens of ms of openpyxl) is made by the sender,
        # in the worker pool.
        workbook = Attachment(
            f"业务需求预测-{month:%Y-%m}.xlsx",
            FileToMake(forecast_workbook, (forecast_rows(records), month)),
        )
        text = texts.deadline_reminder_text(ob, None, kb, now, late=late)
        return Reply(f"{text}\n\n{FORECAST_NOTE}", standard, workbook)
    if ob.kind in (PLAN_CONFIRM, PLAN_DEPART, PLAN_LOG) and subject_id is not None:
        return _about_plan(ob, reminder_id, records, kb, settings, now, late, customer, snoozes)
    if ob.kind in (BID_CHECKLIST, BID_ARRIVE, BID_SUMMARY) and subject_id is not None:
        return _about_bid(ob, reminder_id, records, kb, settings, now, late, snoozes)
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


def _about_plan(
    ob: Obligation,
    reminder_id: int,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    late: bool,
    customer: str,
    snoozes: Sequence[str],
) -> Reply | None:
    assert ob.subject is not None
    plan = records.plans.get(ob.subject[1])
    if plan is None:
        return None
    # The day before and the time to leave, an on-site visit's brief comes along.
    brief = brief_for(records, plan, now) if plan.way == WAY_ONSITE else None
    if ob.kind == PLAN_CONFIRM:
        text = texts.plan_confirm_text(ob, plan, customer, kb, now, late=late)
        return Reply(_with_brief(text, brief), reminder_buttons(reminder_id, snoozes))
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
        return Reply(_with_brief(text, brief), reminder_buttons(reminder_id, snoozes))
    # Logging fulfils the obligation: the plan's own 记录这次拜访 opens /visit pre-filled.
    text = texts.plan_log_text(ob, plan, customer, kb, now, late=late)
    log = Button("📝 记录这次拜访", PlanLog(plan.id).pack())
    return Reply(text, ((log,), snooze_row(reminder_id, snoozes)))


def _with_brief(text: str, brief: str | None) -> str:
    return fit_message(f"{text}\n\n{brief}") if brief else text


def _about_bid(
    ob: Obligation,
    reminder_id: int,
    records: Records,
    kb: KnowledgeBase,
    settings: UserSettings,
    now: datetime,
    late: bool,
    snoozes: Sequence[str],
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
        return Reply(text, (*card.buttons, *reminder_buttons(reminder_id, snoozes)))
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
        return Reply(text, reminder_buttons(reminder_id, snoozes))
    text = texts.bid_summary_text(ob, bid, kb, now, late=late)
    write = Button("📝 写总结", BidSummary(bid.id).pack())
    draft = Button(DRAFT_BID_SUMMARY, DraftBidSummary(bid.id).pack())
    return Reply(text, ((write, draft), snooze_row(reminder_id, snoozes)))
