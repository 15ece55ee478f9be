"""The matcher finds the norm behind colloquial, misspelt questions and declines the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.matcher import (
    Candidate,
    Found,
    MatcherConfig,
    Verdict,
    confidence,
    decide,
    judge,
)
from knowledge.service import Knowledge


def best_id(knowledge: Knowledge, question: str) -> str | None:
    best = knowledge.match(question).best
    return best.norm.id if best else None


def test_homophone_typo_finds_the_norm(knowledge: Knowledge) -> None:
    assert best_id(knowledge, "感谢寒几天发") == best_id(knowledge, "感谢函几天发") == "1.2.1-12"


def test_homophone_typo_across_word_boundaries(knowledge: Knowledge) -> None:
    assert best_id(knowledge, "招彪那天几点到") == "1.2.4-02"


def test_colloquial_synonym_maps_to_the_material_term(knowledge: Knowledge) -> None:
    result = knowledge.match("见完客户多久要发感谢信")
    assert result.verdict is Verdict.ANSWER
    assert result.candidates[0].norm.id == "1.2.1-12"


def test_homophones_only_stand_in_for_unknown_words(knowledge: Knowledge) -> None:
    # "是客" sounds like a fragment of "现实客户", but both characters are known words here.
    assert best_id(knowledge, "什么是客户经理") == "1.1-01"


@pytest.mark.parametrize("question", ["明天绍兴天气怎么样", "5G套餐资费多少钱", "路由器怎么重置"])
def test_off_topic_questions_are_declined(knowledge: Knowledge, question: str) -> None:
    assert knowledge.match(question).verdict is Verdict.DECLINE


def test_question_of_only_stopwords_is_declined(knowledge: Knowledge) -> None:
    result = knowledge.match("请问我该怎么办呢？")
    assert result.verdict is Verdict.DECLINE
    assert result.candidates == ()


def candidates(knowledge: Knowledge, *pairs: tuple[float, float]) -> list[Candidate]:
    """Candidates with (ranking score, confidence) pairs, best first."""
    norms = knowledge.kb.norms
    return [
        Candidate(norms[i], score, confidence, score, score, 2)
        for i, (score, confidence) in enumerate(pairs)
    ]


CONFIG = replace(MatcherConfig(), answer_threshold=0.6, answer_margin=0.05, suggest_threshold=0.3)


def test_decide_answers_a_confident_best_that_stands_clear(knowledge: Knowledge) -> None:
    assert decide(CONFIG, candidates(knowledge, (0.8, 0.9), (0.4, 0.9))) is Verdict.ANSWER


def test_decide_asks_back_when_the_runner_up_ranks_close(knowledge: Knowledge) -> None:
    assert decide(CONFIG, candidates(knowledge, (0.8, 0.9), (0.78, 0.9))) is Verdict.UNSURE


def test_decide_asks_back_between_the_thresholds(knowledge: Knowledge) -> None:
    assert decide(CONFIG, candidates(knowledge, (0.8, 0.45))) is Verdict.UNSURE


def test_decide_declines_below_the_suggest_threshold(knowledge: Knowledge) -> None:
    assert decide(CONFIG, candidates(knowledge, (0.9, 0.29), (0.1, 0.1))) is Verdict.DECLINE
    assert decide(CONFIG, []) is Verdict.DECLINE


def test_confidence_grows_with_evidence_and_falls_with_unknown_words(
    knowledge: Knowledge,
) -> None:
    config = MatcherConfig()
    norm = knowledge.kb.norms[0]
    weak = confidence(config, Found(norm, lexical=0.2, fuzzy=0.2, matched=1), unknown_share=0.5)
    strong = confidence(config, Found(norm, lexical=0.8, fuzzy=0.6, matched=3), unknown_share=0.0)
    assert 0.0 < weak < strong < 1.0


@pytest.mark.parametrize("question", ["5G套餐资费多少钱", "5G套餐资费多少钱？", "营业厅电话号码"])
def test_question_asking_for_a_fact_is_declined(knowledge: Knowledge, question: str) -> None:
    assert knowledge.match(question).verdict is Verdict.DECLINE


@pytest.mark.parametrize("question", ["客户视图系统的登录地址是啥", "投诉处理系统在哪看？"])
def test_a_fact_asked_for_before_a_question_tail_is_declined(
    knowledge: Knowledge, question: str
) -> None:
    assert knowledge.match(question).verdict is Verdict.DECLINE
    assert knowledge.matcher.gather(question).asks_for_fact


def test_a_question_naming_a_part_of_the_material_asks_for_no_fact(knowledge: Knowledge) -> None:
    assert not knowledge.matcher.gather("岗位技能篇第一章叫啥").asks_for_fact


def test_fact_word_inside_a_norm_question_does_not_decline(knowledge: Knowledge) -> None:
    result = knowledge.match("客户问多少钱我不知道咋办")
    assert result.verdict is not Verdict.DECLINE
    assert result.candidates[0].norm.id == "1.2.7-06"


@pytest.mark.parametrize(
    "question",
    [
        "最近家里装修乱糟糟的，孩子期中考试也没考好，客户来电话我正跟人谈事，怎么办",
        # as voice input types it:
        "最近家里装修乱糟糟的 孩子期中考试也没考好 客户来电话我正跟人谈事 怎么办",
    ],
)
def test_a_long_situation_is_answered_when_its_ask_alone_names_the_same_norm(
    knowledge: Knowledge, question: str
) -> None:
    whole = judge(knowledge.matcher.config, knowledge.matcher.gather(question))
    assert whole.verdict is not Verdict.ANSWER  # the situation's words weigh it down
    result = knowledge.match(question)
    assert result.verdict is Verdict.ANSWER
    assert result.candidates[0].norm.id == whole.candidates[0].norm.id == "1.2.7-08"


@pytest.mark.parametrize(
    "question", ["帮我写一封给客户的感谢函", "麻烦帮我给王处起草一份答复", "pls translate this"]
)
def test_a_request_for_a_piece_of_work_is_declined_as_such(
    knowledge: Knowledge, question: str
) -> None:
    result = knowledge.match(question)
    assert result.verdict is Verdict.DECLINE
    assert result.asks_for_a_task


def test_a_question_about_a_letter_is_no_request_for_work(knowledge: Knowledge) -> None:
    result = knowledge.match("给我讲讲感谢函多久发")
    assert not result.asks_for_a_task
    assert result.verdict is Verdict.ANSWER
