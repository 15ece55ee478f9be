"""/norms catalogue browsing, /search, and the buttons that open a norm."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext
from handlers.replying import edit_reply, pressed, send_reply, send_to_chat
from handlers.review import offer_assignment
from textinput.normalization import typed_argument
from views.button_data import (
    STALE_NORMS,
    NormButton,
    SearchPage,
    TreeButton,
    TreeChapter,
    TreeNorm,
    TreeRoot,
    TreeSection,
)
from views.common import Reply
from views.norms import catalogue, chapter_page, norm_card, norm_page, search_page, section_page


async def show_catalogue(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        await send_reply(update.effective_message, catalogue(context.kb.kb))


async def browse(update: Update, context: BotContext) -> None:
    """The catalogue's root, a chapter, a section or a norm, edited in place."""
    query, button = pressed(update, TreeButton)
    reply = catalogue_node(context, button)
    if reply is None:
        await query.answer(STALE_NORMS)
        return
    norm = context.kb.kb.norm(button.norm_id) if isinstance(button, TreeNorm) else None
    if norm is not None:
        reply = offer_assignment(context, query.from_user.id, norm, reply)
    await query.answer()
    await edit_reply(query, reply)


def catalogue_node(context: BotContext, button: TreeButton) -> Reply | None:
    kb = context.kb.kb
    match button:
        case TreeRoot():
            return catalogue(kb)
        case TreeChapter(number):
            return chapter_page(kb, number)
        case TreeSection(key):
            return section_page(kb, key)
        case TreeNorm(norm_id):
            norm = kb.norm(norm_id)
            return norm_page(kb, norm) if norm else None
    return None


async def open_norm(update: Update, context: BotContext) -> None:
    """A norm's button under an answer or a search result: the norm as a new message."""
    query, button = pressed(update, NormButton)
    norm = context.kb.kb.norm(button.norm_id)
    if norm is None or query.message is None:
        await query.answer(STALE_NORMS)
        return
    await query.answer()
    card = offer_assignment(context, query.from_user.id, norm, norm_card(context.kb.kb, norm))
    await send_to_chat(context.bot, query.message.chat.id, card)


async def search(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    word = typed_argument(context.args)
    await send_reply(message, search_page(context.kb.kb, word))


async def turn_search_page(update: Update, context: BotContext) -> None:
    """Another page of /search."""
    query, button = pressed(update, SearchPage)
    await query.answer()
    await edit_reply(query, search_page(context.kb.kb, button.word, button.page))
