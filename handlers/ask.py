"""Free-text norm questions: answer, offer candidates, or decline and record the question."""

from __future__ import annotations

from datetime import datetime

from telegram import Message, MessageEntity, Update

from handlers.context import BotContext
from handlers.replying import edit_reply, pressed, send_reply
from knowledge.matcher import Verdict
from knowledge.segment import normalize_question
from knowledge.service import Knowledge
from storage.unanswered import DECLINED, NONE_MATCHED, PICKED, UNSURE, UnansweredQuestions
from textinput.normalization import has_words, normalize_typed
from views.ask import (
    DECLINE_TEXT,
    EMPTY_TEXT,
    NONE_MATCHED_TEXT,
    NORM_UPDATED,
    QUESTION_LIMIT,
    TASK_TEXT,
    TOO_LONG_TEXT,
    answer_reply,
    small_talk_reply,
    unsure_reply,
)
from views.button_data import CandidatePick, NoneFits
from views.common import Reply
from views.norms import norm_card


def respond_to_question(
    knowledge: Knowledge,
    unanswered: UnansweredQuestions,
    question: str,
    *,
    user_id: int,
    now: datetime,
) -> Reply:
    """Text in, reply out: the whole question-answering behaviour without Telegram."""
    question = normalize_typed(question)
    if not has_words(question):  # empty, or only punctuation, emoji …: nothing to look up
        return Reply(EMPTY_TEXT)
    if len(question) > QUESTION_LIMIT:
        return Reply(TOO_LONG_TEXT)
    small_talk = small_talk_reply(question)
    if small_talk:
        return Reply(small_talk)
    result = knowledge.match(question)
    if result.verdict is Verdict.ANSWER:
        return answer_reply(knowledge.kb, result)
    best = result.best
    question_id = unanswered.record(
        question=question,
        normalized=normalize_question(question),
        user_id=user_id,
        outcome=UNSURE if result.verdict is Verdict.UNSURE else DECLINED,
        asked_at=now,
        best_norm_id=best.norm.id if best else None,
        best_score=round(best.score, 4) if best else None,
    )
    if result.verdict is Verdict.UNSURE:
        return unsure_reply(result, question_id)
    return Reply(TASK_TEXT if result.asks_for_a_task else DECLINE_TEXT)


def addressed_question(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The question if the message is for the bot: any private text; in groups only text that
    mentions the bot or replies to it (the mention itself is removed)."""
    text = message.text or ""
    if message.chat.type == "private":
        return text
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    mention = f"@{bot_username}".lower()
    entities = message.parse_entities([MessageEntity.MENTION])
    for mentioned in entities.values():
        if mentioned.lower() == mention:
            return text.replace(mentioned, " ").strip()
    return None


async def ask(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = addressed_question(message, context.bot.username, context.bot.id)
    if question is None:
        return
    user_id = update.effective_user.id if update.effective_user else 0
    reply = respond_to_question(
        context.kb, context.store.unanswered, question, user_id=user_id, now=context.now()
    )
    await send_reply(message, reply)


async def pick_candidate(update: Update, context: BotContext) -> None:
    """'您是想问' → the user picked a norm: show it and keep the pick for the maintainers."""
    query, button = pressed(update, CandidatePick)
    norm = context.kb.kb.norm(button.norm_id)
    if norm is None:
        await query.answer(NORM_UPDATED)
        return
    await query.answer()
    context.store.unanswered.resolve(
        button.question_id, user_id=query.from_user.id, outcome=PICKED, picked_norm_id=norm.id
    )
    await edit_reply(query, norm_card(context.kb.kb, norm))


async def none_matched(update: Update, context: BotContext) -> None:
    """'都不是' → the question stays open for the knowledge-base maintainers."""
    query, button = pressed(update, NoneFits)
    await query.answer()
    context.store.unanswered.resolve(
        button.question_id, user_id=query.from_user.id, outcome=NONE_MATCHED
    )
    await edit_reply(query, Reply(NONE_MATCHED_TEXT))
