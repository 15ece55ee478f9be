"""/norms catalogue browsing, /search, and the buttons that open a norm."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext
from handlers.replying import edit_reply, pressed, send_reply, send_to_chat
from handlers.review import offer_assignment
from textinput.normalization import typed_argument
from views.common import Reply
from views.norms import catalogue, chapter_page, norm_card, norm_page, search_page, section_page

STALE_BUTTON = "这个按钮已失效，请重新发送 /norms。"


async def show_catalogue(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        await send_reply(update.effective_message, catalogue(context.kb.kb))


async def browse(update: Update, context: BotContext) -> None:
    """tree:r | tree:c:<chapter> | tree:s:<section> | tree:n:<norm id>, edited in place."""
    query, data = pressed(update)
    parts = data.split(":", 2)[1:]
    reply = catalogue_node(context, parts)
    if reply is None:
        await query.answer(STALE_BUTTON)
        return
    norm = context.kb.kb.norm(parts[1]) if parts[0] == "n" and len(parts) == 2 else None
    if norm is not None:
        reply = offer_assignment(context, query.from_user.id, norm, reply)
    await query.answer()
    await edit_reply(query, reply)


def catalogue_node(context: BotContext, parts: list[str]) -> Reply | None:
    kb = context.kb.kb
    match parts:
        case ["r"]:
            return catalogue(kb)
        case ["c", number] if number.isdigit():
            return chapter_page(kb, int(number))
        case ["s", key]:
            return section_page(kb, key)
        case ["n", norm_id]:
            norm = kb.norm(norm_id)
            return norm_page(kb, norm) if norm else None
    return None


async def open_norm(update: Update, context: BotContext) -> None:
    """norm:<id> under an answer or a search result: the norm as a new message."""
    query, data = pressed(update)
    norm = context.kb.kb.norm(data.split(":", 1)[1])
    if norm is None or query.message is None:
        await query.answer(STALE_BUTTON)
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
    """srch:<page>:<word>"""
    query, data = pressed(update)
    _, page, word = data.split(":", 2)
    await query.answer()
    await edit_reply(query, search_page(context.kb.kb, word, int(page) if page.isdigit() else 0))
