"""Tests of entity offsets and trimming (the stand-in renders no parse mode: the bot sends plain
text)."""

from __future__ import annotations

from standin.entities import ParsedText, trim, utf16_length


def test_utf16_length_counts_emoji_as_two_units() -> None:
    assert (utf16_length("拜访"), utf16_length("👍"), utf16_length("a👍b")) == (2, 2, 4)


def test_trim_moves_entities_with_the_text() -> None:
    trimmed = trim(ParsedText("  <b>x", ({"type": "bold", "offset": 2, "length": 4},)))
    assert trimmed == ParsedText("<b>x", ({"type": "bold", "offset": 0, "length": 4},))
