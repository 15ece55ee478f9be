"""Tests of the HTML parse mode and entity offsets."""

from __future__ import annotations

import pytest

from standin.entities import EntityParseError, ParsedText, parse_html, trim, utf16_length


def test_utf16_length_counts_emoji_as_two_units() -> None:
    assert (utf16_length("拜访"), utf16_length("👍"), utf16_length("a👍b")) == (2, 2, 4)


def test_html_entity_offsets_count_utf16_code_units() -> None:
    parsed = parse_html("👍 <i>好</i>")
    assert parsed == ParsedText("👍 好", ({"type": "italic", "offset": 3, "length": 1},))


def test_nested_tags_give_nested_entities() -> None:
    parsed = parse_html("<b>粗<i>斜</i></b>")
    assert parsed.entities == (
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "italic", "offset": 1, "length": 1},
    )


def test_pre_with_language_code_is_one_pre_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 5, "language": "python"},)


def test_spoiler_and_expandable_blockquote() -> None:
    parsed = parse_html("<tg-spoiler>密</tg-spoiler><blockquote expandable>引</blockquote>")
    assert [e["type"] for e in parsed.entities] == ["spoiler", "expandable_blockquote"]


def test_supported_named_and_numeric_references_are_decoded() -> None:
    assert parse_html("&lt;&gt;&amp;&quot;&#20013;&#x6587;").text == '<>&"中文'


def test_unknown_named_reference_stays_literal() -> None:
    assert parse_html("a &nbsp; b").text == "a &nbsp; b"


def test_span_without_spoiler_class_is_rejected() -> None:
    with pytest.raises(EntityParseError, match='Tag "span" must have class "tg-spoiler"'):
        parse_html("<span>x</span>")


def test_trim_moves_entities_with_the_text() -> None:
    trimmed = trim(ParsedText("  <b>x", ({"type": "bold", "offset": 2, "length": 4},)))
    assert trimmed == ParsedText("<b>x", ({"type": "bold", "offset": 0, "length": 4},))
