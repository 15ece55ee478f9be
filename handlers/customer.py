"""/customer — the customer view, the list of one's customers, and the view's buttons.

Callback data carries record ids, and ids grant nothing: every lookup goes through the user's
scoped records, so another manager's id reads as "not found".
"""

from __future__ import annotations

from telegram import Update

from dialogs import engine
from dialogs.engine import Turn
from dialogs.profile_form import begin_editing
from dialogs.visit_form import VISIT_FORM
from fieldwork.listings import (
    VISITS_ON_CARD,
    customer_page,
    customer_visits,
    look_up_customer,
)
from handlers.context import BotContext
from handlers.dialog import busy_notice, form_env
from handlers.fallback import PRIVATE_ONLY
from handlers.replying import edit_reply, pressed, send_reply, send_to_chat
from textinput.normalization import typed_argument
from views.button_data import (
    CustomerButton,
    CustomerCard,
    CustomerEdit,
    CustomerListPage,
    CustomerLog,
    CustomerProfile,
    CustomerVisits,
    CustomerVisitsPage,
)
from views.common import Reply
from views.customer import (
    NOT_FOUND,
    customer_card,
    customer_list_reply,
    customer_note,
    customer_visits_reply,
    full_profile,
    lookup_reply,
)


def in_private_chat(update: Update) -> bool:
    """Buttons that show customer data work only where the data may be shown (1.2.5-01)."""
    chat = update.effective_chat
    return chat is not None and chat.type == "private"


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def show_customer(update: Update, context: BotContext) -> None:
    """/customer 名称 shows that customer's view; /customer alone lists the user's customers."""
    message = update.effective_message
    if message is None:
        return
    records = context.records_for(_user_id(update))
    typed = typed_argument(context.args)
    if typed:
        reply = lookup_reply(look_up_customer(records, typed), context.now())
    else:
        reply = customer_list_reply(customer_page(records, 0), context.now())
    await send_reply(message, reply)


async def on_button(update: Update, context: BotContext) -> None:
    """The view's buttons: a customer's view, visits or profile open a new message; the
    customer list and the visits' pages turn in place."""
    query, button = pressed(update, CustomerButton)
    if not in_private_chat(update):
        await query.answer(PRIVATE_ONLY, show_alert=True)
        return
    records = context.records_for(_user_id(update))
    now = context.now()
    reply: Reply | None
    match button:
        case CustomerListPage(page):
            await query.answer()
            await edit_reply(query, customer_list_reply(customer_page(records, page), now))
            return
        case CustomerVisitsPage(customer_id, page):
            visits = customer_visits(records, customer_id, page)
            if visits is not None:
                await query.answer()
                await edit_reply(query, customer_visits_reply(visits, now))
                return
            reply = None
        case CustomerCard(customer_id):
            view = records.customer_view(customer_id, visits_limit=VISITS_ON_CARD)
            reply = customer_card(view, now) if view is not None else None
        case CustomerVisits(customer_id):
            visits = customer_visits(records, customer_id, 0)
            reply = customer_visits_reply(visits, now) if visits is not None else None
        case CustomerProfile(customer_id):
            customer = records.customers.get(customer_id)
            reply = full_profile(customer) if customer is not None else None
        case _:  # CustomerEdit, CustomerLog
            # The dialog's entry points take these unless a dialog is already open.
            await query.answer(busy_notice(context), show_alert=True)
            return
    if reply is None:
        await query.answer(NOT_FOUND, show_alert=True)
        return
    await query.answer()
    if query.message is not None:
        await send_to_chat(context.bot, query.message.chat.id, reply)


# -- dialogs started from the view ---------------------------------------------------------


async def _refuse(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await send_reply(update.effective_message, Reply(text))


async def start_profile_edit(update: Update, context: BotContext) -> Turn | None:
    """编辑资料 — the profile-editing dialog for one of the user's customers."""
    if not in_private_chat(update):
        await _refuse(update, PRIVATE_ONLY)
        return None
    _, button = pressed(update, CustomerEdit)
    env = form_env(update, context)
    customer = env.records.customers.get(button.customer_id)
    if customer is None:
        await _refuse(update, NOT_FOUND)
        return None
    return begin_editing(customer, env)


async def start_visit_for_customer(update: Update, context: BotContext) -> Turn | None:
    """记录拜访 — /visit with the customer already filled in."""
    if not in_private_chat(update):
        await _refuse(update, PRIVATE_ONLY)
        return None
    _, button = pressed(update, CustomerLog)
    env = form_env(update, context)
    customer = env.records.customers.get(button.customer_id)
    if customer is None:
        await _refuse(update, NOT_FOUND)
        return None
    # The engine passes over steps whose key is prefilled: "customer" is the step's key,
    # customer_id and customer_name its values.
    prefill = {
        "customer": customer.name,
        "customer_id": customer.id,
        "customer_name": customer.name,
    }
    return engine.begin(VISIT_FORM, env, prefill=prefill, note=customer_note(customer.name))
