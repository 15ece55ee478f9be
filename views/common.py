"""Plain reply values (text plus inline buttons) and the pieces every reply shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.model import Norm

MESSAGE_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
BUTTON_LABEL_LIMIT = 30


@dataclass(frozen=True)
class Button:
    label: str
    data: str

    def __post_init__(self) -> None:
        if not 0 < len(self.data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise ValueError(f"callback data must be 1-64 bytes: {self.data!r}")


@dataclass(frozen=True)
class Reply:
    """What the bot says: text and rows of inline buttons, independent of Telegram."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)


def callback_data(namespace: str, *parts: str | int) -> str:
    """Namespaced callback data such as 'norm:1.2.1-04'; never trusted for access."""
    return ":".join((namespace, *(str(part) for part in parts)))


def source_line(norm: Norm) -> str:
    """The one format of the origin line: '出处：1.2.1 拜访客户规范—上门拜访'."""
    return f"出处：{norm.source}"


def button_label(text: str, limit: int = BUTTON_LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fit_message(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Keep a message under Telegram's limit, cutting at a line break where possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 2)
    if cut < limit // 2:
        cut = limit - 2
    return text[:cut].rstrip() + "\n…"


def one_per_row(buttons: list[Button]) -> tuple[tuple[Button, ...], ...]:
    return tuple((button,) for button in buttons)
