"""/quiz — 每日一练: rounds of five questions on the norms, answered with buttons; a team lead
assigns a section to the team (/quiz 指派 1.2.7). The daily round comes through the reminder
engine (reminders/practice.py); its 开始练习 button lands here too."""

from __future__ import annotations

from telegram import CallbackQuery, Update

from handlers.context import BotContext
from handlers.dialog import current_dialog_title
from handlers.replying import edit_reply, pressed, send_reply, send_to_chat
from storage.staff import ROLE_LEAD
from textinput.normalization import typed_argument
from training.coach import AlreadyAnswered, Asked, Coach, UnknownFocus
from training.rounds import LEVELS, focus_norms
from views.button_data import STALE_QUIZ, QuizAnswer, QuizButton, QuizStart
from views.common import Reply
from views.practice import (
    ANSWERED_RIGHT,
    ANSWERED_WRONG,
    ASSIGN_USAGE,
    ASSIGN_WORDS,
    BUSY,
    LEAD_ONLY,
    LEVEL_USAGE,
    NO_SUCH_MEMBER,
    NOT_YOUR_TEAM,
    NOTHING_TO_ASK,
    assigned_text,
    checked_reply,
    level_set_text,
    question_reply,
    round_end_text,
    unknown_focus_text,
)


def coach(context: BotContext) -> Coach:
    return Coach(context.kb.kb, context.store.practice, context.bot_data.clock)


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def quiz(update: Update, context: BotContext) -> None:
    """/quiz resumes the round under way or starts one; /quiz 拜访 or /quiz 1.2.7 focuses it;
    /quiz 指派 1.2.7 (a lead) assigns the section to the team."""
    message = update.effective_message
    if message is None:
        return
    user_id = _user_id(update)
    words = typed_argument(context.args).split()
    if words and words[0] in ASSIGN_WORDS:
        await send_reply(message, Reply(assign(context, user_id, words[1:])))
        return
    title = current_dialog_title(context)
    if title is not None:
        await send_reply(message, Reply(BUSY.format(title=title)))
        return
    trainer = coach(context)
    focus = " ".join(words) or None
    asked = None if focus else trainer.current(user_id)
    if asked is None:
        try:
            asked = trainer.start(
                user_id, focus=focus, level=context.store.practice.level(user_id)
            )
        except UnknownFocus:
            await send_reply(message, Reply(unknown_focus_text(context.kb.kb, focus or "")))
            return
    await send_reply(message, question_reply(asked) if asked else Reply(NOTHING_TO_ASK))


def assign(context: BotContext, lead_id: int, words: list[str]) -> str:
    """A lead's section for the team's daily rounds."""
    member = context.member(lead_id)
    if member is None or member.role != ROLE_LEAD or not member.team:
        return LEAD_ONLY
    if len(words) != 1 or focus_norms(context.kb.kb, words[0]) is None:
        return ASSIGN_USAGE
    section = context.kb.kb.section(words[0])
    label = section.label if section else words[0]
    context.store.practice.assign(member.team, words[0], lead_id, context.now())
    return assigned_text(words[0], label)


async def on_button(update: Update, context: BotContext) -> None:
    """An answer (qz:a:…) or 开始练习 (qz:go)."""
    query, button = pressed(update, QuizButton)
    assert isinstance(button, QuizAnswer | QuizStart)
    user_id = query.from_user.id
    if isinstance(button, QuizStart):
        title = current_dialog_title(context)
        if title is not None:
            await query.answer(BUSY.format(title=title), show_alert=True)
            return
        trainer = coach(context)
        asked = trainer.current(user_id) or trainer.start(
            user_id, level=context.store.practice.level(user_id), daily=True
        )
        await query.answer()
        await _show(query, context, asked)
        return
    trainer = coach(context)
    try:
        checked = trainer.answer(user_id, button.round_id, button.position, button.option)
    except AlreadyAnswered:
        await query.answer(STALE_QUIZ, show_alert=True)
        return
    await query.answer(ANSWERED_RIGHT if checked.right else ANSWERED_WRONG)
    await edit_reply(query, checked_reply(checked, context.kb.kb))
    if checked.next is not None:
        await _show(query, context, checked.next)
        return
    practice_round = checked.practice_round
    text = round_end_text(
        practice_round.right,
        len(practice_round.question_keys),
        trainer.streak(user_id),
        trainer.mastery_by_section(user_id),
    )
    await _show_reply(query, context, Reply(text))


async def _show(query: CallbackQuery, context: BotContext, asked: Asked | None) -> None:
    await _show_reply(query, context, question_reply(asked) if asked else Reply(NOTHING_TO_ASK))


async def _show_reply(query: CallbackQuery, context: BotContext, reply: Reply) -> None:
    if query.message is not None:
        await send_to_chat(context.bot, query.message.chat.id, reply)


async def set_level(update: Update, context: BotContext) -> None:
    """/level 员工ID 级别: an administrator sets anyone's skill level, a lead their team's."""
    message = update.effective_message
    if message is None:
        return
    await send_reply(
        message, Reply(level_change(context, _user_id(update), list(context.args or ())))
    )


def level_change(context: BotContext, actor_id: int, args: list[str]) -> str:
    actor = context.member(actor_id)
    if len(args) != 2 or not args[0].isdigit() or args[1] not in LEVELS:
        return LEVEL_USAGE
    member = context.store.staff.get(int(args[0]))
    if member is None or actor is None:
        return NO_SUCH_MEMBER
    if actor.role == ROLE_LEAD and (member.team != actor.team or not actor.team):
        return NOT_YOUR_TEAM
    context.store.practice.set_level(member.user_id, args[1], actor_id, context.now())
    return level_set_text(member.name, args[1])
