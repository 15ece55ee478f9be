"""客户经理助手 — entry point: configuration, the Application's wiring and the command line.

python bot.py                    run the bot (long polling; needs TELEGRAM_BOT_TOKEN)
python bot.py console            chat with the bot in the terminal, offline
python bot.py check-knowledge    validate the knowledge base and print its coverage
python bot.py knowledge export-learned   write what curators taught into knowledge/learned.yaml
python bot.py backup PATH        a consistent copy of the database, safe while the bot runs
python bot.py health             is the running bot healthy? one line; exit 0 yes, 1 no
python bot.py staff add|list|…   manage staff without Telegram (python bot.py staff -h)
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import BaseRequest, HTTPXRequest

import handlers
from access.cli import CLI_ACTOR, add_staff_parser, run_staff_command
from handlers import team
from handlers.context import BotApplication, BotContext
from handlers.replying import send_to_chat
from handlers.telegram_client import BotClient
from knowledge.loader import KnowledgeError
from knowledge.service import KnowledgeService
from learning.curation import learned_from
from ops.configuration import ConfigError, Configuration
from ops.cpu_pool import CpuPool
from ops.health import report as report_health
from ops.heartbeat import heartbeat_path, start_heartbeat
from ops.rate_limit import PacedRateLimiter
from ops.update_order import PerChatUpdateProcessor
from reminders.config import ReminderConfigError, load_reminder_config
from reminders.jobs import schedule_reminder_jobs
from services import BotServices
from storage.backup import BackupError, backup_database
from storage.persistence import SqlitePersistence
from storage.staff import ROLE_ADMIN, ROLE_CURATOR, ROLE_LEAD, ROLE_MANAGER
from storage.store import Store
from timekeeping.clock import Clock, utc_now
from timekeeping.workdays import WorkdayCalendar
from views.help import menu_commands

logger = logging.getLogger("kehu_zhushou")

CONSOLE_TOKEN = "123456:CONSOLE-OFFLINE"
REMINDER_SYNC_SECONDS = 3600.0  # time-based obligations (monthly forecast, regular visits)


def build_application(
    config: Configuration,
    *,
    request: BaseRequest | None = None,
    clock: Clock = utc_now,
    knowledge: KnowledgeService | None = None,
    rate_limited: bool = True,
) -> BotApplication:
    """The production wiring; tests and the console swap only the request (and the clock).

    Raises KnowledgeError if the knowledge base is invalid, ReminderConfigError if the reminder
    settings are: the bot must not start with either.
    rate_limited=False is for benchmarks that measure the handlers' own cost, not the pacing.
    """
    token = config.token or CONSOLE_TOKEN
    knowledge = knowledge or KnowledgeService()
    calendar = WorkdayCalendar(config.holidays_path)
    reminder_config = load_reminder_config(config.reminders_path)
    store = Store(config.database_path, clock=clock)
    # What curators taught in chat (/review) applies on top of the files, now and after each
    # decision.
    knowledge.learn_from(lambda: learned_from(store.review.active()))
    bot = BotClient(
        token,
        base_url=config.api_base_url or TELEGRAM_BASE_URL,
        # PTB's builder defaults: 256 connections for sending, 1 for long polling.
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=request or HTTPXRequest(connection_pool_size=1),
        rate_limiter=(
            paced_rate_limiter()
            if rate_limited
            else AIORateLimiter(overall_max_rate=0, group_max_rate=0)
        ),
    )
    builder = (
        Application.builder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext, bot_data=BotServices))
        # Dialog steps, user_data and chat_data live in the same SQLite file as the records.
        .persistence(SqlitePersistence.of(store))
        # Different people's updates at once, each chat's and each user's in order
        # (docs/concurrency.md): one person's slow request never holds up another's answer.
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(announce_commands)
        .post_shutdown(close_services)
    )
    application = builder.build()
    services: BotServices = application.bot_data
    services.knowledge = knowledge
    services.store = store
    services.clock = clock
    services.calendar = calendar
    services.staff = store.staff
    for admin_id in sorted(config.admin_ids):
        services.staff.ensure_admin(admin_id)  # administrators exist from the first start
    services.reminder_config = reminder_config
    services.cpu = CpuPool(config.cpu_workers)  # workers start with the first chart or file
    services.send_to_chat = functools.partial(send_to_chat, cpu=services.cpu)
    handlers.register(application)
    # Reminders are rows; these jobs send the due ones and keep them planned (docs/reminders.md).
    schedule_reminder_jobs(
        application, sweep_seconds=config.sweep_seconds, sync_seconds=REMINDER_SYNC_SECONDS
    )
    # Team leads hear once about members' items overdue longer than TEAM_ESCALATION_HOURS.
    services.escalation_hours = config.escalation_hours
    if application.job_queue is not None:
        application.job_queue.run_repeating(team.escalation_job, interval=3600, first=300)
    # What the container's health check reads; jobs run only while the application runs.
    start_heartbeat(application, heartbeat_path(config.database_path))
    return application


TELEGRAM_BASE_URL = "https://api.telegram.org/bot"

# Seconds between one getUpdates answer and the next request. PTB's default 0 asks again the
# moment an answer is in, so under load each request fetches one update; 20 ms (unnoticeable in a
# chat) lets a busy moment's updates arrive together: measured with 200 people at once, 7 updates
# a request instead of 1, and 15 % less CPU per update. Idle, long polling waits as before.
POLL_INTERVAL = 0.02


def paced_rate_limiter() -> AIORateLimiter:
    """Telegram's 30 messages a second, evenly spaced, never more than 30 that Telegram could
    count in one second, text answers ahead of files and files ahead of reminders
    (ops/rate_limit.py).

    PTB's default bucket lets 30 go at once and then 30 a second, so a thousand reminders due
    together put about 60 into the first second, and Telegram answers those with 429.
    """
    return PacedRateLimiter()


async def announce_commands(application: BotApplication) -> None:
    """Set the Chinese command menu; admins get theirs too. Optional: failures only warn."""
    services: BotServices = application.bot_data
    bot = application.bot
    try:
        await bot.set_my_commands(
            [BotCommand(name, text) for name, text in menu_commands(None)],
            scope=BotCommandScopeDefault(),
        )
    except TelegramError as error:
        logger.warning("could not set the command menu: %s", error)
    for member in services.staff.all():
        if not member.active or member.role not in (ROLE_ADMIN, ROLE_LEAD, ROLE_CURATOR):
            continue
        try:
            await bot.set_my_commands(
                [BotCommand(name, text) for name, text in menu_commands(member.role)],
                scope=BotCommandScopeChat(member.user_id),
            )
        except TelegramError as error:
            logger.warning("could not set the menu of %s: %s", member.user_id, error)


async def close_services(application: BotApplication) -> None:
    """post_shutdown: PTB calls it after Application.shutdown(), whose last steps are
    update_persistence() and persistence.flush(), so the database is closed last."""
    services: BotServices = application.bot_data
    services.cpu.close()
    services.store.close()


# -- command line --------------------------------------------------------------------------


class _RedactingFormatter(logging.Formatter):
    """Belt and braces: no secret reaches a log line, whatever logs it, tracebacks included."""

    def __init__(self, fmt: str, secrets: dict[str, str]) -> None:
        super().__init__(fmt)
        # Longest first, so the whole token goes before its secret half (which URLs may
        # carry with the colon percent-encoded).
        self._secrets = sorted(secrets.items(), key=lambda item: -len(item[0]))

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret, placeholder in self._secrets:
            text = text.replace(secret, placeholder)
        return text


class _FloodControlIsAWarning(logging.Filter):
    """PTB's AIORateLimiter logs each 429 it passes on as an ERROR with a traceback. Every
    sender here waits the retry_after out and sends again (handlers/replying.py,
    reminders/sender.py), and a 429 nothing handles reaches the error handler, which logs it
    as the error it then is; so the limiter's own line is a warning, one line long."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.ERROR and str(record.msg).startswith("Rate limit hit"):
            error = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = "Telegram's flood control (429): %s", (error,)
            record.exc_info, record.exc_text = None, None
        return True


_FLOOD_CONTROL_FILTER = _FloodControlIsAWarning()


def log_secrets(config: Configuration) -> dict[str, str]:
    """What must never be logged, each with the placeholder that replaces it."""
    secrets: dict[str, str] = {}
    if config.token:
        secrets[config.token] = "<TOKEN>"
        secrets[config.token.partition(":")[2] or config.token] = "<TOKEN>"
    if config.webhook is not None:
        secrets[config.webhook.secret] = "<WEBHOOK_SECRET>"
    return secrets


def configure_logging(level: str, secrets: dict[str, str]) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        _RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # At INFO, httpx logs request URLs, and those contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # python-telegram-bot's DEBUG lines carry whole updates and API answers — what users
    # typed, customers' names — so LOG_LEVEL=DEBUG is for our own modules only.
    logging.getLogger("telegram").setLevel(
        max(logging.getLevelNamesMapping()[level], logging.INFO)
    )
    # APScheduler logs two INFO lines for every run of every job (the heartbeat: every 30 s).
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_FLOOD_CONTROL_FILTER)


def run(config: Configuration) -> int:
    if not config.token:
        print(
            "TELEGRAM_BOT_TOKEN is not set. To try the bot offline: python bot.py console",
            file=sys.stderr,
        )
        return 2
    application = build_application(config)
    webhook = config.webhook
    logger.info(
        "starting: %d norms, database %s, %s",
        len(application.bot_data.knowledge.current.kb.norms),
        config.database_path,
        f"webhook {webhook.url} served on {webhook.local_address}" if webhook else "long polling",
    )
    # Both stop cleanly on SIGTERM, SIGINT and SIGABRT (PTB's default stop_signals): no more
    # updates are taken, those in hand are finished, persistence is flushed, then
    # close_services runs.
    try:
        if webhook is None:
            application.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=POLL_INTERVAL)
        else:
            application.run_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=webhook.path,
                webhook_url=webhook.url,
                # PTB answers 403 to every request without this X-Telegram-Bot-Api-Secret-Token.
                secret_token=webhook.secret,
                allowed_updates=Update.ALL_TYPES,
            )
    except InvalidToken:
        logger.error("Telegram rejected the bot token (TELEGRAM_BOT_TOKEN)")
        return 1
    except TelegramError as error:
        logger.error("could not start: Telegram answered %s", error)
        return 1
    except OSError as error:
        logger.error("could not start: %s", error)
        return 1
    logger.info("stopped")
    return 0


def backup(database_path: Path, target: Path, *, force: bool) -> int:
    try:
        report = backup_database(database_path, target, overwrite=force)
    except BackupError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def console(config: Configuration, user_id: int, first_name: str) -> int:
    from access.policy import ROLE_LABELS
    from standin.botapi import BotApiStandIn
    from standin.console import file_saver, greeting, run_console
    from standin.driver import ChatDriver
    from standin.request import StandInRequest

    api = BotApiStandIn(token=CONSOLE_TOKEN)
    application = build_application(config, request=StandInRequest(api))
    user = api.user(user_id, first_name=first_name)
    registry = application.bot_data.staff
    if registry.get(user_id) is None:
        # The console is a local tool on a local database: its user is registered staff.
        registry.add(user_id, first_name, ROLE_MANAGER, actor_id=CLI_ACTOR)
    member = registry.get(user_id)
    assert member is not None
    files = config.database_path.parent / "console-files"

    async def chat() -> None:
        async with application:
            await announce_commands(application)
            # Started, so the JobQueue runs: reminders due while the console is open show up.
            await application.start()
            try:
                await run_console(
                    ChatDriver(application, api),
                    user,
                    input_stream=sys.stdin,
                    output=sys.stdout,
                    prompt=sys.stdin.isatty(),
                    save=file_saver(files),
                    intro=greeting(member.name, ROLE_LABELS[member.role], files),
                )
            finally:
                await application.stop()
        await close_services(application)

    asyncio.run(chat())
    return 0


def staff_command(config: Configuration, arguments: argparse.Namespace) -> int:
    """`python bot.py staff …` on the database BOT_DB names, without Telegram."""
    store = Store(config.database_path)
    try:
        registry = store.staff
        for admin_id in sorted(config.admin_ids):
            registry.ensure_admin(admin_id)
        return run_staff_command(arguments, registry, sys.stdout)
    finally:
        store.close()


def check_knowledge() -> int:
    from knowledge.check import run_check

    return run_check(sys.stdout)


def knowledge_command(config: Configuration, arguments: argparse.Namespace) -> int:
    """`python bot.py knowledge export-learned`: curators' decisions into the YAML files."""
    from learning.export import export_learned

    store = Store(config.database_path)
    try:
        merged, new = export_learned(learned_from(store.review.active()))
    except ValueError as error:
        print(f"knowledge/learned.yaml is invalid, not overwritten:\n{error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"wrote knowledge/learned.yaml: {len(merged.questions)} example questions, "
        f"{len(merged.synonyms)} synonyms, {len(merged.out_of_scope)} out-of-scope questions "
        f"({new} new). Check it with `python bot.py check-knowledge`, then commit it."
    )
    return check_knowledge()


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
    backup_parser = commands.add_parser(
        "backup", help="copy the database (BOT_DB) consistently, also while the bot runs"
    )
    backup_parser.add_argument("path", type=Path, help="the backup file to write")
    backup_parser.add_argument("--force", action="store_true", help="replace an existing file")
    commands.add_parser("health", help="is the running bot healthy? exit 0 yes, 1 no")
    knowledge_parser = commands.add_parser("knowledge", help="knowledge-base upkeep")
    knowledge_actions = knowledge_parser.add_subparsers(dest="action", required=True)
    knowledge_actions.add_parser(
        "export-learned", help="write what curators taught (/review) into knowledge/learned.yaml"
    )
    add_staff_parser(commands)
    arguments = parser.parse_args(argv)

    if arguments.command == "check-knowledge":
        return check_knowledge()
    try:
        config = Configuration.from_env()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if arguments.command == "backup":
        return backup(config.database_path, arguments.path, force=arguments.force)
    if arguments.command == "health":
        return report_health(config.database_path)
    if arguments.command == "staff":
        return staff_command(config, arguments)
    if arguments.command == "knowledge":
        return knowledge_command(config, arguments)
    is_console = arguments.command == "console"
    configure_logging("WARNING" if is_console else config.log_level, log_secrets(config))
    try:
        if is_console:
            if arguments.admin:
                config = replace(config, admin_ids=config.admin_ids | {arguments.user_id})
            return console(config, arguments.user_id, arguments.name)
        return run(config)
    except KnowledgeError as error:
        print("The knowledge base is invalid; not starting:", file=sys.stderr)
        print(error, file=sys.stderr)
        return 1
    except ReminderConfigError as error:
        print("The reminder settings are invalid; not starting:", file=sys.stderr)
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
