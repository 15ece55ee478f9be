"""Everything the bot reads from the environment (README, "Configuration"), and the defaults.

Small on purpose: the container's health check (ops/health.py) reads the database's default
path from here without loading the bot.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ops.cpu_pool import default_workers
from ops.webhook import WebhookConfiguration, webhook_from_env

DEFAULT_DB = Path("data") / "bot.db"
DEFAULT_HOLIDAYS = Path("config") / "holidays.yaml"
# The shipped reminder settings: slots per kind, quiet lead, late grace, users' defaults.
REMINDERS_FILE = Path(__file__).resolve().parent.parent / "config" / "reminders.yaml"
DEFAULT_SWEEP_SECONDS = 30.0
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """The environment does not describe a runnable bot."""


@dataclass(frozen=True)
class Configuration:
    """Everything the bot reads from the environment (see README, "Configuration")."""

    token: str | None
    api_base_url: str | None
    database_path: Path
    admin_ids: frozenset[int]
    log_level: str = "INFO"
    holidays_path: Path = DEFAULT_HOLIDAYS
    webhook: WebhookConfiguration | None = None  # None: long polling
    sweep_seconds: float = DEFAULT_SWEEP_SECONDS  # how often due reminders are looked for
    escalation_hours: float = 24.0  # a member's item this long overdue is reported to the lead
    reminders_path: Path = REMINDERS_FILE
    cpu_workers: int = 1  # worker processes for charts and files (BOT_CPU_WORKERS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Configuration:
        admins = set()
        for part in environ.get("BOT_ADMINS", "").replace(" ", "").split(","):
            if not part:
                continue
            if not part.lstrip("-").isdigit():
                raise ConfigError(
                    f"BOT_ADMINS must be comma-separated Telegram user ids: {part!r}"
                )
            admins.add(int(part))
        token = environ.get("TELEGRAM_BOT_TOKEN") or None
        api_base_url = environ.get("TELEGRAM_API_BASE_URL") or None
        try:
            webhook = webhook_from_env(
                environ, token=token, self_hosted_api=api_base_url is not None
            )
        except ValueError as error:
            raise ConfigError(str(error)) from None
        log_level = (environ.get("LOG_LEVEL") or "INFO").upper()
        if log_level not in LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}: {log_level!r}")
        sweep_text = environ.get("REMINDER_SWEEP_SECONDS") or str(DEFAULT_SWEEP_SECONDS)
        try:
            sweep_seconds = float(sweep_text)
        except ValueError:
            sweep_seconds = 0
        if not 0 < sweep_seconds <= 3600:
            raise ConfigError(f"REMINDER_SWEEP_SECONDS must be 0–3600 seconds: {sweep_text!r}")
        escalation_text = environ.get("TEAM_ESCALATION_HOURS") or "24"
        try:
            escalation_hours = float(escalation_text)
        except ValueError:
            escalation_hours = -1
        if not 0 < escalation_hours <= 24 * 30:
            raise ConfigError(f"TEAM_ESCALATION_HOURS must be 1–720 hours: {escalation_text!r}")
        try:
            cpu_workers = default_workers(environ)
        except ValueError as error:
            raise ConfigError(str(error)) from None
        return cls(
            token=token,
            api_base_url=api_base_url,
            database_path=Path(environ.get("BOT_DB") or DEFAULT_DB),
            admin_ids=frozenset(admins),
            log_level=log_level,
            holidays_path=Path(environ.get("BOT_HOLIDAYS_FILE") or DEFAULT_HOLIDAYS),
            webhook=webhook,
            sweep_seconds=sweep_seconds,
            escalation_hours=escalation_hours,
            reminders_path=Path(environ.get("BOT_REMINDERS_FILE") or REMINDERS_FILE),
            cpu_workers=cpu_workers,
        )
