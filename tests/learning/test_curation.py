"""A curator's decision is stored with who and when, teaches everyone at once, survives a
restart and can be undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.matcher import Verdict
from knowledge.service import Knowledge, KnowledgeService
from learning.curation import Curation, Refusal, learned_from
from storage.store import Store
from storage.unanswered import DECLINED, PICKED
from tests.conftest import FIXED_NOW

CURATOR = 700001
ODD_QUESTION = "谒见完毕后鸣谢笺几时呈上"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "bot.db", clock=lambda: FIXED_NOW)
    yield store
    store.close()


def serving(store: Store, knowledge: Knowledge) -> KnowledgeService:
    service = KnowledgeService(knowledge=knowledge)
    service.learn_from(lambda: learned_from(store.review.active()))
    return service


def ask(store: Store, text: str, user: int = 1, outcome: str = DECLINED) -> int:
    question_id = store.unanswered.record(
        question=text, normalized=text, user_id=user, outcome=outcome, asked_at=FIXED_NOW
    )
    if outcome == PICKED:
        store.db.execute(
            "UPDATE unanswered_questions SET picked_norm_id = '1.2.1-12' WHERE id = ?",
            [question_id],
        )
    return question_id


def test_assigning_a_group_answers_it_for_everyone_at_once(
    store: Store, knowledge: Knowledge
) -> None:
    service = serving(store, knowledge)
    key = ask(store, ODD_QUESTION, user=1)
    ask(store, ODD_QUESTION, user=2)
    decided = Curation(store, service, lambda: FIXED_NOW).assign(key, "1.2.1-12", CURATOR)
    assert decided.decision is not None
    assert decided.decision.decided_by == CURATOR
    result = service.current.match(ODD_QUESTION)
    assert (result.verdict, result.candidates[0].norm.id) == (Verdict.ANSWER, "1.2.1-12")
    assert store.unanswered.awaiting_review() == []


def test_what_was_learned_survives_a_restart(store: Store, knowledge: Knowledge) -> None:
    key = ask(store, ODD_QUESTION)
    Curation(store, serving(store, knowledge), lambda: FIXED_NOW).assign(key, "1.2.1-12", CURATOR)
    restarted = serving(store, knowledge)
    assert restarted.current.match(ODD_QUESTION).verdict is Verdict.ANSWER


def test_an_undone_decision_is_forgotten_and_its_questions_return(
    store: Store, knowledge: Knowledge
) -> None:
    service = serving(store, knowledge)
    curation = Curation(store, service, lambda: FIXED_NOW)
    key = ask(store, ODD_QUESTION)
    decided = curation.assign(key, "1.2.1-12", CURATOR)
    assert decided.decision is not None
    undone = curation.undo(decided.decision.id, CURATOR)
    assert undone.decision is not None
    assert not undone.decision.active
    assert service.current.match(ODD_QUESTION).verdict is Verdict.DECLINE
    assert [group.key for group in curation.groups()] == [key]
    assert curation.undo(decided.decision.id, CURATOR).refusal is Refusal.NOT_UNDOABLE


def test_out_of_scope_declines_the_group_and_similar_questions(
    store: Store, knowledge: Knowledge
) -> None:
    service = serving(store, knowledge)
    similar = "客户经理的名片去哪里印"
    assert service.current.match(similar).verdict is not Verdict.DECLINE
    key = ask(store, "客户经理的名片去哪印")
    Curation(store, service, lambda: FIXED_NOW).out_of_scope(key, CURATOR)
    assert service.current.match(similar).verdict is Verdict.DECLINE
    assert service.current.match("客户经理的名片去哪印").verdict is Verdict.DECLINE


def test_ignoring_takes_the_group_off_the_queue_and_teaches_nothing(
    store: Store, knowledge: Knowledge
) -> None:
    service = serving(store, knowledge)
    curation = Curation(store, service, lambda: FIXED_NOW)
    key = ask(store, ODD_QUESTION)
    assert curation.ignore(key, CURATOR).decision is not None
    assert curation.groups() == []
    assert learned_from(store.review.active()).empty


def test_a_group_decided_by_another_curator_first_is_refused(
    store: Store, knowledge: Knowledge
) -> None:
    curation = Curation(store, serving(store, knowledge), lambda: FIXED_NOW)
    key = ask(store, ODD_QUESTION)
    curation.ignore(key, CURATOR)
    assert curation.assign(key, "1.2.1-12", CURATOR + 1).refusal is Refusal.GROUP_GONE


def test_a_misleading_synonym_is_refused_and_nothing_is_stored(
    store: Store, knowledge: Knowledge
) -> None:
    curation = Curation(store, serving(store, knowledge), lambda: FIXED_NOW)
    decided = curation.teach_synonym("客户", "感谢函", CURATOR)
    assert decided.refusal is Refusal.BAD_SYNONYM
    assert decided.reason is not None
    assert "太常见" in decided.reason
    assert store.review.count() == 0


def test_a_taught_synonym_helps_wordings_nobody_asked_yet(
    store: Store, knowledge: Knowledge
) -> None:
    service = serving(store, knowledge)
    curation = Curation(store, service, lambda: FIXED_NOW)
    question = "鸣谢笺几天内要给客户"
    before = service.current.match(question)
    assert before.verdict is not Verdict.ANSWER or before.candidates[0].norm.id != "1.2.1-12"
    assert curation.teach_synonym("鸣谢笺", "感谢函", CURATOR).decision is not None
    result = service.current.match(question)
    assert (result.verdict, result.candidates[0].norm.id) == (Verdict.ANSWER, "1.2.1-12")


def test_a_decision_is_in_the_audit_trail(store: Store, knowledge: Knowledge) -> None:
    key = ask(store, ODD_QUESTION)
    Curation(store, serving(store, knowledge), lambda: FIXED_NOW).assign(key, "1.2.1-12", CURATOR)
    rows = list(store.db.table("audit_log").rows_where("table_name = 'review_decisions'"))
    assert [(row["actor_id"], row["action"]) for row in rows] == [(CURATOR, "create")]
    assert ODD_QUESTION in rows[0]["after"]


def test_assigning_to_a_norm_that_is_gone_is_refused(store: Store, knowledge: Knowledge) -> None:
    curation = Curation(store, serving(store, knowledge), lambda: FIXED_NOW)
    key = ask(store, ODD_QUESTION)
    assert curation.assign(key, "9.9-99", CURATOR).refusal is Refusal.NORM_GONE
