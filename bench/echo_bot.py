"""A bare python-telegram-bot echo bot: what the framework alone costs, the floor bench.load
compares our bot with.

    python -m bench.echo_bot [--no-rate-limit]   (TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL)

It is run as bot.py is — a process, long polling of every update type, the same rate limiter
(or none, as bench.load --no-rate-limit runs ours) — with one MessageHandler that echoes the
text, and nothing else: no persistence, no database, no knowledge base.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from telegram import Update
from telegram.ext import AIORateLimiter, Application, ContextTypes, MessageHandler, filters

from bot import paced_rate_limiter

logger = logging.getLogger("echo_bot")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await message.reply_text(message.text)


def build_echo_application(token: str, base_url: str | None, *, rate_limited: bool) -> Application:
    limiter = (
        paced_rate_limiter()
        if rate_limited
        else AIORateLimiter(overall_max_rate=0, group_max_rate=0)
    )
    builder = Application.builder().token(token).rate_limiter(limiter)
    if base_url:
        builder = builder.base_url(base_url)
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-rate-limit", action="store_true")
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # At INFO, httpx logs request URLs, and those contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if not token:
        print("TELEGRAM_BOT_TOKEN is not set", file=sys.stderr)
        return 2
    application = build_echo_application(
        token,
        os.environ.get("TELEGRAM_API_BASE_URL") or None,
        rate_limited=not arguments.no_rate_limit,
    )
    logger.info("echo bot starting")
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
