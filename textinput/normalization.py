"""Brings typed text to one form before anything else sees it, so invisible or look-alike
characters never make an empty answer, a blank customer name or a second copy of a customer.

The form, step by step (README, "Typed text"):
- line breaks of every kind become "\\n";
- width and font variants are folded as NFKC folds them (ＡＢＣ１２３ → ABC123, ｶ → カ,
  𝐀 → A, no-break and ideographic spaces → space), but the full-width punctuation of Chinese
  writing (，：；！？（）～￥ …) is kept as typed, and so are symbols NFKC would spell out
  (…, ㎡, ①, ²); the rest is NFC;
- invisible characters are dropped: control characters, zero-width spaces and joiners,
  direction marks and overrides, the byte order mark, Hangul fillers, the blank braille cell;
  a zero-width joiner inside an emoji sequence (👨‍👩‍👧), a variation selector after a visible
  character (❤️) and the tags of a flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿) are part of what was typed and stay;
- in each line, runs of spaces and tabs become one space and the line is trimmed; several blank
  lines become one, and the text is trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Decomposition tags of characters that are another character in a different width or font.
_VARIANT_TAGS = frozenset(
    {"<font>", "<narrow>", "<noBreak>", "<isolated>", "<initial>", "<medial>", "<final>"}
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_BLANK_LINES = re.compile("\n{3,}")
ZERO_WIDTH_JOINER = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
# Default-ignorable characters that are letters or unassigned (Hangul fillers …) and the blank
# braille cell: they look like nothing and make invisible names.
_INVISIBLE_OTHERS = frozenset("\u115f\u1160\u3164\uffa0\u2800") | frozenset(
    chr(code) for code in range(0xFFF0, 0xFFF9)
)
# Marks that select a glyph of the character before them (variation selectors and the like).
_SELECTORS = frozenset(
    [chr(code) for code in range(0xFE00, 0xFE10)]
    + [chr(code) for code in range(0xE0100, 0xE01F0)]
    + ["\u180b", "\u180c", "\u180d", "\u180f", "\u034f", "\u17b4", "\u17b5"]
)


def normalize_typed(text: str) -> str:
    """The text in the form the bot keeps typed text in (see the module's docstring)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", "".join(_folded(char) for char in text))
    text = _visible(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return unicodedata.normalize("NFC", text)


def has_words(text: str) -> bool:
    """Whether the text has a letter, a digit or an ideograph (not only punctuation or emoji)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def _folded(char: str) -> str:
    if char == "\n" or char.isascii():
        return char
    tag = unicodedata.decomposition(char).partition(" ")[0]
    if tag in _VARIANT_TAGS or (tag == "<wide>" and unicodedata.category(char)[0] in "LNZ"):
        return unicodedata.normalize("NFKC", char)
    return char


def _visible(text: str) -> str:
    """The text without the characters that show nothing of their own (see the docstring)."""
    kept: list[str] = []
    for index, char in enumerate(text):
        before = kept[-1] if kept else ""
        if char in ("\n", "\t"):
            kept.append(char)
        elif char in _SELECTORS:
            if before and not before.isspace():
                kept.append(char)
        elif char == ZERO_WIDTH_JOINER:
            after = text[index + 1] if index + 1 < len(text) else ""
            if _pictographic(before) and _pictographic(after):
                kept.append(char)
        elif ord(char) in _TAGS:
            if before == _BLACK_FLAG or (before and ord(before) in _TAGS):
                kept.append(char)
        elif char not in _INVISIBLE_OTHERS and unicodedata.category(char) not in ("Cc", "Cf"):
            kept.append(char)
    return "".join(kept)


def _pictographic(char: str) -> bool:
    """An emoji or a part of one (skin tones, the emoji variation selector)."""
    return bool(char) and (unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f")


def typed_argument(words: Sequence[str] | None) -> str:
    """What was typed after a command (PTB's context.args), in the same form."""
    return normalize_typed(" ".join(words or ()))
