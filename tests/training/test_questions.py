"""The mechanical checks over every question the knowledge base yields (issue 13)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from knowledge.service import Knowledge
from training.checks import CHECKS
from training.questions import (
    CLOZE,
    ORDER,
    SCENARIO,
    TRUE_FALSE,
    QuizQuestion,
    fact_variants,
    generate_questions,
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


@pytest.mark.parametrize("name", list(CHECKS))
def test_the_mechanical_check_passes_for_every_question(
    knowledge: Knowledge, questions: list[QuizQuestion], name: str
) -> None:
    checked, failing = CHECKS[name](knowledge.kb, questions)
    assert checked > 0
    assert failing == []


def test_a_check_catches_a_distractor_that_is_also_right(
    knowledge: Knowledge, questions: list[QuizQuestion]
) -> None:
    cloze = next(q for q in questions if q.kind == CLOZE)
    broken = replace(cloze, options=(cloze.right_option, *cloze.options[1:]), answer=1)
    _, failing = CHECKS["no distractor also correct"](knowledge.kb, [broken])
    assert failing == [cloze.key]


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
