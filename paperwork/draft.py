"""A drafted document — a letter or a summary — as plain parts, and its text for a message.

The bot drafts the paperwork the norms demand from the records; the manager reads, copies or
downloads it (views render it as a message, paperwork/word.py as a .docx)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.signatures import Signature

__all__ = ["Draft", "Signature", "chinese_date", "draft_text", "sentence", "shortened"]

INDENT = "　　"  # two ideographic spaces: a Chinese paragraph's first-line indent
LONG_FIELD = 300  # a field longer than this is shortened in a letter; the record keeps it whole


@dataclass(frozen=True)
class Draft:
    """A document in parts. `notes` are for the manager in the chat (which norm a paragraph
    follows, what to fill in); they never go into the document itself."""

    title: str
    salutation: str | None
    paragraphs: tuple[str, ...]
    closing: tuple[str, ...]  # 此致 / 敬礼！ for a letter
    signature: tuple[str, ...]
    day: date | None
    file_stem: str  # the .docx file's name without its suffix
    headings: frozenset[int] = frozenset()  # indexes of paragraphs that are section headings
    notes: tuple[str, ...] = ()


def chinese_date(day: date) -> str:
    """'2026年12月7日', as a letter dates itself."""
    return f"{day.year}年{day.month}月{day.day}日"


def sentence(text: str) -> str:
    """The text as one sentence: trimmed, ending in exactly one full stop."""
    text = text.strip().rstrip("。.;；,，!！ ")
    return f"{text}。" if text else ""


def shortened(text: str, limit: int = LONG_FIELD) -> str:
    """A long field cut for a letter, at the last sentence end before the limit if there is
    one not too far back, with …… to show something was left out."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。；！？")
    end = cut + 1 if cut >= limit // 2 else limit
    return text[:end].rstrip("，,、 ") + "……"


def draft_text(draft: Draft) -> str:
    """The document as a chat message: what the .docx says, in the same order."""
    lines = [draft.title, ""]
    if draft.salutation:
        lines.append(draft.salutation)
    for index, paragraph in enumerate(draft.paragraphs):
        lines.append(paragraph if index in draft.headings else INDENT + paragraph)
    if draft.closing:
        lines += [INDENT + draft.closing[0], *draft.closing[1:]]
    if draft.signature or draft.day:
        lines.append("")
        lines += list(draft.signature)
        if draft.day is not None:
            lines.append(chinese_date(draft.day))
    return "\n".join(lines)
