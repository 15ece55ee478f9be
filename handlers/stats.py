"""/stats — a chart of the last 12 weeks' visits and deadlines kept, with a text summary; for a
team lead, also the team's 每日一练 mastery as a heat map (members × sections)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatAction

from access.policy import may_use, scope_for
from fieldwork.stats import WorkStats, team_names, window_start, work_stats
from handlers.context import BotContext
from handlers.heavy_work import asked_before_last_result, made_off_loop, remember_result
from handlers.practice import coach
from handlers.replying import send_reply
from handlers.team import mastery_of, team_managers
from views.common import Reply
from views.mastery_chart import CAPTION, mastery_grid, render_mastery
from views.stats import ME, NO_STATS, NO_TEAM_STATS, stats_summary
from views.stats_chart import render_chart


def _gather(context: BotContext, user_id: int, fallback_name: str) -> WorkStats:
    """The user's own numbers; a team lead's also per member of the team (read-only)."""
    registry = context.bot_data.staff
    member = registry.active(user_id)
    if member is not None and member.team and may_use(member, "team"):
        scope = scope_for(member, registry)
        names, always_shown = team_names(member, registry.all(), scope.readable_owner_ids)
        team = member.team
    else:
        scope = context.records_for(user_id).scope
        names = {user_id: member.name if member is not None else fallback_name}
        always_shown, team = (user_id,), None
    now = context.now()
    since = window_start(now)
    records = context.store.records(scope)
    return work_stats(
        records.visit_facts(since),
        records.letter_facts(since),
        names,
        now,
        context.kb.kb.deadline_rule("thank_you_letter"),
        always_shown=always_shown,
        team=team,
    )


async def show_stats(update: Update, context: BotContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or asked_before_last_result(update, context, "stats"):
        return
    stats = _gather(context, user.id, user.first_name or ME)
    if stats.empty:
        await send_reply(message, Reply(NO_STATS if stats.team is None else NO_TEAM_STATS))
    else:
        await context.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_PHOTO)
        # Drawing takes about half a second: in a worker process, so nobody else waits for it.
        chart = await made_off_loop(message, context, render_chart, stats)
        if chart is None:
            return
        caption, members = stats_summary(stats, context.kb.kb)
        sent = await message.reply_photo(photo=chart, caption=caption, do_quote=False)
        remember_result(context, "stats", sent)
        if members is not None:
            await send_reply(message, Reply(members))
    if stats.team is not None:
        await _send_team_mastery(message, context, stats.team)


async def _send_team_mastery(message: Message, context: BotContext, team: str) -> None:
    """The heat map of the team's mastery, once any member has practiced (每日一练)."""
    members = team_managers(context, team)
    if not any(context.store.practice.progress(member.user_id) for member in members):
        return
    grid = mastery_grid(team, mastery_of(coach(context), members))
    await context.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_PHOTO)
    heat_map = await made_off_loop(message, context, render_mastery, grid)
    if heat_map is None:
        return
    sent = await message.reply_photo(
        photo=heat_map, caption=CAPTION.format(team=team), do_quote=False
    )
    remember_result(context, "stats", sent)
