"""Telegram-style message entities: the HTML parse mode, UTF-16 offsets and text trimming."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Tag name -> entity type, as in the Bot API's "HTML style" section.
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_CHARACTERS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z0-9_-]+")


class EntityParseError(ValueError):
    """The text is not valid for its parse mode; the message follows Telegram's wording."""


@dataclass(frozen=True)
class ParsedText:
    """Text as Telegram shows it, with Bot API `MessageEntity` dicts (UTF-16 offsets)."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    offset: int  # UTF-16 offset in the plain text
    language: str | None = None


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(raw: str, index: int) -> int:
    return len(raw[:index].encode("utf-8"))


def _decode_reference(raw: str, index: int) -> tuple[str, int]:
    """The character an `&...;` reference at `index` stands for and the index after it.

    Unknown names stay literal, as Telegram leaves them.
    """
    match = _CHARACTER_REFERENCE.match(raw, index)
    if match is None:
        return "&", index + 1
    name = match.group(1)
    if name.startswith("#x"):
        code = int(name[2:], 16)
    elif name.startswith("#"):
        code = int(name[1:])
    elif name in _NAMED_CHARACTERS:
        return _NAMED_CHARACTERS[name], match.end()
    else:
        return "&", index + 1
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "&", index + 1
    return chr(code), match.end()


def _unescape(value: str) -> str:
    parts: list[str] = []
    index = 0
    while index < len(value):
        if value[index] == "&":
            char, index = _decode_reference(value, index)
            parts.append(char)
        else:
            parts.append(value[index])
            index += 1
    return "".join(parts)


def _parse_start_tag(raw: str, index: int) -> tuple[_OpenTag, int]:
    """Parse `<name attr="v" ...>` starting at the `<`; returns the tag and the index after."""
    begin = index
    index += 1
    name_end = index
    while name_end < len(raw) and not raw[name_end].isspace() and raw[name_end] not in ">/":
        name_end += 1
    if name_end >= len(raw):
        raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(raw, begin)}")
    name = raw[index:name_end].lower()
    if name not in _TAG_ENTITY:
        raise EntityParseError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(raw, begin)}'
        )
    attributes: dict[str, str] = {}
    index = name_end
    while True:
        while index < len(raw) and raw[index].isspace():
            index += 1
        if index >= len(raw):
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(raw, begin)}")
        if raw[index] == ">":
            index += 1
            break
        match = _ATTRIBUTE_NAME.match(raw, index)
        if match is None:
            raise EntityParseError(
                f'Empty attribute name in the tag "{name}" at byte offset '
                f"{_byte_offset(raw, begin)}"
            )
        attribute = match.group(0).lower()
        index = match.end()
        while index < len(raw) and raw[index].isspace():
            index += 1
        if index < len(raw) and raw[index] == "=":
            index += 1
            while index < len(raw) and raw[index].isspace():
                index += 1
            if index < len(raw) and raw[index] in "\"'":
                quote = raw[index]
                close = raw.find(quote, index + 1)
                if close < 0:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(raw, begin)}"
                    )
                value = raw[index + 1 : close]
                index = close + 1
            else:
                value_end = index
                while (
                    value_end < len(raw)
                    and not raw[value_end].isspace()
                    and (raw[value_end] != ">")
                ):
                    value_end += 1
                value = raw[index:value_end]
                index = value_end
            attributes[attribute] = _unescape(value)
        else:
            attributes[attribute] = ""
    if name == "span" and attributes.get("class") != "tg-spoiler":
        raise EntityParseError(
            f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(raw, begin)}'
        )
    return _OpenTag(name=name, attributes=attributes, offset=0), index


def _entity_for(tag: _OpenTag, end: int) -> dict[str, Any] | None:
    length = end - tag.offset
    if length <= 0:
        return None
    kind = _TAG_ENTITY[tag.name]
    entity: dict[str, Any] = {"type": kind, "offset": tag.offset, "length": length}
    if tag.name == "a":
        url = tag.attributes.get("href", "").strip()
        if not url:
            return None
        entity["url"] = url
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "blockquote" and "expandable" in tag.attributes:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        emoji_id = tag.attributes.get("emoji-id", "")
        if not emoji_id:
            return None
        entity["custom_emoji_id"] = emoji_id
    return entity


def parse_html(raw: str) -> ParsedText:
    """Parse Telegram's HTML parse mode into plain text and entities (before trimming)."""
    plain: list[str] = []
    position = 0  # UTF-16 length of `plain` so far
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "&":
            decoded, index = _decode_reference(raw, index)
            plain.append(decoded)
            position += utf16_length(decoded)
        elif char == "<" and raw.startswith("</", index):
            begin = index
            close = raw.find(">", index)
            if close < 0:
                raise EntityParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(raw, begin)}"
                )
            name = raw[index + 2 : close].strip().lower()
            index = close + 1
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(raw, begin)}"
                )
            tag = stack.pop()
            if name != tag.name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(raw, begin)}, "
                    f'expected "</{tag.name}>", found "</{name}>"'
                )
            language = tag.attributes.get("class", "")
            if tag.name == "code" and stack and stack[-1].name == "pre" and language:
                # <pre><code class="language-x"> is one pre entity with a language.
                stack[-1].language = language.removeprefix("language-")
                continue
            entity = _entity_for(tag, position)
            if entity is not None:
                entities.append(entity)
        elif char == "<":
            tag, index = _parse_start_tag(raw, index)
            tag.offset = position
            stack.append(tag)
        else:
            plain.append(char)
            position += utf16_length(char)
            index += 1
    if stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText(text="".join(plain), entities=tuple(entities))


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
