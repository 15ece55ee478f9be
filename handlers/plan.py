"""/plan — the open planned visits, planning a new one, and logging one as a visit in a tap."""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Update

from dialogs import engine
from dialogs.engine import Form, Turn
from dialogs.plan_form import PLAN_FORM, visit_prefill
from dialogs.visit_form import VISIT_FORM
from handlers.context import BotContext
from handlers.dialog import END, busy_notice, deliver, form_env
from handlers.fallback import PRIVATE_ONLY
from handlers.replying import edit_reply, pressed, send_reply
from storage.models import PLAN_PLANNED, PlannedVisit
from storage.store import Records
from textinput.normalization import typed_argument
from views.button_data import (
    ButtonData,
    PlanBooked,
    PlanCancel,
    PlanDrop,
    PlanList,
    PlanLog,
)
from views.common import Reply
from views.plan import (
    BOOKED_NOTICE,
    PLAN_CANCELLED_NOTICE,
    PLAN_CLOSED,
    PLAN_GONE,
    UNKNOWN_CUSTOMER,
    cancel_question,
    plans_overview,
)


def _overview(records: Records, context: BotContext) -> Reply:
    plans = [plan for plan in records.plans.all() if plan.status == PLAN_PLANNED]
    return plans_overview(plans, dict(records.customers.names()), context.now())


def _customer_name(records: Records, plan: PlannedVisit) -> str:
    customer = records.customers.get(plan.customer_id)
    return customer.name if customer is not None else UNKNOWN_CUSTOMER


async def start_plan(update: Update, context: BotContext) -> Turn | None:
    """/plan lists the open plans; /plan 名称 plans a visit to that customer straight away."""
    env = form_env(update, context)
    typed = typed_argument(context.args)
    if typed:
        turn = engine.begin(PLAN_FORM, env)
        assert turn.session is not None
        return engine.on_text(PLAN_FORM, turn.session, typed, env)
    if update.effective_message is not None:
        await send_reply(update.effective_message, _overview(env.records, context))
    return None


async def refused_outside_private(query: CallbackQuery) -> bool:
    """Customer data stays in private chats, even for a button forged in a group."""
    if query.message is not None and query.message.chat.type == Chat.PRIVATE:
        return False
    await query.answer(PRIVATE_ONLY, show_alert=True)
    return True


async def begin_from_button(update: Update, context: BotContext, form: Form) -> object:
    """A button that opens a form (新建拜访计划, 登记新来函, 登记投标)."""
    query, _ = pressed(update, ButtonData)
    if await refused_outside_private(query):
        return END
    await query.answer()
    return await deliver(update, context, engine.begin(form, form_env(update, context)))


async def new_plan(update: Update, context: BotContext) -> object:
    """The 新建拜访计划 button."""
    return await begin_from_button(update, context, PLAN_FORM)


async def _open_plan(
    query: CallbackQuery, button: PlanLog | PlanCancel | PlanDrop | PlanBooked, records: Records
) -> PlannedVisit | None:
    """The pressed plan if it is the user's and still open; otherwise say why and None.

    The id in the button is never trusted: the plan is looked up in the user's own records.
    """
    if await refused_outside_private(query):
        return None
    plan = records.plans.get(button.plan_id)
    if plan is None:
        await query.answer(PLAN_GONE, show_alert=True)
        return None
    if plan.status != PLAN_PLANNED:
        await query.answer(PLAN_CLOSED, show_alert=True)
        return None
    return plan


async def log_plan(update: Update, context: BotContext) -> object:
    """记录这次拜访: the /visit dialog, pre-filled from the plan; saving it closes the plan."""
    query, button = pressed(update, PlanLog)
    env = form_env(update, context)
    plan = await _open_plan(query, button, env.records)
    if plan is None:
        return END
    await query.answer()
    prefill, note = visit_prefill(plan, _customer_name(env.records, plan), env.now)
    return await deliver(update, context, engine.begin(VISIT_FORM, env, prefill, note=note))


async def ask_cancel(update: Update, context: BotContext) -> None:
    """取消计划: ask first — a cancelled plan can't be brought back."""
    query, button = pressed(update, PlanCancel)
    records = form_env(update, context).records
    plan = await _open_plan(query, button, records)
    if plan is None:
        return
    await query.answer()
    await edit_reply(query, cancel_question(plan, _customer_name(records, plan), context.now()))


async def cancel_plan(update: Update, context: BotContext) -> None:
    query, button = pressed(update, PlanDrop)
    records = form_env(update, context).records
    plan = await _open_plan(query, button, records)
    if plan is None:
        return
    records.plans.cancel(plan.id)
    await query.answer(PLAN_CANCELLED_NOTICE)
    await edit_reply(query, _overview(records, context))


async def confirm_booking(update: Update, context: BotContext) -> None:
    """已和客户约好: note the booking on the plan."""
    query, button = pressed(update, PlanBooked)
    records = form_env(update, context).records
    plan = await _open_plan(query, button, records)
    if plan is None:
        return
    records.plans.confirm_booking(plan.id)
    await query.answer(BOOKED_NOTICE)
    await edit_reply(query, _overview(records, context))


async def show_list(update: Update, context: BotContext) -> None:
    query, _ = pressed(update, PlanList)
    await query.answer()
    await edit_reply(query, _overview(form_env(update, context).records, context))


async def busy(update: Update, context: BotContext) -> None:
    """A button that starts a dialog, pressed while another dialog is open."""
    query, _ = pressed(update, ButtonData)
    await query.answer(busy_notice(context), show_alert=True)
