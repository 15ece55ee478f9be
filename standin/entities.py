"""Telegram-style message text: UTF-16 offsets, the entities a message carries, trimming.

The bot sends plain text only, so the stand-in renders no parse mode (it refuses one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ParsedText:
    """Text as Telegram shows it, with Bot API `MessageEntity` dicts (UTF-16 offsets)."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def trim(parsed: ParsedText) -> ParsedText:
    """Strip leading and trailing whitespace as Telegram does, moving entities along."""
    text = parsed.text.strip()
    if text == parsed.text:
        return parsed
    shift = utf16_length(parsed.text[: len(parsed.text) - len(parsed.text.lstrip())])
    total = utf16_length(text)
    entities: list[dict[str, Any]] = []
    for entity in parsed.entities:
        start = max(0, entity["offset"] - shift)
        end = min(total, entity["offset"] + entity["length"] - shift)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(text=text, entities=tuple(entities))
