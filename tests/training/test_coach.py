"""A round of 每日一练 without Telegram: asked one by one, each answer taken once."""

from __future__ import annotations

import pytest

from knowledge.service import Knowledge
from storage.practice import Practice
from storage.store import Store
from tests.conftest import FIXED_NOW
from training.coach import AlreadyAnswered, Coach, UnknownFocus


def coach(store: Store, knowledge: Knowledge) -> Coach:
    return Coach(knowledge.kb, Practice(store.db), lambda: FIXED_NOW)


def test_a_round_asks_five_questions_and_finishes(
    fresh_store: Store, knowledge: Knowledge
) -> None:
    trainer = coach(fresh_store, knowledge)
    asked = trainer.start(1)
    seen = []
    while asked is not None:
        seen.append(asked.position)
        checked = trainer.answer(1, asked.round_id, asked.position, asked.question.answer)
        assert checked.right
        assert checked.norm.id == asked.question.norm_id
        asked = checked.next
    assert seen == [0, 1, 2, 3, 4]
    assert trainer.current(1) is None
    assert trainer.streak(1) == 1
    assert sum(item.share > 0 for item in trainer.mastery_by_section(1)) == 0  # box 1 only


def test_an_old_question_cannot_be_answered_twice(
    fresh_store: Store, knowledge: Knowledge
) -> None:
    trainer = coach(fresh_store, knowledge)
    asked = trainer.start(1)
    assert asked is not None
    trainer.answer(1, asked.round_id, 0, asked.question.answer)
    with pytest.raises(AlreadyAnswered):
        trainer.answer(1, asked.round_id, 0, asked.question.answer)
    with pytest.raises(AlreadyAnswered):
        trainer.answer(2, asked.round_id, 1, 0)  # someone else's round


def test_a_wrong_answer_makes_the_norm_weak(fresh_store: Store, knowledge: Knowledge) -> None:
    trainer = coach(fresh_store, knowledge)
    asked = trainer.start(1)
    assert asked is not None
    wrong = (asked.question.answer + 1) % len(asked.question.options)
    checked = trainer.answer(1, asked.round_id, 0, wrong)
    assert not checked.right
    [(norm, rate)] = trainer.weakest([1])
    assert (norm.id, rate) == (asked.question.norm_id, 1.0)


def test_an_interrupted_round_is_resumed_where_it_stopped(
    fresh_store: Store, knowledge: Knowledge
) -> None:
    trainer = coach(fresh_store, knowledge)
    asked = trainer.start(1)
    assert asked is not None
    trainer.answer(1, asked.round_id, 0, 0)
    resumed = coach(fresh_store, knowledge).current(1)  # after a restart
    assert resumed is not None
    assert (resumed.round_id, resumed.position) == (asked.round_id, 1)


def test_an_unknown_focus_is_refused(fresh_store: Store, knowledge: Knowledge) -> None:
    with pytest.raises(UnknownFocus):
        coach(fresh_store, knowledge).start(1, focus="不存在的章节")
