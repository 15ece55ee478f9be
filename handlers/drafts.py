"""The paperwork the norms demand, drafted from the records: the thank-you letter (1.2.1-12), the
written reply (1.2.2), the bid summary (1.2.4-06); the signature they are signed with; and the
plan of the next visit a saved visit's next step dates.

Button data carries record ids, and ids grant nothing: every lookup goes through the presser's
own records, so another manager's id (forged, or a handed-over record) drafts nothing.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update

from dialogs import engine
from dialogs.engine import Turn
from dialogs.plan_form import PLAN_FORM
from dialogs.reply_form import REPLY_FORM
from dialogs.signature_form import SIGNATURE_FORM, THEN_KEY
from fieldwork.deadlines import thank_you_letter_due
from handlers.context import BotContext
from handlers.dialog import busy_notice, form_env
from handlers.plan import refused_outside_private
from handlers.reminder_sync import resync
from handlers.replying import pressed, send_to_chat
from ops.cpu_pool import PoolFull
from paperwork.draft import Draft
from paperwork.gather import bid_summary_for, thank_you_for
from paperwork.next_step import next_visit
from paperwork.word import word_file
from storage.models import KIND_COMMITMENT, WAY_ONSITE, Visit
from storage.store import Records
from timekeeping.zone import format_local, local_date
from views.button_data import (
    DraftBidSummary,
    DraftReply,
    DraftThankYou,
    EditSignature,
    PlanNext,
    ThankYouSent,
)
from views.drafts import (
    BID_SUMMARY_HEAD,
    DRAFT_GONE,
    NOT_ON_SITE,
    THANK_YOU_HEAD,
    draft_reply,
    need_signature,
    thank_you_buttons,
    thank_you_sent_text,
)
from views.heavy_work import POOL_FULL
from views.plan import next_visit_note


async def busy(update: Update, context: BotContext) -> None:
    """设置落款, 起草答复 or 计划下次拜访 pressed while another dialog is open."""
    query = update.callback_query
    if query is not None:
        await query.answer(busy_notice(context), show_alert=True)


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


def _own(records: Records, owner_id: int | None) -> bool:
    """A lead may read a member's records; drafting and marking stay the owner's."""
    return owner_id == records.scope.actor_id


def _own_visit(records: Records, visit_id: int) -> Visit | None:
    """The visit if it is the presser's own (not one a lead may only read), else None."""
    visit = records.visits.get(visit_id)
    return visit if visit is not None and _own(records, visit.owner_id) else None


async def _send_draft(
    query: CallbackQuery, context: BotContext, head: str, draft: Draft, buttons: tuple
) -> None:
    try:
        # A few tens of ms of python-docx: in a worker process, so nobody else waits for it.
        word = await context.bot_data.cpu.run(word_file, draft)
    except PoolFull:
        await query.answer(POOL_FULL, show_alert=True)
        return
    await query.answer()
    if query.message is not None:
        await send_to_chat(
            context.bot, query.message.chat.id, draft_reply(head, draft, word, buttons)
        )


async def draft_thank_you(update: Update, context: BotContext) -> None:
    """起草感谢函 / 重新生成: the letter of one of the presser's on-site visits."""
    query, button = pressed(update, DraftThankYou)
    if await refused_outside_private(query):
        return
    records = context.records_for(_user_id(update))
    visit = _own_visit(records, button.visit_id)
    if visit is None:
        await query.answer(DRAFT_GONE, show_alert=True)
        return
    if visit.way != WAY_ONSITE:
        await query.answer(NOT_ON_SITE, show_alert=True)
        return
    signature = records.signature.get()
    if signature is None:
        await query.answer()
        if query.message is not None:
            await send_to_chat(context.bot, query.message.chat.id, need_signature())
        if context.user_data is not None:
            context.user_data[THEN_KEY] = button.pack()
        return
    draft = thank_you_for(records, visit.id, signature, local_date(context.now()))
    if draft is None:
        await query.answer(DRAFT_GONE, show_alert=True)
        return
    await _send_draft(query, context, THANK_YOU_HEAD, draft, thank_you_buttons(visit.id))


async def thank_you_sent(update: Update, context: BotContext) -> None:
    """已送出: the letter went out; its reminders stop, /stats counts it on time or late."""
    query, button = pressed(update, ThankYouSent)
    records = context.records_for(_user_id(update))
    visit = _own_visit(records, button.visit_id)
    if visit is None:
        await query.answer(DRAFT_GONE, show_alert=True)
        return
    now = context.now()
    marked = records.visits.mark_thank_you_sent(visit.id, now)
    if marked is None or marked.thank_you_sent_at is None:
        await query.answer(NOT_ON_SITE, show_alert=True)
        return
    resync(context, _user_id(update), force=True)  # the pending thank-you reminders go
    rule = context.kb.kb.deadline_rule("thank_you_letter")
    due = thank_you_letter_due(visit.ended_at, rule) if rule else None
    text = thank_you_sent_text(
        marked.thank_you_sent_at,
        due,
        format_local(marked.thank_you_sent_at, now=now),
        format_local(due, now=now) if due else "",
    )
    await query.answer(text, show_alert=True)


async def draft_bid_summary(update: Update, context: BotContext) -> None:
    """起草总结: a draft of the bid's summary, for the manager to complete and record."""
    query, button = pressed(update, DraftBidSummary)
    if await refused_outside_private(query):
        return
    records = context.records_for(_user_id(update))
    bid = records.bids.get(button.bid_id)
    draft = (
        bid_summary_for(records, button.bid_id) if bid and _own(records, bid.owner_id) else None
    )
    if draft is None:
        await query.answer(DRAFT_GONE, show_alert=True)
        return
    await _send_draft(query, context, BID_SUMMARY_HEAD, draft, ())


async def start_signature(update: Update, context: BotContext) -> Turn | None:
    """设置落款: the signature dialog, name and team filled in from the staff record; after it
    the draft that asked for it is one tap away."""
    query, _ = pressed(update, EditSignature)
    if await refused_outside_private(query):
        return None
    env = form_env(update, context)
    member = context.member(env.user_id)
    current = env.records.signature.get()
    prefill = {
        "name": current.name if current else (member.name if member else None),
        "team": current.team if current else (member.team if member else None),
        "title": current.title if current else None,
        "phone": current.phone if current else None,
        "company": current.company if current else None,
    }
    prefill = {key: value for key, value in prefill.items() if value}
    then = (context.user_data or {}).pop(THEN_KEY, None)
    if isinstance(then, str):
        prefill[THEN_KEY] = then
    return engine.begin(SIGNATURE_FORM, env, prefill=prefill)


async def start_reply(update: Update, context: BotContext) -> Turn | None:
    """起草答复 on an open letter: the points of the letter, then the draft."""
    query, button = pressed(update, DraftReply)
    if await refused_outside_private(query):
        return None
    env = form_env(update, context)
    letter = env.records.letters.get(button.letter_id)
    if letter is None or not _own(env.records, letter.owner_id) or letter.answered_at:
        await query.answer(DRAFT_GONE, show_alert=True)
        return None
    if env.records.signature.get() is None:
        if query.message is not None:
            await send_to_chat(context.bot, query.message.chat.id, need_signature())
        if context.user_data is not None:
            context.user_data[THEN_KEY] = button.pack()
        return None
    return engine.begin(REPLY_FORM, env, prefill={"letter_id": letter.id})


async def start_next_plan(update: Update, context: BotContext) -> Turn | None:
    """计划下次拜访: the plan dialog with the customer and the day the next step named."""
    query, button = pressed(update, PlanNext)
    if await refused_outside_private(query):
        return None
    env = form_env(update, context)
    visit = _own_visit(env.records, button.visit_id)
    customer = env.records.customers.get(visit.customer_id) if visit else None
    if visit is None or customer is None:
        await query.answer(DRAFT_GONE, show_alert=True)
        return None
    items = env.records.follow_ups.for_visit(visit.id)
    promised = [item.text for item in items if item.kind == KIND_COMMITMENT]
    found = next_visit(visit, promised, env.now)
    prefill: dict[str, object] = {
        "customer": customer.name,
        "customer_id": customer.id,
        "customer_name": customer.name,
    }
    if found is not None and found.has_time:
        prefill |= {"time": "next", "starts_at": found.starts_at.isoformat(), "ends_at": None}
    note = next_visit_note(found, env.now) if found else None
    return engine.begin(PLAN_FORM, env, prefill=prefill, note=note)
