"""What the knowledge base learned from real questions: example questions for norms, synonyms
and out-of-scope questions, added on top of the material-based files. Never a norm's text:
that stays the material's words.

It comes from curators' decisions in chat (stored in SQLite) and from knowledge/learned.yaml,
where `python bot.py knowledge export-learned` writes them for review and version control.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from knowledge.base import KnowledgeBase
from knowledge.mixed import split_words
from knowledge.segment import normalize_question
from knowledge.textnorm import is_content_char

MAX_VARIANT_LENGTH = 24
# A word that appears in this many norms' titles, texts or keywords says nothing about which
# one is meant: it may not become a synonym ("客户" is in most of them).
COMMON_WORD_NORMS = 8
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "the",
        "to",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


@dataclass(frozen=True)
class Learned:
    """Learned material, in the order it was decided (later decisions win nothing: all apply)."""

    questions: tuple[tuple[str, str], ...] = ()  # (norm id, question as asked)
    synonyms: tuple[tuple[str, str], ...] = ()  # (what people type, the material's term)
    out_of_scope: tuple[str, ...] = ()

    def __add__(self, other: Learned) -> Learned:
        return Learned(
            tuple(dict.fromkeys((*self.questions, *other.questions))),
            tuple(dict.fromkeys((*self.synonyms, *other.synonyms))),
            tuple(dict.fromkeys((*self.out_of_scope, *other.out_of_scope))),
        )

    @property
    def empty(self) -> bool:
        return not (self.questions or self.synonyms or self.out_of_scope)


NOTHING_LEARNED = Learned()


def apply_learned(kb: KnowledgeBase, learned: Learned) -> KnowledgeBase:
    """The knowledge base with learned questions, synonyms and out-of-scope questions added.
    Entries that name a norm that no longer exists are left out."""
    if learned.empty:
        return kb
    extra: dict[str, list[str]] = {}
    for norm_id, question in learned.questions:
        norm = kb.norm(norm_id)
        if norm is not None and question not in norm.questions:
            extra.setdefault(norm_id, []).append(question)
    norms = [
        replace(norm, questions=(*norm.questions, *dict.fromkeys(extra.get(norm.id, ()))))
        for norm in kb.norms
    ]
    synonyms = {variant: tuple(terms) for variant, terms in kb.lexicon.synonyms.items()}
    foreign = dict(kb.lexicon.foreign)
    for variant, term in learned.synonyms:
        if variant.isascii():
            foreign.setdefault(" ".join(split_words(variant)), normalize_question(term))
        else:
            key = normalize_question(variant)
            terms = (*synonyms.get(key, ()), normalize_question(term))
            synonyms[key] = tuple(dict.fromkeys(terms))
    lexicon = replace(kb.lexicon, synonyms=synonyms, foreign=foreign)
    out_of_scope = tuple(dict.fromkeys((*kb.out_of_scope, *learned.out_of_scope)))
    return kb.with_norms(norms, lexicon=lexicon, out_of_scope=out_of_scope)


def synonym_problem(kb: KnowledgeBase, variant: str, term: str) -> str | None:
    """Why `variant` may not be taught as standing for `term`, in Chinese for the curator;
    None if it may."""
    variant = variant.strip()
    key = normalize_question(variant)
    target = normalize_question(term)
    if not any(is_content_char(char) for char in key):
        return "这个词是空的。"
    if len(key) > MAX_VARIANT_LENGTH:
        return f"词太长了（{MAX_VARIANT_LENGTH}字以内）。"
    if key == target:
        return "词和术语是同一个。"
    if not kb.mentions(target):
        return f"「{term}」不是材料里的术语，请选规范里出现的词。"
    if variant.isascii():
        words = split_words(variant)
        if not words or all(word in _ENGLISH_FUNCTION_WORDS or len(word) < 2 for word in words):
            return f"「{variant}」太常见，不能只指向一个术语。"
        current = kb.lexicon.foreign.get(" ".join(words))
        if current is not None and current != target:
            return f"「{variant}」已经表示「{current}」。"
        return None
    if len(key) == 1 and not key.isascii():
        return "单个汉字含义太多，不能作为同义词。"
    if key in kb.lexicon.stopwords:
        return f"「{variant}」是常用的虚词，不能只指向一个术语。"
    mentioned = kb.norms_mentioning(key)
    if mentioned >= COMMON_WORD_NORMS:
        return f"「{variant}」在 {mentioned} 条规范里都出现，太常见，不能只指向一个术语。"
    current_terms = kb.lexicon.synonyms.get(key, ())
    if current_terms and target not in current_terms:
        return f"「{variant}」已经表示「{'、'.join(current_terms)}」。"
    if key in {t for terms in kb.lexicon.synonyms.values() for t in terms} and key != target:
        return f"「{variant}」本身就是材料里的术语，不能再指向别的词。"
    if key in kb.lexicon.synonyms.get(target, ()):
        return f"「{term}」已经指向「{variant}」，会形成循环。"
    return None


def learned_problems(kb: KnowledgeBase, learned: Learned) -> list[str]:
    """What is wrong with learned material against this knowledge base (for check-knowledge)."""
    problems = []
    for norm_id, question in learned.questions:
        if kb.norm(norm_id) is None:
            problems.append(f"question {question!r}: unknown norm id '{norm_id}'")
    for variant, term in learned.synonyms:
        problem = synonym_problem(kb, variant, term)
        if problem is not None:
            problems.append(f"synonym {variant!r} → {term!r}: {problem}")
    return problems
