"""Ranks norms for a colloquial Chinese question and decides: answer, ask back, or decline.

First the question's English words and pinyin shorthand are read as the material's terms
(knowledge/mixed.py); an English word the lexicon does not know is left out. Then, per norm:
- lexical: the share of the question's words the norm accounts for, each word weighted by its
  rarity in the knowledge base (IDF) and credited with BM25 saturation over the norm's fields
  (keywords and title weigh more than example questions and text). A word may be matched as
  itself, through a synonym, through a homophone (same toneless pinyin: 感谢寒 → 感谢函), or
  through its character bigrams. Words the knowledge base has never seen still weigh in the
  denominator, which is what lets off-topic questions ("5G套餐资费多少") fall below threshold.
- fuzzy: rapidfuzz similarity of the question to the norm's example questions and title, on
  characters and on pinyin syllables, for near-paraphrases.
- matched: how many of the question's words the norm accounts for at all; off-topic questions
  often share a single word with some norm, real ones several.
- semantic (with a sentence encoder, knowledge/encoder.py): the best cosine between the question
  and the norm's title, text and example questions; the encoder's closest norms join the lexical
  candidates.
Candidates are ranked by a mix of these scores. Whether to answer, ask back or decline depends on
a confidence in [0, 1]: a logistic model over lexical, fuzzy, matched, the question's share of
unknown words and (with the encoder) the cosine and whether the encoder ranks the norm first.
Its weights and the thresholds are fitted on data by bench/calibrate.py and kept in
knowledge/calibration.yaml, once for each kind of matcher. Forced outcomes: a question asking for
a fact the material never gives, a request for a piece of work, or a question closer to one a
curator judged out of scope than to any example, is declined; a question that is only a term of
the material is at worst asked back; a long situation whose last clauses alone are answered with
the same best norm is answered.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from knowledge.base import KnowledgeBase
from knowledge.encoder import SentenceEncoder
from knowledge.mixed import SEPARATOR, ForeignVocabulary, MixedReading
from knowledge.model import Norm
from knowledge.segment import (
    add_domain_terms,
    is_general_word,
    normalize_question,
    pinyin_key,
    pinyin_syllables,
    positioned_words,
    words,
)
from knowledge.textnorm import fold


@dataclass(frozen=True)
class MatcherConfig:
    """Weights and thresholds. The calibrated ones (from unknown_word_weight on) are read from
    knowledge/calibration.yaml, which bench/calibrate.py writes."""

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
    rerank_candidates: int = 12
    fuzzy_share: float = 0.3  # in the ranking score, next to the lexical score
    semantic_share: float = 0.0  # likewise for the encoder's cosine (when there is an encoder)
    semantic_candidates: int = 5  # the encoder's best norms join the lexical ones
    fact_word_factor: float = 2.0  # a fact word weighs this many unknown words
    unknown_word_weight: float = 4.0
    minimum_question_weight: float = 8.0
    # Confidence = sigmoid(bias + weights · (lexical, fuzzy, ln(1 + matched), unknown share)),
    # with an encoder also · (cosine, whether the encoder ranks this norm first).
    confidence_weights: tuple[float, ...] = (4.0, 4.0, 1.0, -1.0)
    confidence_bias: float = -5.0
    answer_threshold: float = 0.6
    answer_margin: float = 0.1
    suggest_threshold: float = 0.3


class Verdict(Enum):
    ANSWER = "answer"
    UNSURE = "unsure"
    DECLINE = "decline"


@dataclass(frozen=True)
class Candidate:
    norm: Norm
    score: float  # ranks the candidates
    confidence: float  # decides what to do with them
    lexical: float
    fuzzy: float
    matched: int
    semantic: float | None = None


class Found(NamedTuple):
    """One plausible norm for a question and what speaks for it."""

    norm: Norm
    lexical: float
    fuzzy: float
    matched: int
    semantic: float | None = None  # the encoder's cosine, when there is an encoder


@dataclass(frozen=True)
class Evidence:
    """What the index found for a question: the unknown share of its weight, and each
    plausible norm."""

    unknown_share: float
    found: tuple[Found, ...]
    asks_for_fact: bool = False  # ends in a fact word: "…套餐多少钱"
    # Closer to a question a curator judged out of scope than to any norm's example.
    like_out_of_scope: bool = False
    # The whole question is one term of the material ("拜访", "招标"): a topic, never outside
    # the material, though too short to pick one norm.
    names_a_topic: bool = False

    # Asks the bot to do a piece of work ("帮我写一封感谢信", "translate this"): not a question
    # about the norms, whatever words it shares with them.
    asks_for_a_task: bool = False

    @property
    def forced_decline(self) -> bool:
        return self.asks_for_fact or self.like_out_of_scope or self.asks_for_a_task


@dataclass(frozen=True)
class MatchResult:
    verdict: Verdict
    candidates: tuple[Candidate, ...]
    asks_for_a_task: bool = False  # declined as a request for a piece of work

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
_TRAILING = "?？!！。.~～呢啊呀吗嘛哦 " + SEPARATOR
# A long question's clauses end here; the ask is in the last ones (at most this many tries).
# A space between two ideographs is typed for a comma (and voice input writes it so).
_CLAUSE_END = re.compile(r"(?<=[。！？!?；;，,])|(?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])")
_MAX_ASK_TRIES = 4
# A request for a piece of work: "帮我写…", "麻烦给我做个…", "帮我给客户写…", "translate …".
_TASK_REQUEST = re.compile(
    r"(?:(?:请|麻烦)?你?(?:帮我|帮忙|替我|给我)(?:给[^，,。？?\s]{1,8})?"
    r"(?:写|起草|拟|做|弄|翻译|查|约|订|算|改|整理|生成|出|发))"
    r"|(?:(?:pls|please|can you|could you)\s+)?(?:translate|write|draft|make)\b",
    re.IGNORECASE,
)
# What may follow the fact asked for: "地址是啥", "折扣是多少".
_QUESTION_TAIL = re.compile(r"(?:是啥|是什么|是多少|是哪个|是哪些|有哪些)$")
_SHOWN_CANDIDATES = 3
# How alike (rapidfuzz ratio, 0-100) a question must be to a question judged out of scope to be
# declined as well.
OUT_OF_SCOPE_LIKENESS = 88.0


class NormMatcher:
    """An index over one knowledge-base snapshot; immutable once built."""

    def __init__(
        self,
        kb: KnowledgeBase,
        config: MatcherConfig | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> None:
        self.config = config or MatcherConfig()
        self.encoder = encoder
        self._kb = kb
        self._norms = kb.norms
        self._stopwords = kb.lexicon.stopwords
        self._fact_words = kb.lexicon.fact_words
        self._synonyms = kb.lexicon.synonyms
        self._synonym_order = {
            variant: rank for rank, variant in enumerate(self._synonyms) if len(variant) >= 2
        }
        self._synonym_lengths = sorted({len(variant) for variant in self._synonym_order})
        domain_terms = _domain_terms(kb)
        add_domain_terms(domain_terms)
        self._domain_terms = frozenset(domain_terms)
        self._foreign = ForeignVocabulary(
            kb.lexicon.foreign, _pinyin_spellings(domain_terms), self._fact_words
        )
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
        whole_words: set[str] = set()
        frequencies: list[dict[int, float]] = []
        for norm in self._norms:
            weighted: dict[int, float] = defaultdict(float)
            for weight, texts in fields:
                for text in texts(norm):
                    for word in self._content_words(normalize_question(text)):
                        if word in self._fact_words:
                            continue  # never evidence for a norm; see _analyse
                        whole_words.add(word)
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
        # Homophones: any indexed term may stand in for a whole misspelt word; across word
        # boundaries only whole words may, or every bigram would find a sound-alike.
        self._by_pinyin: dict[str, list[int]] = defaultdict(list)
        self._words_by_pinyin: dict[str, list[int]] = defaultdict(list)
        for term, term_id in term_ids.items():
            if 2 <= len(term) <= _MAX_PINYIN_SPAN and _is_chinese(term):
                self._by_pinyin[pinyin_key(term)].append(term_id)
                if term in whole_words:
                    self._words_by_pinyin[pinyin_key(term)].append(term_id)
        self._phrases = [
            [normalize_question(phrase) for phrase in (norm.title, *norm.questions)]
            for norm in self._norms
        ]
        self._phrase_pinyin = [[pinyin_syllables(p) for p in phrases] for phrases in self._phrases]
        self._out_of_scope = [normalize_question(question) for question in self._kb.out_of_scope]
        if self.encoder is not None:
            # Every norm's title, text and example questions; a norm scores its best cosine.
            phrases = [[norm.title, norm.text, *norm.questions] for norm in self._norms]
            self._phrase_vectors = self.encoder.encode([p for group in phrases for p in group])
            sizes = np.array([0] + [len(group) for group in phrases[:-1]], dtype=np.int64)
            self._phrase_starts: NDArray[np.int64] = np.cumsum(sizes)

    def _content_words(self, text: str) -> list[str]:
        return [word for word in words(text) if word not in self._stopwords]

    # -- query ---------------------------------------------------------------------------

    def match(self, question: str) -> MatchResult:
        """Rank the norms for a question and decide whether to answer, ask back or decline."""
        evidence = self.gather(question)
        result = judge(self.config, evidence)
        if result.verdict is Verdict.ANSWER or not result.candidates or evidence.forced_decline:
            return result  # a fact or a piece of work asked for, or judged out of scope
        return self._confirmed_by_the_ask(question, result)

    def _confirmed_by_the_ask(self, question: str, result: MatchResult) -> MatchResult:
        """A long situation told first and asked about last ("客户只回是或不是，冷场了，问题
        该怎么问"): most of its words are the situation, which no norm explains, so the whole
        is rarely confident. If the question without its first clauses is answered outright
        with the same best norm, that norm is answered."""
        clauses = [clause for clause in _CLAUSE_END.split(question) if clause.strip()]
        best = result.candidates[0].norm.id
        for start in range(1, min(len(clauses), _MAX_ASK_TRIES + 1)):
            ask = judge(self.config, self.gather("".join(clauses[start:])))
            if ask.verdict is Verdict.ANSWER and ask.candidates[0].norm.id == best:
                return MatchResult(Verdict.ANSWER, result.candidates)
        return result

    def read(self, question: str) -> MixedReading:
        """The question with its English words and pinyin shorthand read as the material's
        terms (unknown English words left out)."""
        return self._foreign.read(fold(question))

    def gather(self, question: str) -> Evidence:
        """The evidence for the best norms by lexical and semantic score, before judgement."""
        text = normalize_question(self.read(question).text)
        query_words = self._analyse(text)
        asks_for_a_task = _TASK_REQUEST.match(fold(question).strip()) is not None
        if not query_words or not self._norms:
            return Evidence(1.0, (), asks_for_a_task=asks_for_a_task)
        lexical, matched = self._lexical_scores(query_words)
        top = [
            int(i) for i in np.argsort(-lexical, kind="stable")[: self.config.rerank_candidates]
        ]
        top = [index for index in top if lexical[index] > 0]
        semantic = self._semantic_scores(question)
        if semantic is not None:
            closest = np.argsort(-semantic, kind="stable")[: self.config.semantic_candidates]
            top += [int(index) for index in closest if int(index) not in top]
        content = "".join(item.word for item in query_words)
        content_pinyin = pinyin_syllables(content)
        weight = sum(item.weight for item in query_words)
        unknown = sum(item.weight for item in query_words if not item.alternatives)
        found = tuple(
            Found(
                self._norms[index],
                float(lexical[index]),
                self._fuzzy(index, content, content_pinyin),
                int(matched[index]),
                None if semantic is None else float(semantic[index]),
            )
            for index in top
        )
        asks_for_fact = self._asks_for_fact(text)
        closest_example = max((item.fuzzy for item in found), default=0.0) * 100
        return Evidence(
            unknown / weight if weight > 0 else 1.0,
            found,
            asks_for_fact,
            self._like_out_of_scope(normalize_question(question), closest_example),
            len(query_words) == 1 and query_words[0].word in self._domain_terms,
            asks_for_a_task,
        )

    def _asks_for_fact(self, text: str) -> bool:
        """Whether the question ends in a fact word, after its particles and a question tail:
        "…套餐多少钱", "系统的登录地址是啥"."""
        ending = text.rstrip(_TRAILING)
        without_tail = _QUESTION_TAIL.sub("", ending).rstrip(_TRAILING)
        return any(
            ending.endswith(word) or without_tail.endswith(word) for word in self._fact_words
        )

    def _like_out_of_scope(self, question: str, closest_example: float) -> bool:
        if not self._out_of_scope:
            return False
        likeness = _best_ratio(question, self._out_of_scope)
        return likeness >= OUT_OF_SCOPE_LIKENESS and likeness > closest_example

    def unknown_words(self, question: str) -> list[str]:
        """The words of the question the knowledge base does not know — English included —
        in their order: what a curator may teach as synonyms."""
        reading = self.read(question)
        chinese = [
            item.word
            for item in self._analyse(normalize_question(reading.text))
            if not item.alternatives and item.word not in self._fact_words
        ]
        english = [word for word in reading.unknown if len(word) >= 2]
        return list(dict.fromkeys((*english, *chinese)))

    def _analyse(self, text: str) -> list[_QueryWord]:
        segmented = [
            (start, word) for start, word in positioned_words(text) if word not in self._stopwords
        ]
        typo_like = [False] * len(text)  # characters of words that may be misspellings
        analysed = []
        for start, word in segmented:
            alternatives: dict[int, float] = {}
            if word in self._fact_words:
                # "5G套餐资费多少钱" asks for a price: the material has none, so the word weighs
                # as unknown whatever example question happens to contain it.
                weight = self.config.unknown_word_weight * self.config.fact_word_factor
                analysed.append(_QueryWord(word, (), weight))
                continue
            self._credit(alternatives, [word], 1.0)
            self._credit(alternatives, self._synonyms.get(word, ()), self.config.synonym_factor)
            misspelt = not alternatives and _may_be_misspelt(word)
            if misspelt and _is_chinese(word) and len(word) >= 2:
                for term_id in self._by_pinyin.get(pinyin_key(word), []):
                    alternatives.setdefault(term_id, self.config.pinyin_factor)
            self._credit(alternatives, _bigrams(word), self.config.bigram_factor)
            if misspelt:
                typo_like[start : start + len(word)] = [True] * len(word)
            analysed.append(
                _QueryWord(word, tuple(alternatives.items()), self._weight(word, alternatives))
            )
        analysed.extend(self._spanning_words(text, typo_like))
        return analysed

    def _weight(self, word: str, alternatives: dict[int, float]) -> float:
        """Rarer words say more; a word the knowledge base has never seen weighs most."""
        if alternatives:
            weight = float(max(self._idf[term_id] for term_id in alternatives))
        else:
            weight = self.config.unknown_word_weight
        return weight * self.config.single_char_factor if len(word) == 1 else weight

    def _spanning_words(self, text: str, typo_like: list[bool]) -> list[_QueryWord]:
        """Terms the segmenter split apart, found where the question may be misspelt:
        synonyms inside longer words and homophone typos across word boundaries ('招彪那天'
        segments as 招彪/那天, '感谢寒' as 感谢/寒). Each weighs in like a word of its own."""
        if not any(typo_like):
            return []  # most questions: every word is known, nothing to look for
        found: dict[str, dict[int, float]] = {}
        for variant, position in self._synonyms_in(text):
            if any(typo_like[position : position + len(variant)]):
                alternatives: dict[int, float] = {}
                self._credit(alternatives, self._synonyms[variant], self.config.synonym_factor)
                if alternatives:
                    found[variant] = alternatives
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + _MAX_PINYIN_SPAN) + 1):
                span = text[start:end]
                if not any(typo_like[start:end]) or not _is_chinese(span):
                    continue
                homophones = self._words_by_pinyin.get(pinyin_key(span))
                if homophones:
                    found[span] = dict.fromkeys(homophones, self.config.pinyin_factor)
        return [
            _QueryWord(span, tuple(alternatives.items()), self._weight(span, alternatives))
            for span, alternatives in found.items()
        ]

    def _synonyms_in(self, text: str) -> list[tuple[str, int]]:
        """The synonym variants (two characters or more) in the text, each with its first
        position, in the lexicon's order: a look-up per substring, not a search per variant."""
        first: dict[str, int] = {}
        for start in range(len(text)):
            for length in self._synonym_lengths:
                variant = text[start : start + length]
                if len(variant) == length and variant in self._synonym_order:
                    first.setdefault(variant, start)
        return sorted(first.items(), key=lambda item: self._synonym_order[item[0]])

    def _credit(self, into: dict[int, float], terms: Iterable[str], factor: float) -> None:
        for term in terms:
            term_id = self._term_ids.get(term)
            if term_id is not None and into.get(term_id, 0.0) < factor:
                into[term_id] = factor

    def _lexical_scores(
        self, query_words: Sequence[_QueryWord]
    ) -> tuple[NDArray[np.float64], NDArray[np.int32]]:
        """Per norm: the weighted share of the question it explains, and how many words."""
        total = np.zeros(len(self._norms), dtype=np.float64)
        matched = np.zeros(len(self._norms), dtype=np.int32)
        weight_sum = 0.0
        for item in query_words:
            weight_sum += item.weight
            best = np.zeros(len(self._norms), dtype=np.float64)
            for term_id, factor in item.alternatives:
                indices, values = self._postings[term_id]
                best[indices] = np.maximum(best[indices], values * factor)
            total += best
            matched += best > 0
        # A question that says almost nothing ("你是谁") must not reach full coverage.
        weight_sum = max(weight_sum, self.config.minimum_question_weight)
        return np.minimum(total / weight_sum, 1.0), matched

    def _semantic_scores(self, question: str) -> NDArray[np.float32] | None:
        """Per norm, the encoder's best cosine between the question and the norm's phrases."""
        if self.encoder is None:
            return None
        vector = self.encoder.encode([fold(question).strip()])[0]
        return np.maximum.reduceat(self._phrase_vectors @ vector, self._phrase_starts)

    def _fuzzy(self, index: int, content: str, content_pinyin: list[str]) -> float:
        if not content:
            return 0.0
        by_chars = _best_ratio(content, self._phrases[index])
        # Syllable sequences, not letters: two unrelated phrases share many pinyin letters.
        by_sound = _best_ratio(content_pinyin, self._phrase_pinyin[index])
        return max(by_chars, by_sound) / 100.0


def _best_ratio(query: Sequence[str], choices: Sequence[Sequence[str]]) -> float:
    """The best rapidfuzz ratio of the query to any choice (0 if none), in one C loop."""
    best = process.extractOne(query, choices, scorer=fuzz.ratio, processor=None)
    return float(best[1]) if best is not None else 0.0


def ranking_score(config: MatcherConfig, found: Found) -> float:
    """What orders the candidates: mostly lexical, some fuzzy, and the encoder's cosine."""
    if found.semantic is None:
        return (1 - config.fuzzy_share) * found.lexical + config.fuzzy_share * found.fuzzy
    lexical_share = 1 - config.fuzzy_share - config.semantic_share
    return (
        lexical_share * found.lexical
        + config.fuzzy_share * found.fuzzy
        + config.semantic_share * found.semantic
    )


def judge(config: MatcherConfig, evidence: Evidence) -> MatchResult:
    """Rank the candidates, give each its confidence, and decide."""
    closest = max((found.semantic or 0.0 for found in evidence.found), default=0.0)
    candidates = sorted(
        (
            Candidate(
                found.norm,
                ranking_score(config, found),
                confidence(config, found, evidence.unknown_share, closest),
                found.lexical,
                found.fuzzy,
                found.matched,
                found.semantic,
            )
            for found in evidence.found
        ),
        key=lambda candidate: candidate.score,
        reverse=True,
    )
    shown = tuple(candidates[:_SHOWN_CANDIDATES])
    if evidence.forced_decline:
        # The material gives no prices, numbers or passwords; a question that asks for one is
        # outside it, however many of its words a norm shares ("客户问套餐资费我要解答吗").
        # Nor does it answer what a curator judged outside it.
        return MatchResult(Verdict.DECLINE, shown, evidence.asks_for_a_task)
    verdict = decide(config, candidates)
    if verdict is Verdict.DECLINE and evidence.names_a_topic and shown:
        verdict = Verdict.UNSURE  # a topic word is in the material: offer its norms
    return MatchResult(verdict, shown)


def confidence_features(found: Found, unknown_share: float, closest: float) -> list[float]:
    """What the confidence model weighs; `closest` is the best cosine of any norm."""
    features = [found.lexical, found.fuzzy, math.log1p(found.matched), unknown_share]
    if found.semantic is not None:
        features += [found.semantic, float(found.semantic >= closest)]
    return features


def confidence(
    config: MatcherConfig, found: Found, unknown_share: float, closest: float = 0.0
) -> float:
    """How likely the question is about the material and this norm answers it, in [0, 1]."""
    features = confidence_features(found, unknown_share, closest)
    logit = config.confidence_bias + sum(
        weight * value for weight, value in zip(config.confidence_weights, features, strict=True)
    )
    return 1.0 / (1.0 + math.exp(-logit))


def decide(config: MatcherConfig, ranked: Sequence[Candidate]) -> Verdict:
    """Answer a confident best that stands clear of the runner-up (by ranking score); ask back
    when something is plausible; else decline."""
    if not ranked or ranked[0].confidence < config.suggest_threshold:
        return Verdict.DECLINE
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    clear = ranked[0].score - runner_up >= config.answer_margin
    if ranked[0].confidence >= config.answer_threshold and clear:
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


def _pinyin_spellings(terms: Iterable[str]) -> dict[str, str]:
    """Toneless pinyin without spaces → the material's term (ganxiehan → 感谢函), for terms of
    two characters or more whose spelling no other term shares."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        if len(term) >= 2 and _is_chinese(term):
            spellings["".join(pinyin_syllables(term))].add(term)
    return {
        spelling: next(iter(found)) for spelling, found in spellings.items() if len(found) == 1
    }


def _may_be_misspelt(word: str) -> bool:
    """A word unknown to the knowledge base may be a typo if it is a single character or not a
    word of everyday Chinese either (招彪, 感谢寒); a real word (报销, 笑话) is meant as typed."""
    return len(word) == 1 or not is_general_word(word)


def _bigrams(word: str) -> list[str]:
    if len(word) < 3:
        return []
    return [word[i : i + 2] for i in range(len(word) - 1)]


def _is_chinese(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)
