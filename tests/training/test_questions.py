"""The mechanical checks over every question the knowledge base yields (issue 13)."""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge.service import Knowledge
from training.questions import (
    BLANK,
    CLOZE,
    FALSE,
    ORDER,
    SCENARIO,
    TRUE,
    TRUE_FALSE,
    QuizQuestion,
    fact_variants,
    facts_in,
    generate_questions,
    sentences,
    terms_in,
)


@pytest.fixture(scope="module")
def questions(knowledge: Knowledge) -> list[QuizQuestion]:
    return generate_questions(knowledge.kb)


def test_every_kind_is_made(questions: list[QuizQuestion]) -> None:
    kinds = Counter(question.kind for question in questions)
    assert set(kinds) == {CLOZE, TRUE_FALSE, SCENARIO, ORDER}


def test_keys_are_unique_and_stable(knowledge: Knowledge, questions: list[QuizQuestion]) -> None:
    assert len({q.key for q in questions}) == len(questions)
    assert [q.key for q in generate_questions(knowledge.kb)] == [q.key for q in questions]


def test_every_cloze_answer_occurs_verbatim_in_its_norm(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    for question in questions:
        if question.kind == CLOZE:
            norm = knowledge.kb.norm(question.norm_id)
            assert norm is not None
            sentence = question.prompt.removeprefix("填空：").replace(BLANK, question.right_option)
            assert sentence in norm.text, question.key


def test_no_distractor_is_also_correct(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    for question in questions:
        if question.kind != CLOZE:
            continue
        norm = knowledge.kb.norm(question.norm_id)
        assert norm is not None
        for index, option in enumerate(question.options):
            filled = question.prompt.removeprefix("填空：").replace(BLANK, option)
            assert (filled in norm.text) == (index == question.answer), question.key


def test_no_two_options_are_the_same(questions: list[QuizQuestion]) -> None:
    for question in questions:
        assert len(set(question.options)) == len(question.options), question.key
        assert 0 <= question.answer < len(question.options)


def test_a_changed_statement_really_differs_from_the_norm(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    for question in questions:
        if question.kind != TRUE_FALSE:
            continue
        norm = knowledge.kb.norm(question.norm_id)
        assert norm is not None
        statement = question.prompt.removeprefix("判断：")
        assert question.options == (TRUE, FALSE)
        assert (statement in norm.text) == (question.right_option == TRUE), question.key


def test_each_norm_with_a_fact_or_term_yields_two_questions(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    per_norm = Counter(question.norm_id for question in questions)
    for norm in knowledge.kb.norms:
        has_one = any(facts_in(s) or terms_in(norm, s) for s in sentences(norm))
        if has_one:
            assert per_norm[norm.id] >= 2, norm.id


def test_the_outline_chapter_yields_only_questions_on_what_it_says(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    outline = {norm.id for norm in knowledge.kb.norms if norm.outline_only}
    for question in questions:
        if question.norm_id in outline:
            assert question.kind in (CLOZE, TRUE_FALSE), question.key


def test_a_scenario_offers_its_norm_among_titles_of_its_section(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    for question in questions:
        if question.kind != SCENARIO:
            continue
        norm = knowledge.kb.norm(question.norm_id)
        assert norm is not None
        assert question.right_option == norm.title
        section = knowledge.kb.section(norm.section_key)
        assert section is not None
        titles = {t.title for i in section.norm_ids if (t := knowledge.kb.norm(i))}
        assert set(question.options) <= titles


def test_the_order_of_the_visit_stages(questions: list[QuizQuestion]) -> None:
    [stages] = [q for q in questions if q.key == "1.2.1-01/o0"]
    assert stages.right_option == "一般性接触 → 建立关系 → 了解实质性内容 → 建立长期合作关系"


@pytest.mark.parametrize(
    ("fact", "variants"),
    [
        ("48个小时", ["12个小时", "24个小时", "72个小时"]),
        ("2个工作日", ["1个工作日", "3个工作日", "5个工作日"]),
        ("三声", ["两声", "四声", "五声"]),
        ("5声", ["2声", "3声", "4声"]),
    ],
)
def test_a_fact_changes_within_its_unit(fact: str, variants: list[str]) -> None:
    assert fact_variants(fact) == variants
