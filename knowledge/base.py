"""The loaded knowledge base: norms by id, the chapter/section tree, vocabulary, deadline rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from knowledge.model import Chapter, DeadlineRule, Norm, Section
from knowledge.textnorm import canon


@dataclass(frozen=True)
class Lexicon:
    """Vocabulary for matching: variant → material term, and words that carry no meaning."""

    synonyms: Mapping[str, tuple[str, ...]]
    stopwords: frozenset[str]
    fact_words: frozenset[str] = frozenset()
    foreign: Mapping[str, str] = field(default_factory=dict)  # "thank-you note" → 感谢函

    def terms(self) -> set[str]:
        """Every material term and variant: what the segmenter must keep whole."""
        words = set(self.synonyms) | self.fact_words | set(self.foreign.values())
        for targets in self.synonyms.values():
            words.update(targets)
        return words


class KnowledgeBase:
    """An immutable snapshot of the validated knowledge base."""

    def __init__(
        self,
        norms: Iterable[Norm],
        chapters: Iterable[Chapter],
        sections: Iterable[Section],
        lexicon: Lexicon,
        out_of_scope: Iterable[str] = (),
    ) -> None:
        self._norms = {norm.id: norm for norm in norms}
        # Questions a curator judged outside the material: similar ones are declined.
        self.out_of_scope: tuple[str, ...] = tuple(out_of_scope)
        self.chapters: tuple[Chapter, ...] = tuple(chapters)
        self._sections = {section.key: section for section in sections}
        self.lexicon = lexicon
        self._search_text = {
            norm.id: canon(" ".join((norm.title, norm.text, *norm.keywords))).lower()
            for norm in self._norms.values()
        }

    def with_norms(
        self,
        norms: Iterable[Norm],
        *,
        lexicon: Lexicon | None = None,
        out_of_scope: Iterable[str] | None = None,
    ) -> KnowledgeBase:
        """The same tree over other versions of the norms (learned questions, experiments),
        and optionally another vocabulary and other out-of-scope questions."""
        return KnowledgeBase(
            norms,
            self.chapters,
            self._sections.values(),
            lexicon or self.lexicon,
            self.out_of_scope if out_of_scope is None else out_of_scope,
        )

    @property
    def norms(self) -> tuple[Norm, ...]:
        return tuple(self._norms.values())

    def norm(self, norm_id: str) -> Norm | None:
        return self._norms.get(norm_id)

    def section(self, key: str) -> Section | None:
        return self._sections.get(key)

    def chapter(self, number: int) -> Chapter | None:
        return next((chapter for chapter in self.chapters if chapter.number == number), None)

    @property
    def deadline_rules(self) -> tuple[DeadlineRule, ...]:
        return tuple(rule for norm in self._norms.values() for rule in norm.deadlines)

    def deadline_rule(self, rule_id: str) -> DeadlineRule | None:
        return next((rule for rule in self.deadline_rules if rule.id == rule_id), None)

    def norms_mentioning(self, word: str) -> int:
        """How many norms have the word in their title, text or keywords."""
        needle = canon(word).lower()
        return sum(needle in text for text in self._search_text.values()) if needle else 0

    def mentions(self, term: str) -> bool:
        """Whether the term is the material's: in some norm's title, text or keywords."""
        return self.norms_mentioning(term) > 0

    def search(self, word: str) -> list[Norm]:
        """Every norm whose title, text or keywords contain the word or a material term for it."""
        needle = canon(word).lower()
        if not needle:
            return []
        needles = {
            needle,
            *(canon(term).lower() for term in self.lexicon.synonyms.get(needle, ())),
        }
        return [
            self._norms[nid]
            for nid, text in self._search_text.items()
            if any(candidate in text for candidate in needles)
        ]
