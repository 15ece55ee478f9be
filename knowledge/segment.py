"""Chinese word segmentation (jieba) and toneless pinyin keys (pypinyin) for matching."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import lru_cache

import jieba
from pypinyin import lazy_pinyin

from knowledge.textnorm import canon, is_content_char

jieba.setLogLevel(logging.WARNING)

_DOMAIN_WORD_FREQ = 200_000  # high enough that jieba keeps the material's terms whole
_lock = threading.Lock()
_added_terms: set[str] = set()


def add_domain_terms(terms: Iterable[str]) -> None:
    """Teach the segmenter the material's terms so "感谢函" or "招投标" stay one word."""
    with _lock:
        for term in terms:
            if len(term) >= 2 and term not in _added_terms:
                jieba.add_word(term, freq=_DOMAIN_WORD_FREQ)
                _added_terms.add(term)


def initialize_segmenter() -> None:
    """Load jieba's dictionary now rather than on the first question."""
    jieba.initialize()


def normalize_question(text: str) -> str:
    """Canonical form for matching and for grouping unanswered questions."""
    return canon(text).lower()


def words(text: str) -> list[str]:
    """Segment into words, keeping only those with a letter, digit or ideograph."""
    return [word for _, word in positioned_words(text)]


def positioned_words(text: str) -> list[tuple[int, str]]:
    """Like words(), with each word's start offset in the text."""
    return [
        (start, word)
        for word, start, _end in jieba.tokenize(text)
        if any(is_content_char(char) for char in word)
    ]


def is_general_word(word: str) -> bool:
    """In jieba's general dictionary (not counting the terms we added)."""
    return jieba.dt.FREQ.get(word, 0) > 0 and word not in _added_terms


@lru_cache(maxsize=8192)
def char_pinyin(char: str) -> str:
    """Toneless default reading of one character; non-Chinese characters stand for themselves."""
    reading = lazy_pinyin(char)
    return reading[0] if reading else char


def pinyin_syllables(text: str) -> list[str]:
    return [char_pinyin(char) for char in text]


def pinyin_key(text: str) -> str:
    """A homophone-insensitive key: '感谢寒' and '感谢函' share 'gan xie han'."""
    return " ".join(pinyin_syllables(text))
