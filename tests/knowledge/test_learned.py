"""Learned material adds example questions, synonyms and out-of-scope questions to the
knowledge base (never a norm's text), and a synonym that would mislead is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.learned import Learned, apply_learned, synonym_problem
from knowledge.loader import LEXICON_FILE, NORMS_DIR, SOURCE_FILE, KnowledgeError, load_knowledge
from knowledge.matcher import Verdict
from knowledge.service import Knowledge, index_knowledge

ODD_QUESTION = "谒见完毕后鸣谢笺几时呈上"


def test_a_learned_question_is_answered_with_its_norm(knowledge: Knowledge) -> None:
    assert knowledge.match(ODD_QUESTION).verdict is Verdict.DECLINE
    taught = index_knowledge(knowledge.kb, Learned(questions=(("1.2.1-12", ODD_QUESTION),)))
    result = taught.match(ODD_QUESTION)
    assert result.verdict is Verdict.ANSWER
    assert result.candidates[0].norm.id == "1.2.1-12"
    norm = taught.kb.norm("1.2.1-12")
    assert norm is not None
    assert ODD_QUESTION in norm.questions
    assert norm.text == knowledge.kb.norm("1.2.1-12").text  # type: ignore[union-attr]


def test_a_learned_synonym_makes_new_wordings_match(knowledge: Knowledge) -> None:
    question = "鸣谢笺几天内要给客户"
    before = knowledge.match(question)
    assert before.verdict is not Verdict.ANSWER or before.candidates[0].norm.id != "1.2.1-12"
    taught = index_knowledge(knowledge.kb, Learned(synonyms=(("鸣谢笺", "感谢函"),)))
    result = taught.match(question)
    assert result.verdict is Verdict.ANSWER
    assert result.candidates[0].norm.id == "1.2.1-12"


def test_an_english_synonym_is_read_inside_chinese(knowledge: Knowledge) -> None:
    taught = index_knowledge(knowledge.kb, Learned(synonyms=(("gratitude mail", "感谢函"),)))
    assert taught.matcher.read("拜访后gratitude mails几天发").known[0].term == "感谢函"


def test_questions_like_one_judged_out_of_scope_are_declined(knowledge: Knowledge) -> None:
    question, similar = "客户经理的名片去哪印", "客户经理的名片去哪里印"
    assert knowledge.match(question).verdict is not Verdict.DECLINE
    assert knowledge.match(similar).verdict is not Verdict.DECLINE
    taught = index_knowledge(knowledge.kb, Learned(out_of_scope=(question,)))
    assert taught.match(question).verdict is Verdict.DECLINE
    assert taught.match(similar).verdict is Verdict.DECLINE
    assert taught.match("见完客户多久发感谢函").verdict is Verdict.ANSWER


def test_learned_entries_of_a_norm_that_is_gone_are_left_out(knowledge: Knowledge) -> None:
    kb = apply_learned(knowledge.kb, Learned(questions=(("1.2.9-99", "不存在的规范"),)))
    assert all("不存在的规范" not in norm.questions for norm in kb.norms)


@pytest.mark.parametrize(
    ("variant", "term", "reason"),
    [
        ("客户", "感谢函", "太常见"),
        ("的", "感谢函", "单个汉字"),
        ("怎么办", "感谢函", "虚词"),
        ("the", "感谢函", "太常见"),
        ("谢帖", "外星人", "不是材料里的术语"),
        ("感谢函", "感谢函", "同一个"),
        ("感谢信", "名片", "已经表示"),
        ("thank-you letter", "名片", "已经表示"),
        ("感谢函", "感谢信", "术语"),
        ("   ", "感谢函", "空的"),
    ],
)
def test_a_misleading_synonym_is_refused_with_the_reason(
    knowledge: Knowledge, variant: str, term: str, reason: str
) -> None:
    problem = synonym_problem(knowledge.kb, variant, term)
    assert problem is not None
    assert reason in problem


def test_a_sound_synonym_is_accepted(knowledge: Knowledge) -> None:
    assert synonym_problem(knowledge.kb, "鸣谢笺", "感谢函") is None
    assert synonym_problem(knowledge.kb, "dress code", "职业装") is None


def test_a_synonym_loop_is_refused(knowledge: Knowledge) -> None:
    taught = apply_learned(knowledge.kb, Learned(synonyms=(("鸣谢笺", "感谢函"),)))
    problem = synonym_problem(taught, "感谢函", "鸣谢笺")
    assert problem is not None


def test_the_learned_file_is_validated_with_the_knowledge_base(tmp_path: Path) -> None:
    learned = tmp_path / "learned.yaml"
    learned.write_text(
        "questions:\n  '1.2.1-12': [谢帖几天寄]\n  '9.9-99': [没有这条]\n"
        "synonyms:\n  客户: 感谢函\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(NORMS_DIR, LEXICON_FILE, SOURCE_FILE, learned)
    messages = [str(problem) for problem in caught.value.problems]
    assert any("unknown norm id '9.9-99'" in message for message in messages)
    assert any("'客户'" in message and "太常见" in message for message in messages)


def test_a_valid_learned_file_adds_its_questions(tmp_path: Path) -> None:
    learned = tmp_path / "learned.yaml"
    learned.write_text("questions:\n  '1.2.1-12': [谢帖几天寄]\n", encoding="utf-8")
    kb = load_knowledge(NORMS_DIR, LEXICON_FILE, SOURCE_FILE, learned)
    norm = kb.norm("1.2.1-12")
    assert norm is not None
    assert "谢帖几天寄" in norm.questions
