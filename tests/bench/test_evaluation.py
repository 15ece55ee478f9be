"""The evaluation questions stay usable as the knowledge base changes."""

from __future__ import annotations

from bench.evaluation import as_the_bot_answers, load_eval_sets
from knowledge.matcher import Verdict
from knowledge.service import Knowledge


def test_every_expected_snippet_points_into_a_norm(knowledge: Knowledge) -> None:
    sets = load_eval_sets(knowledge.kb)  # raises, listing every snippet no norm contains
    assert {name: len(s.in_scope) >= 90 for name, s in sets.items()} == {
        "dev": True,
        "test": True,
        "fresh": True,
    }


def test_test_set_meets_the_size_the_issue_asks_for(knowledge: Knowledge) -> None:
    test = load_eval_sets(knowledge.kb)["test"]
    assert len(test.in_scope) >= 150
    assert len(test.out_of_scope) >= 25


def test_test_set_covers_every_section(knowledge: Knowledge) -> None:
    test = load_eval_sets(knowledge.kb)["test"]
    covered = {knowledge.kb.norm(nid).section_key for q in test.in_scope for nid in q.norm_ids}  # type: ignore[union-attr]
    assert covered == {
        section for chapter in knowledge.kb.chapters for section in chapter.section_keys
    }


def test_small_talk_is_scored_as_the_bot_answers_it(knowledge: Knowledge) -> None:
    match = as_the_bot_answers(knowledge)
    thanks = match("谢谢！")
    assert (thanks.verdict, thanks.candidates) == (Verdict.DECLINE, ())
    assert knowledge.match("谢谢！").candidates  # the matcher alone would rank some norm
    answered = match("见完客户多久发感谢函")
    assert answered == knowledge.match("见完客户多久发感谢函")
    assert answered.verdict is Verdict.ANSWER
