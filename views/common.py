"""Plain reply values (text plus inline buttons) and the pieces every reply shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from knowledge.model import Norm
from views.button_data import CALLBACK_DATA_LIMIT

# Telegram's limits, in characters (callback data: views/button_data.py).
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
NOTICE_LIMIT = 200  # the notice or alert that answers a button press
BUTTON_LABEL_LIMIT = 30


@dataclass(frozen=True)
class Button:
    """An inline button: its label and its callback data, packed by views/button_data.py."""

    label: str
    data: str

    def __post_init__(self) -> None:
        if not 0 < len(self.data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise ValueError(f"callback data must be 1-64 bytes: {self.data!r}")


@dataclass(frozen=True)
class FileToMake:
    """A file's content still to be made: `make(*args)` gives its bytes. Whoever sends the reply
    makes it first, in the worker pool (CPU work is never done on the event loop)."""

    make: Callable[..., bytes]
    args: tuple[object, ...]


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply: a drafted letter (.docx), a workbook (.xlsx)."""

    filename: str
    data: bytes | FileToMake
    # A document to read and copy (a drafted letter): its text as a message of its own, always,
    # with the file after it; otherwise a short text is the file's caption.
    apart: bool = False


@dataclass(frozen=True)
class Reply:
    """What the bot says: text and rows of inline buttons, independent of Telegram; with an
    attachment, a file too (the text is its caption when it fits one)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    attachment: Attachment | None = None


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


def shortened(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else its beginning and the whole length:
    '客户计划明年扩容…（共988字）'. Never longer than `limit`."""
    if len(text) <= limit:
        return text
    mark = f"…（共{len(text)}字）"
    if limit <= len(mark):
        return text[:limit]
    return text[: limit - len(mark)].rstrip() + mark


def fit_parts(parts: Sequence[str], budget: int) -> list[str]:
    """The parts, the longest shortened to one common length, so that together they take at
    most `budget` characters: short parts stay whole, long ones share what is left."""
    if sum(len(part) for part in parts) <= budget:
        return list(parts)
    low, high = 0, max(len(part) for part in parts)
    while low < high:  # the largest cap at which the parts still fit
        cap = (low + high + 1) // 2
        if sum(min(len(part), cap) for part in parts) <= budget:
            low = cap
        else:
            high = cap - 1
    return [shortened(part, low) for part in parts]


def one_per_row(buttons: list[Button]) -> tuple[tuple[Button, ...], ...]:
    return tuple((button,) for button in buttons)
