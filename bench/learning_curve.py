"""Does the bot learn from the questions it could not answer? A learning-curve bench.

Two sets of questions about the same intents, worded by different writers who saw neither the
knowledge base's example questions nor each other's set (bench/eval/learning_week1.yaml and
learning_week2.yaml). Week 1 goes through the bot as managers ask it (20 people, each question
once): what it answers is answered; where it asks back, the asker picks the expected norm when
it is offered and presses 都不是 otherwise. Then a curator works through /review's queue with
the same code path /review uses (learning.curation): a group with a suggestion is assigned to
the suggested norm; any other group to the norm its questions were written for (the honest
curator, scripted from the expected norm ids), or 范围外 for out-of-scope ones.

Week 2 is asked before and after: the gain on questions nobody taught is the point — a loop
that only helps the exact questions it was taught is not.

    python -m bench.learning_curve              # with the sentence encoder when installed
    python -m bench.learning_curve --lexical    # without it
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import UTC, datetime, timedelta

from bench.evaluation import EVAL_FILE, EvalSet, as_the_bot_answers, load_eval_sets, score
from handlers.ask import respond_to_question
from knowledge.matcher import Verdict
from knowledge.service import KnowledgeService, build_knowledge
from learning.curation import Curation, learned_from
from storage.store import Store
from storage.unanswered import NONE_MATCHED, PICKED

WEEK1_FILE = EVAL_FILE.with_name("learning_week1.yaml")
WEEK2_FILE = EVAL_FILE.with_name("learning_week2.yaml")
START = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
PEOPLE = 20
CURATOR = 1


def ask_week(service: KnowledgeService, store: Store, week: EvalSet) -> Counter[str]:
    """Every question once, as the bot answers it, with the asker's honest reaction."""
    outcomes: Counter[str] = Counter()
    items = [(item.question, item.norm_ids) for item in week.in_scope]
    items += [(question, frozenset()) for question in week.out_of_scope]
    for index, (question, expected) in enumerate(items):
        user = index % PEOPLE + 2
        now = START + timedelta(minutes=index)
        knowledge = service.current
        result = as_the_bot_answers(knowledge)(question)
        respond_to_question(knowledge, store.unanswered, question, user_id=user, now=now)
        outcomes[result.verdict.value] += 1
        if result.verdict is not Verdict.UNSURE:
            continue
        [recorded] = store.unanswered.awaiting_review(limit=1)
        offered = [candidate.norm.id for candidate in result.candidates[:3]]
        picked = next((norm_id for norm_id in offered if norm_id in expected), None)
        if picked is not None:
            store.unanswered.resolve(
                recorded.id, user_id=user, outcome=PICKED, picked_norm_id=picked
            )
        else:
            store.unanswered.resolve(recorded.id, user_id=user, outcome=NONE_MATCHED)
    return outcomes


def review_everything(curation: Curation, expected: dict[str, frozenset[str]]) -> Counter[str]:
    """The curator works through the queue: suggestions followed, the rest decided honestly."""
    decisions: Counter[str] = Counter()
    for group in curation.groups():
        if group.suggestion is not None:
            curation.assign(group.key, group.suggestion, CURATOR)
            decisions["suggestion followed"] += 1
            continue
        votes = Counter(
            norm_id
            for question in group.questions
            for norm_id in sorted(expected.get(question.question, frozenset())) or ["-"]
        )
        norm_id, _ = votes.most_common(1)[0]
        if norm_id == "-":
            curation.out_of_scope(group.key, CURATOR)
            decisions["out of scope"] += 1
        else:
            curation.assign(group.key, norm_id, CURATOR)
            decisions["assigned by the curator"] += 1
    return decisions


def line(name: str, week: EvalSet, service: KnowledgeService) -> str:
    scores = score(as_the_bot_answers(service.current), week.in_scope, week.out_of_scope)
    return (
        f"{name:<22} answered right {scores.top1:6.1%}  wrong {scores.answered_wrong:3}  "
        f"asked back {scores.unsure:3}  declined {scores.declined:3}  "
        f"out of scope declined {scores.oos_decline_rate:6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lexical", action="store_true", help="without the sentence encoder")
    arguments = parser.parse_args()
    knowledge = build_knowledge(encoder=not arguments.lexical)
    week1 = load_eval_sets(knowledge.kb, WEEK1_FILE)["week1"]
    week2 = load_eval_sets(knowledge.kb, WEEK2_FILE)["week2"]
    store = Store(":memory:", clock=lambda: START)
    service = KnowledgeService(knowledge=knowledge)
    service.learn_from(lambda: learned_from(store.review.active()))
    print(f"sentence encoder: {'on' if knowledge.matcher.encoder else 'off'}")
    print(f"week 1: {len(week1.in_scope)} in scope, {len(week1.out_of_scope)} out of scope")
    print(f"week 2: {len(week2.in_scope)} in scope, {len(week2.out_of_scope)} out of scope\n")
    print(line("week 2, before", week2, service))
    print(line("week 1, as asked", week1, service))
    outcomes = ask_week(service, store, week1)
    asked = ", ".join(f"{verdict} {count}" for verdict, count in sorted(outcomes.items()))
    queue = Curation(store, service, lambda: START + timedelta(days=1))
    groups = queue.groups()
    print(f"  week 1 replies: {asked}; review queue: {len(groups)} groups")
    expected = {item.question: item.norm_ids for item in week1.in_scope}
    decisions = review_everything(queue, expected)
    print("  curator: " + ", ".join(f"{kind} {count}" for kind, count in decisions.items()))
    print(line("week 1, after review", week1, service))
    print(line("week 2, after review", week2, service))


if __name__ == "__main__":
    main()
