"""客户经理助手 — entry point: configuration, the Application's wiring and the command line.

python bot.py                    run the bot (long polling; needs TELEGRAM_BOT_TOKEN)
python bot.py console            chat with the bot in the terminal, offline
python bot.py check-knowledge    validate the knowledge base and print its coverage
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import BaseRequest

import handlers
from handlers.context import BotApplication, BotContext, BotServices, Clock, utc_now
from knowledge.loader import KnowledgeError
from knowledge.service import KnowledgeService
from storage.persistence import SqlitePersistence
from storage.store import Store
from timekeeping.workdays import WorkdayCalendar
from views.help import menu_commands

logger = logging.getLogger("kehu_zhushou")

DEFAULT_DB = Path("data") / "bot.db"
DEFAULT_HOLIDAYS = Path("config") / "holidays.yaml"
CONSOLE_TOKEN = "123456:CONSOLE-OFFLINE"


class ConfigError(Exception):
    """The environment does not describe a runnable bot."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from the environment (see README, "Configuration")."""

    token: str | None
    api_base_url: str | None
    database_path: Path
    admin_ids: frozenset[int]
    log_level: str = "INFO"
    holidays_path: Path = DEFAULT_HOLIDAYS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        admins = set()
        for part in environ.get("BOT_ADMINS", "").replace(" ", "").split(","):
            if not part:
                continue
            if not part.lstrip("-").isdigit():
                raise ConfigError(
                    f"BOT_ADMINS must be comma-separated Telegram user ids: {part!r}"
                )
            admins.add(int(part))
        return cls(
            token=environ.get("TELEGRAM_BOT_TOKEN") or None,
            api_base_url=environ.get("TELEGRAM_API_BASE_URL") or None,
            database_path=Path(environ.get("BOT_DB") or DEFAULT_DB),
            admin_ids=frozenset(admins),
            log_level=(environ.get("LOG_LEVEL") or "INFO").upper(),
            holidays_path=Path(environ.get("BOT_HOLIDAYS_FILE") or DEFAULT_HOLIDAYS),
        )


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock = utc_now,
    knowledge: KnowledgeService | None = None,
    rate_limited: bool = True,
) -> BotApplication:
    """The production wiring; tests and the console swap only the request (and the clock).

    Raises KnowledgeError if the knowledge base is invalid: the bot must not start with it.
    rate_limited=False is for benchmarks that measure the handlers' own cost, not the pacing.
    """
    token = settings.token or CONSOLE_TOKEN
    knowledge = knowledge or KnowledgeService()
    calendar = WorkdayCalendar(settings.holidays_path)
    store = Store(settings.database_path, clock=clock)
    builder = (
        Application.builder()
        .token(token)
        .context_types(ContextTypes(context=BotContext, bot_data=BotServices))
        .rate_limiter(
            AIORateLimiter()
            if rate_limited
            else AIORateLimiter(overall_max_rate=0, group_max_rate=0)
        )
        # Dialog steps, user_data and chat_data live in the same SQLite file as the records.
        .persistence(SqlitePersistence(store.db))
        .post_init(announce_commands)
        .post_shutdown(close_services)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    services: BotServices = application.bot_data
    services.knowledge = knowledge
    services.store = store
    services.clock = clock
    services.calendar = calendar
    services.admin_ids = settings.admin_ids
    handlers.register(application)
    return application


async def announce_commands(application: BotApplication) -> None:
    """Set the Chinese command menu; admins get theirs too. Optional: failures only warn."""
    services: BotServices = application.bot_data
    bot = application.bot
    try:
        await bot.set_my_commands(
            [BotCommand(name, text) for name, text in menu_commands(admin=False)],
            scope=BotCommandScopeDefault(),
        )
    except TelegramError as error:
        logger.warning("could not set the command menu: %s", error)
    for admin_id in sorted(services.admin_ids):
        try:
            await bot.set_my_commands(
                [BotCommand(name, text) for name, text in menu_commands(admin=True)],
                scope=BotCommandScopeChat(admin_id),
            )
        except TelegramError as error:
            logger.warning("could not set the admin menu for %s: %s", admin_id, error)


async def close_services(application: BotApplication) -> None:
    services: BotServices = application.bot_data
    services.store.close()


# -- command line --------------------------------------------------------------------------


class _RedactToken(logging.Filter):
    """Belt and braces: the token must never reach a log line, whatever logs it."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self._token:
            message = record.getMessage()
            if self._token in message:
                record.msg = message.replace(self._token, "<TOKEN>")
                record.args = None
        return True


def configure_logging(level: str, token: str | None) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_RedactToken(token))
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[handler],
        force=True,
    )
    # At INFO, httpx logs request URLs, and those contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def run(settings: Settings) -> int:
    if not settings.token:
        print(
            "TELEGRAM_BOT_TOKEN is not set. To try the bot offline: python bot.py console",
            file=sys.stderr,
        )
        return 2
    application = build_application(settings)
    logger.info(
        "starting: %d norms, database %s",
        len(application.bot_data.knowledge.current.kb.norms),
        settings.database_path,
    )
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        logger.error("Telegram rejected the bot token (TELEGRAM_BOT_TOKEN)")
        return 1
    return 0


def console(settings: Settings, user_id: int, first_name: str) -> int:
    from standin.botapi import BotApiStandIn
    from standin.console import run_console
    from standin.driver import ChatDriver
    from standin.request import StandInRequest

    api = BotApiStandIn(token=CONSOLE_TOKEN)
    application = build_application(settings, request=StandInRequest(api))
    user = api.user(user_id, first_name=first_name)

    async def chat() -> None:
        async with application:
            await announce_commands(application)
            await run_console(
                ChatDriver(application, api),
                user,
                input_stream=sys.stdin,
                output=sys.stdout,
                prompt=sys.stdin.isatty(),
            )
        await close_services(application)

    asyncio.run(chat())
    return 0


def check_knowledge() -> int:
    from knowledge.check import run_check

    return run_check(sys.stdout)


def main(argv: list[str] | None = None) -> int:
    # PTB 22 warns on every RetryAfter unless durations are opted in to timedelta.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    parser = argparse.ArgumentParser(prog="bot.py", description="客户经理助手")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot against Telegram (default)")
    console_parser = commands.add_parser("console", help="chat with the bot offline")
    console_parser.add_argument("--user-id", type=int, default=10001)
    console_parser.add_argument("--name", default="张三")
    console_parser.add_argument("--admin", action="store_true", help="be an administrator")
    commands.add_parser("check-knowledge", help="validate the knowledge base, print coverage")
    arguments = parser.parse_args(argv)

    if arguments.command == "check-knowledge":
        return check_knowledge()
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    is_console = arguments.command == "console"
    configure_logging("WARNING" if is_console else settings.log_level, settings.token)
    try:
        if is_console:
            if arguments.admin:
                settings = replace(settings, admin_ids=settings.admin_ids | {arguments.user_id})
            return console(settings, arguments.user_id, arguments.name)
        return run(settings)
    except KnowledgeError as error:
        print("The knowledge base is invalid; not starting:", file=sys.stderr)
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
