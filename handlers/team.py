"""/team — a team lead's overview of this week (the gate lets only leads in)."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot, Update
from telegram.error import TelegramError

from fieldwork.team import escalations_due, mark_escalated, team_week
from handlers.context import BotContext, BotServices
from handlers.practice import coach
from handlers.replying import send_reply
from ops.rate_limit import in_background
from storage.staff import ROLE_LEAD, ROLE_MANAGER, StaffMember
from training.coach import Coach, SectionMastery
from training.repetition import mastery
from training.rounds import focus_norms
from views.common import Reply
from views.practice import MASTERED_THRESHOLD, team_mastery_text
from views.team import escalation_text, team_overview

logger = logging.getLogger(__name__)


async def show_team(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    lead = context.member(user.id if user else None)
    if message is None or lead is None or not lead.team:
        return
    members = team_managers(context, lead.team)
    rows = team_week(context.store, context.kb.kb, lead, members, context.now())
    await send_reply(message, Reply(team_overview(lead.team, rows, context.now())))
    await send_reply(message, Reply(practice_overview(context, lead.team, members)))


def team_managers(context: BotContext, team: str) -> list[StaffMember]:
    """The managers of a lead's team: whose work and practice the lead sees."""
    return [m for m in context.bot_data.staff.team_members(team) if m.role == ROLE_MANAGER]


def mastery_of(
    trainer: Coach, members: list[StaffMember]
) -> list[tuple[str, list[SectionMastery]]]:
    """Each member's name and mastery per section, in the material's order."""
    return [(m.name, trainer.mastery_by_section(m.user_id)) for m in members]


def practice_overview(context: BotContext, team: str, members: list[StaffMember]) -> str:
    """每日一练: mastery per member and section, the weakest norms, the assignment's progress."""
    trainer = coach(context)
    per_member = mastery_of(trainer, members)
    weakest = trainer.weakest([m.user_id for m in members])
    assignment = context.store.practice.assignment(team)
    progress = None
    if assignment is not None:
        norms = focus_norms(context.kb.kb, assignment.focus) or []
        done = [
            m.name
            for m in members
            if mastery(context.store.practice.progress(m.user_id), norms) >= MASTERED_THRESHOLD
        ]
        progress = (assignment.focus, done)
    return team_mastery_text(team, per_member, weakest, progress)


async def tell_leads(bot: Bot, services: BotServices, after: timedelta) -> int:
    """Tell each team lead, once, about members' items overdue by more than `after`."""
    now = services.clock()
    told = 0
    for lead in services.staff.all():
        if not lead.active or lead.role != ROLE_LEAD or not lead.team:
            continue
        members = [m for m in services.staff.team_members(lead.team) if m.role == ROLE_MANAGER]
        kb = services.knowledge.current.kb
        for member, obligation in escalations_due(services.store, kb, lead, members, now, after):
            try:
                await bot.send_message(lead.user_id, escalation_text(member, obligation, now))
            except TelegramError as error:
                logger.warning(
                    "could not tell lead %s about %s: %s", lead.user_id, member.user_id, error
                )
                continue
            mark_escalated(services.store, lead.user_id, member.user_id, obligation.key, now)
            told += 1
    return told


async def escalation_job(context: BotContext) -> None:
    """Hourly: leads hear once about members' items overdue longer than configured."""
    hours = context.bot_data.escalation_hours
    try:
        with in_background():  # after the answers people are waiting for
            await tell_leads(context.bot, context.bot_data, timedelta(hours=hours))
    except Exception:
        logger.exception("could not tell team leads about overdue items")
