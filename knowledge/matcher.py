"""Ranks norms for a colloquial Chinese question and decides: answer, ask back, or decline.

Scoring, per norm:
- lexical: the share of the question's words the norm accounts for, each word weighted by its
  rarity in the knowledge base (IDF) and credited with BM25 saturation over the norm's fields
  (keywords and title weigh more than example questions and text). A word may be matched as
  itself, through a synonym, through a homophone (same toneless pinyin: 感谢寒 → 感谢函), or
  through its character bigrams. Words the knowledge base has never seen still weigh in the
  denominator, which is what lets off-topic questions ("5G套餐资费多少") fall below threshold.
- fuzzy: rapidfuzz similarity of the question to the norm's example questions and title, on
  characters and on pinyin, for near-paraphrases.
The final score mixes both; thresholds are calibrated on data (see bench/calibrate.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz

from knowledge.base import KnowledgeBase
from knowledge.model import Norm
from knowledge.segment import (
    add_domain_terms,
    normalize_question,
    pinyin_key,
    pinyin_syllables,
    positioned_words,
    words,
)


@dataclass(frozen=True)
class MatcherConfig:
    """Weights and thresholds; the thresholds come from bench/calibrate.py."""

    title_weight: float = 2.0
    topic_weight: float = 1.0
    keyword_weight: float = 3.0
    question_weight: float = 1.0
    text_weight: float = 1.0
    k1: float = 1.2
    b: float = 0.5
    synonym_factor: float = 1.0
    pinyin_factor: float = 0.9
    bigram_factor: float = 0.6
    single_char_factor: float = 0.5
    unknown_word_weight: float = 2.0
    fuzzy_share: float = 0.35
    answer_threshold: float = 0.5
    answer_margin: float = 0.06
    suggest_threshold: float = 0.3
    rerank_candidates: int = 12


class Verdict(Enum):
    ANSWER = "answer"
    UNSURE = "unsure"
    DECLINE = "decline"


@dataclass(frozen=True)
class Candidate:
    norm: Norm
    score: float
    lexical: float
    fuzzy: float


@dataclass(frozen=True)
class MatchResult:
    verdict: Verdict
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True)
class _QueryWord:
    """One word of the question with the indexed terms that can stand for it."""

    word: str
    alternatives: tuple[tuple[int, float], ...]  # (term id, credit factor)
    weight: float


_MAX_PINYIN_SPAN = 4
_SHOWN_CANDIDATES = 3


class NormMatcher:
    """An index over one knowledge-base snapshot; immutable once built."""

    def __init__(self, kb: KnowledgeBase, config: MatcherConfig | None = None) -> None:
        self.config = config or MatcherConfig()
        self._kb = kb
        self._norms = kb.norms
        self._stopwords = kb.lexicon.stopwords
        self._synonyms = kb.lexicon.synonyms
        add_domain_terms(_domain_terms(kb))
        self._build_index()

    # -- index ---------------------------------------------------------------------------

    def _build_index(self) -> None:
        config = self.config
        fields = (
            (config.title_weight, lambda norm: [norm.title]),
            (config.topic_weight, _topic_texts),
            (config.keyword_weight, _keyword_texts),
            (config.question_weight, lambda norm: list(norm.questions)),
            (config.text_weight, lambda norm: [norm.text]),
        )
        term_ids: dict[str, int] = {}
        frequencies: list[dict[int, float]] = []
        for norm in self._norms:
            weighted: dict[int, float] = defaultdict(float)
            for weight, texts in fields:
                for text in texts(norm):
                    for word in self._content_words(normalize_question(text)):
                        for term in (word, *_bigrams(word)):
                            term_id = term_ids.setdefault(term, len(term_ids))
                            weighted[term_id] += weight
            frequencies.append(weighted)
        self._term_ids = term_ids
        count = len(self._norms)
        lengths = np.array([sum(freq.values()) for freq in frequencies], dtype=np.float64)
        average_length = float(lengths.mean()) if count else 1.0
        document_frequency = np.zeros(len(term_ids), dtype=np.float64)
        for freq in frequencies:
            for term_id in freq:
                document_frequency[term_id] += 1
        self._idf = np.log1p((count - document_frequency + 0.5) / (document_frequency + 0.5))
        postings: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for index, freq in enumerate(frequencies):
            norm_length = 1 - config.b + config.b * lengths[index] / average_length
            for term_id, tf in freq.items():
                saturation = tf / (tf + config.k1 * norm_length)  # BM25 tf part, in [0, 1)
                postings[term_id][0].append(index)
                postings[term_id][1].append(self._idf[term_id] * saturation)
        self._postings: list[tuple[NDArray[np.int32], NDArray[np.float64]]] = [
            (np.array(postings[t][0], dtype=np.int32), np.array(postings[t][1]))
            for t in range(len(term_ids))
        ]
        self._by_pinyin: dict[str, list[int]] = defaultdict(list)
        for term, term_id in term_ids.items():
            if 2 <= len(term) <= _MAX_PINYIN_SPAN and _is_chinese(term):
                self._by_pinyin[pinyin_key(term)].append(term_id)
        self._phrases = [
            [normalize_question(phrase) for phrase in (norm.title, *norm.questions)]
            for norm in self._norms
        ]
        self._phrase_pinyin = [[pinyin_syllables(p) for p in phrases] for phrases in self._phrases]

    def _content_words(self, text: str) -> list[str]:
        return [word for word in words(text) if word not in self._stopwords]

    # -- query ---------------------------------------------------------------------------

    def match(self, question: str) -> MatchResult:
        """Rank the norms for a question and decide whether to answer, ask back or decline."""
        text = normalize_question(question)
        query_words = self._analyse(text)
        if not query_words or not self._norms:
            return MatchResult(Verdict.DECLINE, ())
        lexical = self._lexical_scores(query_words)
        top = np.argsort(-lexical, kind="stable")[: self.config.rerank_candidates]
        content = "".join(item.word for item in query_words)
        candidates = []
        for index in top:
            if lexical[index] <= 0:
                break
            fuzzy = self._fuzzy(int(index), content)
            share = self.config.fuzzy_share
            score = (1 - share) * float(lexical[index]) + share * fuzzy
            candidates.append(Candidate(self._norms[index], score, float(lexical[index]), fuzzy))
        candidates.sort(key=lambda candidate: candidate.score, reverse=True)
        return MatchResult(decide(self.config, candidates), tuple(candidates[:_SHOWN_CANDIDATES]))

    def _analyse(self, text: str) -> list[_QueryWord]:
        segmented = [
            (start, word) for start, word in positioned_words(text) if word not in self._stopwords
        ]
        unknown = [False] * len(text)  # characters of words the knowledge base has never seen
        analysed = []
        for start, word in segmented:
            alternatives: dict[int, float] = {}
            self._credit(alternatives, [word], 1.0)
            self._credit(alternatives, self._synonyms.get(word, ()), self.config.synonym_factor)
            if not alternatives and _is_chinese(word) and len(word) >= 2:
                for term_id in self._by_pinyin.get(pinyin_key(word), []):
                    alternatives.setdefault(term_id, self.config.pinyin_factor)
            self._credit(alternatives, _bigrams(word), self.config.bigram_factor)
            if alternatives:
                weight = max(self._idf[term_id] for term_id in alternatives)
            else:
                weight = self.config.unknown_word_weight
                unknown[start : start + len(word)] = [True] * len(word)
            if len(word) == 1:
                weight *= self.config.single_char_factor
            analysed.append(_QueryWord(word, tuple(alternatives.items()), float(weight)))
        analysed.extend(self._spanning_words(text, unknown))
        return analysed

    def _spanning_words(self, text: str, unknown: list[bool]) -> list[_QueryWord]:
        """Terms the segmenter split apart, found where the question has unknown words:
        synonyms inside longer words and homophone typos across word boundaries ('感谢寒'
        segments as 感谢/寒 but sounds like 感谢函). They add credit but no weight: the
        unknown words they explain already weigh in."""
        found: dict[str, tuple[tuple[int, float], ...]] = {}
        for variant, terms in self._synonyms.items():
            position = text.find(variant) if len(variant) >= 2 else -1
            if position >= 0 and any(unknown[position : position + len(variant)]):
                alternatives: dict[int, float] = {}
                self._credit(alternatives, terms, self.config.synonym_factor)
                if alternatives:
                    found[variant] = tuple(alternatives.items())
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + _MAX_PINYIN_SPAN) + 1):
                span = text[start:end]
                if not any(unknown[start:end]) or not _is_chinese(span):
                    continue
                homophones = self._by_pinyin.get(pinyin_key(span))
                if homophones:
                    found[span] = tuple((t, self.config.pinyin_factor) for t in homophones)
        return [_QueryWord(span, alternatives, 0.0) for span, alternatives in found.items()]

    def _credit(self, into: dict[int, float], terms: Iterable[str], factor: float) -> None:
        for term in terms:
            term_id = self._term_ids.get(term)
            if term_id is not None and into.get(term_id, 0.0) < factor:
                into[term_id] = factor

    def _lexical_scores(self, query_words: Sequence[_QueryWord]) -> NDArray[np.float64]:
        total = np.zeros(len(self._norms), dtype=np.float64)
        weight_sum = 0.0
        for item in query_words:
            weight_sum += item.weight
            best = np.zeros(len(self._norms), dtype=np.float64)
            for term_id, factor in item.alternatives:
                indices, values = self._postings[term_id]
                best[indices] = np.maximum(best[indices], values * factor)
            total += best
        if weight_sum <= 0:
            return np.zeros(len(self._norms), dtype=np.float64)
        return np.minimum(total / weight_sum, 1.0)

    def _fuzzy(self, index: int, content: str) -> float:
        if not content:
            return 0.0
        by_chars = max(fuzz.ratio(content, phrase) for phrase in self._phrases[index])
        # Syllable sequences, not letters: two unrelated phrases share many pinyin letters.
        content_pinyin = pinyin_syllables(content)
        by_sound = max(fuzz.ratio(content_pinyin, p) for p in self._phrase_pinyin[index])
        return max(by_chars, by_sound) / 100.0


def decide(config: MatcherConfig, ranked: Sequence[Candidate]) -> Verdict:
    """Answer only a clear, strong best; ask back when something is plausible; else decline."""
    if not ranked or ranked[0].score < config.suggest_threshold:
        return Verdict.DECLINE
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    clear = ranked[0].score - runner_up >= config.answer_margin
    if ranked[0].score >= config.answer_threshold and clear:
        return Verdict.ANSWER
    return Verdict.UNSURE


def _keyword_texts(norm: Norm) -> list[str]:
    texts = list(norm.keywords)
    for term, variants in norm.synonyms:
        texts.append(term)
        texts.extend(variants)
    return texts


def _topic_texts(norm: Norm) -> list[str]:
    """Where the norm sits: people name the topic ("招标", "接电话") more than the rule."""
    return [text for text in (norm.section_title, norm.heading) if text]


def _domain_terms(kb: KnowledgeBase) -> set[str]:
    terms = kb.lexicon.terms()
    for norm in kb.norms:
        terms.update(normalize_question(keyword) for keyword in _keyword_texts(norm))
    return terms


def _bigrams(word: str) -> list[str]:
    if len(word) < 3:
        return []
    return [word[i : i + 2] for i in range(len(word) - 1)]


def _is_chinese(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)
