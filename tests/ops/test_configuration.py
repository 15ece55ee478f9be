"""Deployment settings from the environment (webhook mode, log level) and the log's redaction."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot import configure_logging, log_secrets
from ops.configuration import ConfigError, Configuration
from ops.webhook import WebhookConfiguration

TOKEN = "987654:SECRET-token-never-logged"
SECRET = "webhook-Secret_0123456789"


def webhook_env(**extra: str) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/telegram/kehu",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        **extra,
    }


def test_without_a_webhook_url_the_bot_polls() -> None:
    assert Configuration.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).webhook is None


def test_webhook_url_selects_webhook_mode_with_defaults() -> None:
    assert Configuration.from_env(webhook_env()).webhook == WebhookConfiguration(
        url="https://bot.example.com/telegram/kehu",
        secret=SECRET,
        listen="0.0.0.0",
        port=8443,
        path="/telegram/kehu",
    )


def test_webhook_listen_port_and_path_are_read() -> None:
    webhook = Configuration.from_env(
        webhook_env(WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT="9000", WEBHOOK_PATH="hook")
    ).webhook
    assert webhook is not None
    assert (webhook.listen, webhook.port, webhook.path) == ("127.0.0.1", 9000, "/hook")
    assert webhook.local_address == "127.0.0.1:9000/hook"


def test_webhook_url_without_a_path_is_served_at_the_root() -> None:
    webhook = Configuration.from_env(
        webhook_env(TELEGRAM_WEBHOOK_URL="https://bot.example.com")
    ).webhook
    assert webhook is not None
    assert webhook.path == "/"


def test_webhook_mode_without_a_secret_refuses_to_start() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET is required in webhook mode"):
        Configuration.from_env(webhook_env(TELEGRAM_WEBHOOK_SECRET=""))


@pytest.mark.parametrize("secret", ["has space", "ünïcode", "semi;colon", "x" * 257])
def test_webhook_secret_outside_telegrams_alphabet_or_length_is_refused(secret: str) -> None:
    with pytest.raises(ConfigError, match="1–256 characters of A-Z, a-z, 0-9, _ and -"):
        Configuration.from_env(webhook_env(TELEGRAM_WEBHOOK_SECRET=secret))


def test_webhook_secret_of_256_allowed_characters_is_accepted() -> None:
    secret = ("Az09_-" * 43)[:256]
    webhook = Configuration.from_env(webhook_env(TELEGRAM_WEBHOOK_SECRET=secret)).webhook
    assert webhook is not None
    assert webhook.secret == secret


def test_webhook_url_must_be_https() -> None:
    with pytest.raises(ConfigError, match="must be a public https:// URL"):
        Configuration.from_env(webhook_env(TELEGRAM_WEBHOOK_URL="http://bot.example.com/tg"))


def test_self_hosted_bot_api_may_post_to_plain_http() -> None:
    webhook = Configuration.from_env(
        webhook_env(
            TELEGRAM_WEBHOOK_URL="http://bot.internal:8080/tg",
            TELEGRAM_API_BASE_URL="http://127.0.0.1:8081/bot",
        )
    ).webhook
    assert webhook is not None
    assert webhook.url == "http://bot.internal:8080/tg"


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_webhook_port_must_be_a_port_number(port: str) -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_PORT must be a port number"):
        Configuration.from_env(webhook_env(WEBHOOK_PORT=port))


@pytest.mark.parametrize(
    "variables",
    [
        {"TELEGRAM_WEBHOOK_URL": f"https://bot.example.com/{TOKEN}"},
        {"WEBHOOK_PATH": f"/{TOKEN.split(':')[1]}"},
    ],
)
def test_webhook_url_and_path_must_not_contain_the_token(variables: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="must not contain the bot token"):
        Configuration.from_env(webhook_env(**variables))


def test_unknown_log_level_is_refused() -> None:
    with pytest.raises(ConfigError, match="LOG_LEVEL must be one of DEBUG, INFO"):
        Configuration.from_env({"LOG_LEVEL": "verbose"})


@pytest.fixture
def configured_logging() -> Iterator[None]:
    """configure_logging replaces the root logger's handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    watched = ("telegram", "apscheduler", "httpx")
    levels = {name: logging.getLogger(name).level for name in watched}
    yield
    root.handlers[:], root.level = saved
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def formatted(record: logging.LogRecord) -> str:
    [handler] = logging.getLogger().handlers
    return handler.format(record)


@pytest.mark.usefixtures("configured_logging")
def test_token_and_webhook_secret_are_redacted_from_messages_and_tracebacks() -> None:
    settings = Configuration.from_env(webhook_env())
    configure_logging("INFO", log_secrets(settings))
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/setWebhook {SECRET}")
    except RuntimeError as error:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed: %s", (TOKEN,), (type(error), error, None)
        )
    text = formatted(record)
    assert TOKEN not in text
    assert SECRET not in text
    assert "failed: <TOKEN>" in text
    assert "bot<TOKEN>/setWebhook <WEBHOOK_SECRET>" in text


@pytest.mark.usefixtures("configured_logging")
def test_the_tokens_secret_half_is_redacted_on_its_own() -> None:
    configure_logging("INFO", log_secrets(Configuration.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})))
    url = "https://api.telegram.org/bot987654%3ASECRET-token-never-logged/getMe"
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, url, None, None)
    assert "SECRET-token-never-logged" not in formatted(record)


@pytest.mark.usefixtures("configured_logging")
def test_debug_raises_our_loggers_but_keeps_the_library_at_info() -> None:
    configure_logging("DEBUG", {})
    assert logging.getLogger("handlers.visit").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("telegram.ext.ExtBot").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("telegram.ext.Application").isEnabledFor(logging.INFO)
    assert not logging.getLogger("apscheduler.scheduler").isEnabledFor(logging.INFO)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.usefixtures("configured_logging")
def test_a_429_the_rate_limiter_passes_on_is_a_one_line_warning() -> None:
    """The limiter's ERROR with traceback for each 429 is noise: the senders wait and retry."""
    configure_logging("INFO", {})
    limiter_log = logging.getLogger("telegram.ext.AIORateLimiter")
    collector = _Collector()
    limiter_log.addHandler(collector)
    try:
        raise RetryAfter(timedelta(seconds=3))
    except RetryAfter as error:
        limiter_log.exception("Rate limit hit after maximum of %d retries", 0, exc_info=error)
        limiter_log.error("something else")
    finally:
        limiter_log.removeHandler(collector)
    flood, other = collector.records
    assert (flood.levelname, flood.exc_info) == ("WARNING", None)
    assert "flood control" in flood.getMessage()
    assert other.levelname == "ERROR"
