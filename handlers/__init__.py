"""The bot's Telegram face: every handler, registered in priority order."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers import admin, ask, errors, fallback, norms, start
from handlers.context import BotApplication


def register(application: BotApplication) -> None:
    """Add all handlers. Note: order matters — the first matching handler in a group wins."""
    add = application.add_handler
    add(CommandHandler("start", start.start))
    add(CommandHandler("help", start.show_help))
    add(CommandHandler("cancel", start.cancel))
    add(CommandHandler("norms", norms.show_catalogue))
    add(CommandHandler("search", norms.search))
    add(CommandHandler("unanswered", admin.list_unanswered))
    add(CommandHandler("reload", admin.reload_knowledge))

    add(CallbackQueryHandler(norms.browse, pattern=r"^tree:"))
    add(CallbackQueryHandler(norms.open_norm, pattern=r"^norm:"))
    add(CallbackQueryHandler(norms.turn_search_page, pattern=r"^srch:\d+:"))
    add(CallbackQueryHandler(ask.pick_candidate, pattern=r"^pick:\d+:"))
    add(CallbackQueryHandler(ask.none_matched, pattern=r"^miss:\d+$"))
    # Any other button: from an older version of the bot or forged.
    add(CallbackQueryHandler(fallback.stale_button))

    # Commands we don't know must come before free text, or they'd be taken as questions.
    add(MessageHandler(filters.COMMAND, fallback.unknown_command))
    add(MessageHandler(filters.TEXT, ask.ask))
    add(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT, fallback.not_text))

    application.add_error_handler(errors.on_error)
