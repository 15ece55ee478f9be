"""每日一练 records: an answer is taken once, progress moves with it, rounds are private."""

from __future__ import annotations

from datetime import date

from storage.practice import NormProgress, Practice
from storage.store import Store
from tests.conftest import FIXED_NOW

DAY = date(2026, 11, 27)


def test_an_answer_is_recorded_once_with_the_norms_progress(fresh_store: Store) -> None:
    practice = Practice(fresh_store.db)
    started = practice.start_round(1, DAY, ["1.2.1-12/c0", "1.2.2-01/c0"], FIXED_NOW)
    progress = NormProgress("1.2.1-12", 1, date(2026, 11, 28), right=1)
    assert practice.answer(started, 0, 2, True, progress, FIXED_NOW)
    assert not practice.answer(started, 0, 1, False, progress, FIXED_NOW)  # pressed again
    again = practice.round(1, started.id)
    assert again is not None
    assert again.answers == ((2, True),)
    assert not again.finished
    assert practice.progress(1) == {"1.2.1-12": progress}


def test_the_last_answer_finishes_the_round(fresh_store: Store) -> None:
    practice = Practice(fresh_store.db)
    started = practice.start_round(1, DAY, ["1.2.1-12/c0"], FIXED_NOW, daily=True)
    practice.answer(started, 0, 0, False, NormProgress("1.2.1-12", 1, DAY), FIXED_NOW)
    done = practice.round(1, started.id)
    assert done is not None
    assert done.finished
    assert done.finished_at == FIXED_NOW
    assert practice.open_round(1) is None
    assert practice.practised_days(1) == [DAY]
    assert practice.daily_round_on(1, DAY) == done


def test_another_users_round_is_not_found(fresh_store: Store) -> None:
    practice = Practice(fresh_store.db)
    started = practice.start_round(1, DAY, ["1.2.1-12/c0"], FIXED_NOW)
    assert practice.round(2, started.id) is None


def test_a_new_assignment_replaces_the_teams_last(fresh_store: Store) -> None:
    practice = Practice(fresh_store.db)
    practice.assign("政企一组", "1.2.7", 3, FIXED_NOW)
    practice.assign("政企一组", "1.2.1", 3, FIXED_NOW)
    found = practice.assignment("政企一组")
    assert found is not None
    assert found.focus == "1.2.1"
    assert practice.assignment("政企二组") is None


def test_a_level_is_set_and_read(fresh_store: Store) -> None:
    practice = Practice(fresh_store.db)
    assert practice.level(1) is None
    practice.set_level(1, "二级", 9, FIXED_NOW)
    assert practice.level(1) == "二级"
