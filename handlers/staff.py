"""Administrators' staff commands: /invite, /staff (deactivate, reactivate) and /handover.

Who may use them is decided by the gate (handlers/gate.py, access/policy.py), not here.
"""

from __future__ import annotations

import logging

from telegram import Update

from access.cli import ROLE_NAMES
from handlers.context import BotContext
from handlers.reminder_sync import resync
from handlers.replying import edit_reply, pressed, send_reply
from views.button_data import Handover, StaffSwitch
from views.common import Reply
from views.staff import (
    DEACTIVATED,
    HANDOVER_UNKNOWN,
    NO_SUCH_MEMBER,
    NO_SUCH_MEMBER_NOTICE,
    NOT_YOURSELF,
    REACTIVATED,
    RECEIVER_INACTIVE,
    USAGE_HANDOVER,
    USAGE_INVITE,
    USAGE_ROLE,
    handed_over_text,
    handover_question,
    invitation_text,
    role_changed_text,
    staff_list,
)

logger = logging.getLogger(__name__)


def _actor(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def invite(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    args = list(context.args or ())
    role = ROLE_NAMES.get(args[0]) if args else None
    if role is None:
        await send_reply(message, Reply(USAGE_INVITE))
        return
    team = " ".join(args[1:]) or None
    try:
        invitation = context.bot_data.staff.invite(role, team, created_by=_actor(update))
    except ValueError:
        await send_reply(message, Reply(USAGE_INVITE))
        return
    logger.info("invitation created by %s for role %s", _actor(update), role)
    text = invitation_text(invitation, context.bot.username, context.now())
    await send_reply(message, Reply(text))


async def list_staff(update: Update, context: BotContext) -> None:
    """/staff lists the staff; /staff ID 角色 gives a member another role."""
    message = update.effective_message
    if message is None:
        return
    args = list(context.args or ())
    if not args:
        await send_reply(message, staff_list(context.bot_data.staff.all()))
        return
    role = ROLE_NAMES.get(args[1]) if len(args) == 2 and args[0].isdigit() else None
    if role is None:
        await send_reply(message, Reply(USAGE_ROLE))
        return
    try:
        member = context.bot_data.staff.set_role(int(args[0]), role, actor_id=_actor(update))
    except ValueError:
        await send_reply(message, Reply(USAGE_ROLE))
        return
    if member is None:
        await send_reply(message, Reply(NO_SUCH_MEMBER))
        return
    logger.info("staff member %s given role %s by %s", member.user_id, role, _actor(update))
    await send_reply(message, Reply(role_changed_text(member)))


async def switch_member(update: Update, context: BotContext) -> None:
    """停用 / 启用 — deactivation cuts access at once; records stay."""
    query, button = pressed(update, StaffSwitch)
    registry = context.bot_data.staff
    off = button.switch == "off"
    if button.user_id == _actor(update) and off:
        await query.answer(NOT_YOURSELF, show_alert=True)
        return
    change = registry.deactivate if off else registry.reactivate
    if change(button.user_id, actor_id=_actor(update)) is None:
        await query.answer(NO_SUCH_MEMBER_NOTICE)
        return
    logger.info("staff member %s %s by %s", button.user_id, button.switch, _actor(update))
    await query.answer(DEACTIVATED if off else REACTIVATED)
    await edit_reply(query, staff_list(registry.all()))


async def ask_handover(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    args = list(context.args or ())
    registry = context.bot_data.staff
    if len(args) != 2 or not all(arg.isdigit() for arg in args):
        await send_reply(message, Reply(USAGE_HANDOVER))
        return
    giver, receiver = registry.get(int(args[0])), registry.active(int(args[1]))
    if giver is None or receiver is None or giver.user_id == receiver.user_id:
        await send_reply(message, Reply(HANDOVER_UNKNOWN))
        return
    await send_reply(message, handover_question(giver, receiver))


async def hand_over(update: Update, context: BotContext) -> None:
    query, button = pressed(update, Handover)
    giver, receiver = button.giver_id, button.receiver_id
    try:
        moved = context.bot_data.staff.hand_over(giver, receiver, actor_id=_actor(update))
    except ValueError:
        await query.answer(RECEIVER_INACTIVE, show_alert=True)
        return
    await query.answer()
    logger.info("records of %s handed to %s by %s", giver, receiver, _actor(update))
    # The receiver's reminders are planned now; the giver's were cancelled by the handover.
    resync(context, receiver, force=True)
    await edit_reply(query, Reply(handed_over_text(moved)))
