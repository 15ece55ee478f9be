"""Spaced repetition and rounds: wrong answers come back sooner, mastered norms rarely; a new
manager starts with chapter 1's essentials; a focus keeps a round to its part of the material."""

from __future__ import annotations

from datetime import date, timedelta

from knowledge.service import Knowledge
from training.questions import SCENARIO, generate_questions
from training.repetition import (
    INTERVAL_DAYS,
    NormProgress,
    after_answer,
    due_norms,
    mastery,
    streak,
)
from training.rounds import ROUND_SIZE, compose_round, focus_norms, guidance_norms, learning_order

TODAY = date(2026, 12, 7)


def test_a_right_answer_moves_up_a_box_and_comes_back_later() -> None:
    first = after_answer(None, "1.2.1-12", True, TODAY)
    assert (first.box, first.due_on) == (1, TODAY + timedelta(days=INTERVAL_DAYS[1]))
    second = after_answer(first, "1.2.1-12", True, TODAY + timedelta(days=1))
    assert second.box == 2
    assert second.due_on == TODAY + timedelta(days=1 + INTERVAL_DAYS[2])


def test_a_wrong_answer_sends_the_norm_back_to_the_first_box() -> None:
    known = NormProgress("1.2.1-12", 4, TODAY + timedelta(days=8), right=4)
    again = after_answer(known, "1.2.1-12", False, TODAY)
    assert (again.box, again.due_on, again.wrong) == (1, TODAY + timedelta(days=1), 1)


def test_the_top_box_is_asked_rarely_and_stays_the_top() -> None:
    top = NormProgress("1.2.1-12", 5, TODAY)
    assert after_answer(top, "1.2.1-12", True, TODAY).due_on == TODAY + timedelta(days=16)


def test_due_norms_come_weakest_first() -> None:
    progress = [
        NormProgress("a", 3, TODAY - timedelta(days=1)),
        NormProgress("b", 1, TODAY),
        NormProgress("c", 2, TODAY + timedelta(days=1)),
    ]
    assert due_norms(progress, TODAY) == ["b", "a"]


def test_mastery_is_the_share_in_the_top_boxes() -> None:
    progress = {"a": NormProgress("a", 4, TODAY), "b": NormProgress("b", 2, TODAY)}
    assert mastery(progress, ["a", "b", "c", "d"]) == 0.25
    assert mastery(progress, []) == 0.0


def test_a_streak_counts_consecutive_days() -> None:
    days = [TODAY - timedelta(days=n) for n in (1, 2, 3, 5)]
    assert streak(days, TODAY) == 3
    assert streak([*days, TODAY], TODAY) == 4
    assert streak([TODAY - timedelta(days=3)], TODAY) == 0


def test_a_new_manager_starts_with_chapter_ones_essentials(knowledge: Knowledge) -> None:
    questions = generate_questions(knowledge.kb)
    first_round = compose_round(knowledge.kb, questions, {}, TODAY, "u1")
    essentials = [norm.id for norm in knowledge.kb.norms if norm.deadlines]
    assert len(first_round) == ROUND_SIZE
    assert [q.norm_id for q in first_round] == learning_order(knowledge.kb)[:ROUND_SIZE]
    assert all(q.norm_id in essentials for q in first_round)


def test_due_norms_come_before_new_ones(knowledge: Knowledge) -> None:
    questions = generate_questions(knowledge.kb)
    progress = {"1.2.7-17": NormProgress("1.2.7-17", 1, TODAY)}
    assert compose_round(knowledge.kb, questions, progress, TODAY, "u1")[0].norm_id == "1.2.7-17"


def test_a_round_is_the_same_when_built_again(knowledge: Knowledge) -> None:
    questions = generate_questions(knowledge.kb)
    once = compose_round(knowledge.kb, questions, {}, TODAY, "u1/2026-12-07")
    again = compose_round(knowledge.kb, questions, {}, TODAY, "u1/2026-12-07")
    assert [q.key for q in once] == [q.key for q in again]


def test_a_focus_keeps_the_round_to_its_section(knowledge: Knowledge) -> None:
    questions = generate_questions(knowledge.kb)
    focus = focus_norms(knowledge.kb, "1.2.7")
    assert focus is not None
    chosen = compose_round(knowledge.kb, questions, {}, TODAY, "u1", focus=focus)
    assert {q.norm_id.rsplit("-", 1)[0] for q in chosen} == {"1.2.7"}
    by_word = focus_norms(knowledge.kb, "拜访")
    assert by_word is not None
    assert "1.2.1-12" in by_word
    assert focus_norms(knowledge.kb, "9.9") is None
    assert focus_norms(knowledge.kb, "不存在的章节") is None


def test_senior_levels_get_team_guidance_and_more_situations(knowledge: Knowledge) -> None:
    questions = generate_questions(knowledge.kb)
    senior = compose_round(knowledge.kb, questions, {}, TODAY, "u1", level="一级")
    junior = compose_round(knowledge.kb, questions, {}, TODAY, "u1", level="四级")
    assert senior[0].norm_id in guidance_norms(knowledge.kb)
    assert sum(q.kind == SCENARIO for q in senior) > sum(q.kind == SCENARIO for q in junior)
