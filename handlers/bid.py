"""/bid — upcoming bids with their checklist, recording a bid, and the summary afterwards."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from dialogs import engine
from dialogs.bid_form import BID_FORM, BID_SUMMARY_FORM
from dialogs.engine import Turn
from fieldwork.bid_checklist import bid_has_begun, checklist_item
from handlers.context import BotContext
from handlers.dialog import END, busy_notice, deliver, form_env
from handlers.plan import begin_from_button, refused_outside_private
from handlers.replying import edit_reply, pressed, send_reply
from storage.models import Bid
from storage.store import Records
from textinput.normalization import typed_argument
from views.bid import (
    BID_GONE,
    NOT_BEGUN,
    UNKNOWN_ITEM,
    bid_card,
    bids_footer,
    ticked_answer,
)
from views.button_data import BidButton, BidSummary, BidTick
from views.common import Reply

# A bid stays on /bid this long after it began, so its summary is not forgotten.
SUMMARY_WINDOW = timedelta(days=30)
CARD_LIMIT = 8  # one message per bid; more than this at once would flood the chat


def _customer_name(records: Records, bid: Bid) -> str | None:
    if bid.customer_id is None:
        return None
    customer = records.customers.get(bid.customer_id)
    return customer.name if customer is not None else None


def _card(records: Records, bid: Bid, context: BotContext) -> Reply:
    return bid_card(bid, _customer_name(records, bid), context.kb.kb, context.now())


def _bids_to_show(records: Records, context: BotContext) -> list[Bid]:
    """Recent bids still to sum up, then the upcoming ones, soonest first."""
    now = context.now()
    awaiting_summary = [
        bid
        for bid in records.bids.upcoming(now - SUMMARY_WINDOW)
        if bid_has_begun(bid.starts_at, now) and bid.summary is None
    ]
    return [*awaiting_summary, *records.bids.upcoming(now)][:CARD_LIMIT]


async def start_bid(update: Update, context: BotContext) -> Turn | None:
    """/bid shows each upcoming bid's checklist; /bid 项目 records a bid for that project."""
    env = form_env(update, context)
    typed = typed_argument(context.args)
    if typed:
        turn = engine.begin(BID_FORM, env)
        assert turn.session is not None
        return engine.on_text(BID_FORM, turn.session, typed, env)
    message = update.effective_message
    if message is None:
        return None
    bids = _bids_to_show(env.records, context)
    for bid in bids:
        await send_reply(message, _card(env.records, bid, context))
    await send_reply(message, bids_footer(len(bids), context.kb.kb))
    return None


async def new_bid(update: Update, context: BotContext) -> object:
    """The 登记投标 button."""
    return await begin_from_button(update, context, BID_FORM)


async def _own_bid(update: Update, context: BotContext, bid_id: int) -> Bid | None:
    """The pressed bid from the user's own records; None once refused."""
    query, _ = pressed(update, BidButton)
    if await refused_outside_private(query):
        return None
    bid = form_env(update, context).records.bids.get(bid_id)
    if bid is None:
        await query.answer(BID_GONE, show_alert=True)
        return None
    return bid


async def tick(update: Update, context: BotContext) -> None:
    """Tick or untick one checklist item; the card is redrawn from what was stored."""
    query, button = pressed(update, BidTick)
    bid = await _own_bid(update, context, button.bid_id)
    if bid is None:
        return
    item = checklist_item(button.item)
    if item is None:
        await query.answer(UNKNOWN_ITEM, show_alert=True)
        return
    records = form_env(update, context).records
    ticked = button.ticked
    updated = records.bids.tick(bid.id, item.key, ticked)
    if updated is None:  # readable but not the user's own: a team lead looking on
        await query.answer(BID_GONE, show_alert=True)
        return
    await query.answer(ticked_answer(item.label, ticked))
    await edit_reply(query, _card(records, updated, context))


async def summarize(update: Update, context: BotContext) -> object:
    """写总结: a one-step dialog for the bid's summary (norm 1.2.4-06)."""
    query, button = pressed(update, BidSummary)
    bid = await _own_bid(update, context, button.bid_id)
    if bid is None:
        return END
    env = form_env(update, context)
    if not bid_has_begun(bid.starts_at, env.now):
        await query.answer(NOT_BEGUN, show_alert=True)
        return END
    await query.answer()
    prefill = {"bid_id": bid.id, "project": bid.project, "previous_summary": bid.summary}
    turn = engine.begin(BID_SUMMARY_FORM, env, prefill=prefill)
    return await deliver(update, context, turn)


async def busy(update: Update, context: BotContext) -> None:
    """登记投标 or 写总结 pressed while another dialog is open."""
    query, _ = pressed(update, BidButton)
    await query.answer(busy_notice(context), show_alert=True)
