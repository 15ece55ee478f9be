"""/review and /synonym: curators teach the knowledge base from the questions it could not
answer outright. Who may is decided by the gate (handlers/gate.py, access/policy.py).

One tap per group (归入 a norm, 同义词, 范围外, 忽略) goes through learning.curation, which stores
the decision and has the knowledge base relearn at once; the rebuild runs off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import Any

from telegram import Update

from access.policy import curates
from handlers.context import BotContext
from handlers.replying import edit_reply, pressed, send_reply
from knowledge.model import Norm
from learning.curation import Curation, Decided
from learning.review import ReviewGroup
from textinput.normalization import typed_argument
from views.button_data import (
    ReviewAssign,
    ReviewButton,
    ReviewDecisions,
    ReviewIgnore,
    ReviewList,
    ReviewOpen,
    ReviewOtherNorm,
    ReviewOutOfScope,
    ReviewSynonym,
    ReviewTerm,
    ReviewUndo,
    ReviewWord,
)
from views.common import Reply
from views.review import (
    GROUP_GONE,
    SYNONYM_USAGE,
    assign_button,
    decided_text,
    decision_reply,
    decisions_list,
    group_card,
    pick_other_norm,
    review_list,
    synonym_terms,
    synonym_words,
)

logger = logging.getLogger(__name__)

TARGET_KEY = "review_target"  # in user_data: the group a curator looks for a norm for
SYNONYM_KEY = "review_synonym"  # in user_data: the word being taught and its offered terms
DECISIONS_PAGE = 8
MAX_WORDS = 8
MAX_TERMS = 10


def curation(context: BotContext) -> Curation:
    """Decisions are stored on the event loop's thread (the database's); the knowledge base
    relearns in a worker thread (relearned below)."""
    return Curation(context.store, context.knowledge, context.bot_data.clock, relearn_now=False)


async def relearned(context: BotContext, cure: Curation, decided: Decided) -> Decided:
    """Once the decision is stored, rebuild the index off the event loop (a few hundred ms)."""
    if decided.teaches:
        await asyncio.to_thread(context.knowledge.relearn, *cure.snapshot())
    return decided


def _actor(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def show_review(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    _user_data(context).pop(TARGET_KEY, None)
    groups = curation(context).groups()
    await send_reply(message, review_list(groups))


async def teach_synonym(update: Update, context: BotContext) -> None:
    """/synonym 词=术语 — teach a word without a group."""
    message = update.effective_message
    if message is None:
        return
    variant, equals, term = typed_argument(context.args).partition("=")
    if not equals or not variant.strip() or not term.strip():
        await send_reply(message, Reply(SYNONYM_USAGE))
        return
    cure = curation(context)
    decided = await relearned(context, cure, cure.teach_synonym(variant, term, _actor(update)))
    _log(decided, _actor(update))
    await send_reply(message, Reply(decided_text(context.kb.kb, decided)))


async def on_button(update: Update, context: BotContext) -> None:
    """Every button of the review, by its kind."""
    query, button = pressed(update, ReviewButton)
    actor = _actor(update)
    cure = curation(context)
    reply: Reply | None = None
    match button:
        case ReviewList(page):
            reply = review_list(cure.groups(), page)
        case ReviewOpen(key):
            reply = await _group_reply(context, cure, key)
        case ReviewAssign(key, norm_id):
            _user_data(context).pop(TARGET_KEY, None)
            decided = await relearned(context, cure, cure.assign(key, norm_id, actor))
            reply = _decided_reply(context, decided, actor)
        case ReviewOtherNorm(key):
            group = cure.group(key)
            if group is not None:
                _user_data(context)[TARGET_KEY] = group.key
                reply = pick_other_norm(group)
        case ReviewSynonym(key):
            group = cure.group(key)
            if group is not None:
                reply = synonym_words(group, unknown_words(context, group))
        case ReviewWord(key, index):
            reply = await _word_chosen(context, cure, key, index)
        case ReviewTerm(key, index):
            reply = await _term_chosen(context, cure, key, index, actor)
        case ReviewOutOfScope(key):
            decided = await relearned(context, cure, cure.out_of_scope(key, actor))
            reply = _decided_reply(context, decided, actor)
        case ReviewIgnore(key):
            reply = _decided_reply(context, cure.ignore(key, actor), actor)
        case ReviewDecisions(page):
            reply = _decisions_page(context, page)
        case ReviewUndo(decision_id):
            decided = await relearned(context, cure, cure.undo(decision_id, actor))
            reply = _decided_reply(context, decided, actor)
    await query.answer()
    await edit_reply(query, reply or Reply(GROUP_GONE))


def offer_assignment(context: BotContext, user_id: int, norm: Norm, reply: Reply) -> Reply:
    """A norm card shown to a curator who is looking for the norm of a review group gets a
    button to 归入 it there."""
    target = _user_data(context).get(TARGET_KEY)
    if not isinstance(target, int) or not curates(context.member(user_id)):
        return reply
    return Reply(reply.text, ((assign_button(target, norm.id),), *reply.buttons))


def unknown_words(context: BotContext, group: ReviewGroup) -> list[str]:
    """The words of the group's questions the knowledge base does not know, most frequent
    first."""
    matcher = context.kb.matcher
    counts = Counter(word for text in group.texts for word in matcher.unknown_words(text))
    return [word for word, _ in counts.most_common(MAX_WORDS)]


def offered_terms(context: BotContext, group: ReviewGroup) -> list[str]:
    """The material's terms a word of the group may stand for: the keywords and synonym heads
    of the suggested and the most likely norms."""
    kb = context.kb.kb
    norms = [kb.norm(group.suggestion)] if group.suggestion else []
    norms += [candidate.norm for candidate in context.kb.match(group.representative).candidates]
    terms: list[str] = []
    for norm in norms:
        if norm is not None:
            terms += [*norm.keywords, *(term for term, _ in norm.synonyms)]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


async def _group_reply(context: BotContext, cure: Curation, key: int) -> Reply | None:
    group = cure.group(key)
    if group is None:
        return None
    candidates = [
        candidate.norm for candidate in context.kb.match(group.representative).candidates
    ]
    return group_card(context.kb.kb, group, candidates, context.now())


async def _word_chosen(context: BotContext, cure: Curation, key: int, index: int) -> Reply | None:
    group = cure.group(key)
    if group is None:
        return None
    words = unknown_words(context, group)
    if index >= len(words):
        return synonym_words(group, words)
    terms = offered_terms(context, group)
    _user_data(context)[SYNONYM_KEY] = {"key": key, "word": words[index], "terms": terms}
    return synonym_terms(group, words[index], terms)


async def _term_chosen(
    context: BotContext, cure: Curation, key: int, index: int, actor: int
) -> Reply | None:
    chosen = _user_data(context).get(SYNONYM_KEY)
    if not isinstance(chosen, dict) or chosen.get("key") != key:
        return None
    terms = chosen.get("terms") or []
    if index >= len(terms):
        return None
    decided = await relearned(
        context, cure, cure.teach_synonym(chosen["word"], terms[index], actor, key)
    )
    if decided.decision is not None:
        _user_data(context).pop(SYNONYM_KEY, None)
    return _decided_reply(context, decided, actor)


def _decided_reply(context: BotContext, decided: Decided, actor: int) -> Reply:
    _log(decided, actor)
    return decision_reply(context.kb.kb, decided)


def _decisions_page(context: BotContext, page: int) -> Reply:
    decisions = context.store.review.recent(DECISIONS_PAGE + 1, page * DECISIONS_PAGE)
    more = len(decisions) > DECISIONS_PAGE
    return decisions_list(context.kb.kb, decisions[:DECISIONS_PAGE], page, more, context.now())


def _log(decided: Decided, actor: int) -> None:
    if decided.decision is not None:
        decision = decided.decision
        state = "made" if decision.active else "undone"
        logger.info("review decision %s (%s) %s by %s", decision.id, decision.kind, state, actor)


def _user_data(context: BotContext) -> dict[str, Any]:
    return context.user_data if context.user_data is not None else {}
