"""The mechanical checks over every generated question (issue 13): each returns how many
questions it checked and the keys of those that fail it. The tests require no failures; the
bench (bench/quiz_bank.py) prints the counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from knowledge.base import KnowledgeBase
from training.questions import (
    BLANK,
    CLOZE,
    FALSE,
    ORDER,
    SCENARIO,
    TRUE,
    TRUE_FALSE,
    QuizQuestion,
    facts_in,
    sentences,
    terms_in,
)

Check = Callable[[KnowledgeBase, Sequence[QuizQuestion]], tuple[int, list[str]]]


def cloze_answers_verbatim(kb: KnowledgeBase, qs: Sequence[QuizQuestion]) -> tuple[int, list[str]]:
    """Every cloze answer, put back in its blank, is the norm's own words."""
    checked = [q for q in qs if q.kind == CLOZE]
    return len(checked), [q.key for q in checked if _filled(q, q.answer) not in _text(kb, q)]


def no_distractor_correct(kb: KnowledgeBase, qs: Sequence[QuizQuestion]) -> tuple[int, list[str]]:
    """No distractor, put in the blank, makes the norm's words."""
    checked = [q for q in qs if q.kind == CLOZE]
    failing = [
        q.key
        for q in checked
        if any(_filled(q, i) in _text(kb, q) for i in range(len(q.options)) if i != q.answer)
    ]
    return len(checked), failing


def options_distinct(kb: KnowledgeBase, qs: Sequence[QuizQuestion]) -> tuple[int, list[str]]:
    return len(qs), [q.key for q in qs if len(set(q.options)) != len(q.options)]


def changed_statements_differ(
    kb: KnowledgeBase, qs: Sequence[QuizQuestion]
) -> tuple[int, list[str]]:
    """A true statement is the norm's words; a false one is not."""
    checked = [q for q in qs if q.kind == TRUE_FALSE]
    failing = [
        q.key
        for q in checked
        if q.options != (TRUE, FALSE)
        or (q.prompt.removeprefix("判断：") in _text(kb, q)) != (q.right_option == TRUE)
    ]
    return len(checked), failing


def two_per_norm_with_a_fact_or_term(
    kb: KnowledgeBase, qs: Sequence[QuizQuestion]
) -> tuple[int, list[str]]:
    per_norm = Counter(q.norm_id for q in qs)
    checked = [
        norm for norm in kb.norms if any(facts_in(s) or terms_in(norm, s) for s in sentences(norm))
    ]
    return len(checked), [norm.id for norm in checked if per_norm[norm.id] < 2]


def outline_only_on_what_it_says(
    kb: KnowledgeBase, qs: Sequence[QuizQuestion]
) -> tuple[int, list[str]]:
    outline = {norm.id for norm in kb.norms if norm.outline_only}
    checked = [q for q in qs if q.norm_id in outline]
    return len(checked), [q.key for q in checked if q.kind in (SCENARIO, ORDER)]


CHECKS: dict[str, Check] = {
    "cloze answer verbatim in its norm": cloze_answers_verbatim,
    "no distractor also correct": no_distractor_correct,
    "no two options the same": options_distinct,
    "true/false: changed statements differ from the norm": changed_statements_differ,
    "norms with a fact or term yield two questions": two_per_norm_with_a_fact_or_term,
    "outline chapter: only cloze and true/false": outline_only_on_what_it_says,
}


def _text(kb: KnowledgeBase, question: QuizQuestion) -> str:
    norm = kb.norm(question.norm_id)
    return norm.text if norm else ""


def _filled(question: QuizQuestion, option: int) -> str:
    return question.prompt.removeprefix("填空：").replace(BLANK, question.options[option])
