"""Webhook mode's settings from the environment, checked before anything starts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

# What Telegram accepts as setWebhook's secret_token: 1–256 of A-Z a-z 0-9 _ -.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")

DEFAULT_LISTEN = "0.0.0.0"  # in a container, the published port reaches the bot only so
DEFAULT_PORT = 8443


@dataclass(frozen=True)
class WebhookConfiguration:
    """Where Telegram posts updates (url) and where the bot's own web server listens."""

    url: str  # public https URL given to setWebhook
    secret: str  # Telegram sends it in X-Telegram-Bot-Api-Secret-Token; others get 403
    listen: str = DEFAULT_LISTEN
    port: int = DEFAULT_PORT
    path: str = "/"  # the local path; by default the URL's own path

    @property
    def local_address(self) -> str:
        return f"{self.listen}:{self.port}{self.path}"


def webhook_from_env(
    environ: Mapping[str, str], *, token: str | None, self_hosted_api: bool
) -> WebhookConfiguration | None:
    """None (long polling) unless TELEGRAM_WEBHOOK_URL is set; ValueError says what is wrong.

    A self-hosted Bot API server (TELEGRAM_API_BASE_URL) may post to plain http; Telegram's
    own servers only to https. Neither the URL nor the path may contain the bot token: URLs
    end up in proxies' access logs.
    """
    url = environ.get("TELEGRAM_WEBHOOK_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    schemes = ("https", "http") if self_hosted_api else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(
            f"TELEGRAM_WEBHOOK_URL must be a public https:// URL, e.g. "
            f"https://bot.example.com/telegram, not {url!r}"
        )
    secret = environ.get("TELEGRAM_WEBHOOK_SECRET", "")
    if not secret:
        raise ValueError(
            "TELEGRAM_WEBHOOK_SECRET is required in webhook mode (TELEGRAM_WEBHOOK_URL is set): "
            "Telegram sends it with every update, so the bot can refuse requests from anyone "
            "else. Make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if not _SECRET.fullmatch(secret):
        raise ValueError(
            "TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A-Z, a-z, 0-9, _ and - "
            "(Telegram accepts no others)"
        )
    listen = environ.get("WEBHOOK_LISTEN", "").strip() or DEFAULT_LISTEN
    port_text = environ.get("WEBHOOK_PORT", "").strip() or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(f"WEBHOOK_PORT must be a port number 1–65535, not {port_text!r}")
    path = environ.get("WEBHOOK_PATH", "").strip() or parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    if token and (token in url or token in path or token.split(":")[-1] in url + path):
        raise ValueError(
            "TELEGRAM_WEBHOOK_URL and WEBHOOK_PATH must not contain the bot token; "
            "TELEGRAM_WEBHOOK_SECRET is what authenticates Telegram"
        )
    return WebhookConfiguration(
        url=url, secret=secret, listen=listen, port=int(port_text), path=path
    )
