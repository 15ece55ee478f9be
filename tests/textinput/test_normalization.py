"""The one form typed text is brought to: invisible characters gone, width variants folded,
whitespace collapsed, and everything else as typed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import any_character, awkward
from textinput.normalization import ZERO_WIDTH_JOINER, has_words, normalize_typed

typed = st.lists(any_character | awkward, max_size=40).map("".join)
# Characters that show as themselves: letters, digits, punctuation and symbols that are not
# another character's width or font variant and not one of the blank-looking letters.
plain_character = st.characters(categories=["L", "N", "P", "S"]).filter(
    lambda char: (
        unicodedata.decomposition(char).partition(" ")[0]
        not in ("<wide>", "<narrow>", "<font>", "<isolated>", "<initial>", "<medial>", "<final>")
        and char not in "\u115f\u1160\u3164\uffa0\u2800"
    )
)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("\u200b\u200c\u200d", ""),
        ("并发保存客户\u200b", "并发保存客户"),
        ("  介绍\u200b云专线\t\t方案  ", "介绍云专线 方案"),
        ("ＡＢＣ１２３公司", "ABC123公司"),
        ("对价格有顾虑，认可我们的服务（报价）！", "对价格有顾虑，认可我们的服务（报价）！"),
        ("下周\u3000二\u00a0提交", "下周 二 提交"),
        ("\u202e\u2066反向\u2069\u200f", "反向"),
        ("\ufeff\x00\x07名称\x7f", "名称"),
        ("\u3164", ""),
        ("第一段\r\n\r\n\r\n\r\n第二段\u2028第三行", "第一段\n\n第二段\n第三行"),
        ("家人👨\u200d👩\u200d👧", "家人👨\u200d👩\u200d👧"),
        ("喜欢❤️", "喜欢❤️"),
        ("约10㎡，价格…①", "约10㎡，价格…①"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_typed_text_comes_to_its_documented_form(text: str, normal: str) -> None:
    assert normalize_typed(text) == normal


@pytest.mark.parametrize(
    ("text", "words"),
    [("。", False), ("😀", False), ("……！？", False), ("", False), ("a", True), ("三", True)],
)
def test_words_are_letters_digits_or_ideographs(text: str, words: bool) -> None:
    assert has_words(text) is words


@settings(max_examples=300, deadline=None)
@given(typed)
def test_the_form_is_reached_in_one_step(text: str) -> None:
    once = normalize_typed(text)
    assert normalize_typed(once) == once


@settings(max_examples=300, deadline=None)
@given(typed)
def test_nothing_invisible_or_uneven_remains(text: str) -> None:
    normal = normalize_typed(text)
    assert normal == normal.strip()
    assert "  " not in normal
    assert "\n\n\n" not in normal
    for char in normal:
        category = unicodedata.category(char)
        assert category != "Cc" or char == "\n"
        assert category != "Cf" or char == ZERO_WIDTH_JOINER or 0xE0020 <= ord(char) < 0xE0080
    assert not normal or has_words(normal) or not normal.isspace()


@settings(max_examples=300, deadline=None)
@given(st.lists(plain_character, min_size=1, max_size=40).map("".join))
def test_visible_text_in_one_line_is_kept_as_typed(text: str) -> None:
    assert normalize_typed(text) == unicodedata.normalize("NFC", text)
