"""Calibrates the matcher's weights and thresholds on data, never on the held-out test set.

Calibration data: the dev questions of bench/eval/questions.yaml (in scope and out of scope),
plus the knowledge base's own example questions asked in 5-fold cross-validation (each fold's
examples removed from the index before they are asked). The search maximises top-1 (answered
right) subject to: out-of-scope declined >= 96 % and in-scope declined <= 2 % — a little
stricter than the targets, to leave room for the unseen test set.

    python -m bench.calibrate
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bench.evaluation import InScopeQuestion, load_eval_sets
from knowledge.base import KnowledgeBase
from knowledge.matcher import Candidate, MatcherConfig, NormMatcher, Verdict, decide
from knowledge.service import build_knowledge

FOLDS = 5
MIN_OOS_DECLINED = 0.96
MAX_IN_SCOPE_DECLINED = 0.02


@dataclass(frozen=True)
class Ranked:
    """A question's ranking, computed once per weighting and re-decided per threshold set."""

    expected: frozenset[str] | None  # None: out of scope
    candidates: tuple[Candidate, ...]


def folds_of_examples(kb: KnowledgeBase, seed: int = 11) -> list[list[tuple[str, str]]]:
    pairs = [(norm.id, question) for norm in kb.norms for question in norm.questions]
    random.Random(seed).shuffle(pairs)
    return [pairs[i::FOLDS] for i in range(FOLDS)]


def rank_all(
    kb: KnowledgeBase,
    config: MatcherConfig,
    dev_in: Iterable[InScopeQuestion],
    dev_out: Iterable[str],
) -> list[Ranked]:
    ranked = []
    matcher = NormMatcher(kb, config)
    for item in dev_in:
        ranked.append(Ranked(item.norm_ids, matcher.match(item.question).candidates))
    for question in dev_out:
        ranked.append(Ranked(None, matcher.match(question).candidates))
    for fold in folds_of_examples(kb):
        held_out = set(fold)
        thinner = kb.with_norms(
            replace(
                norm, questions=tuple(q for q in norm.questions if (norm.id, q) not in held_out)
            )
            for norm in kb.norms
        )
        fold_matcher = NormMatcher(thinner, config)
        for norm_id, question in fold:
            ranked.append(Ranked(frozenset({norm_id}), fold_matcher.match(question).candidates))
    return ranked


def evaluate(ranked: list[Ranked], config: MatcherConfig) -> dict[str, float]:
    right = declined = oos_declined = in_scope = oos = 0
    for item in ranked:
        verdict = decide(config, item.candidates)
        if item.expected is None:
            oos += 1
            oos_declined += verdict is Verdict.DECLINE
            continue
        in_scope += 1
        first = item.candidates[0].norm.id if item.candidates else None
        right += verdict is Verdict.ANSWER and first in item.expected
        declined += verdict is Verdict.DECLINE
    return {
        "top1": right / in_scope,
        "declined": declined / in_scope,
        "oos_declined": oos_declined / oos,
    }


def main() -> None:
    knowledge = build_knowledge()
    kb = knowledge.kb
    dev = load_eval_sets(kb)["dev"]
    base = MatcherConfig()
    best: tuple[float, MatcherConfig, dict[str, float]] | None = None
    for fuzzy_share, unknown_weight in itertools.product((0.2, 0.3, 0.4), (1.5, 2.0, 3.0)):
        weighting = replace(base, fuzzy_share=fuzzy_share, unknown_word_weight=unknown_weight)
        ranked = rank_all(kb, weighting, dev.in_scope, dev.out_of_scope)
        for answer, margin, suggest in itertools.product(
            [x / 100 for x in range(40, 71, 2)],
            (0.0, 0.02, 0.04, 0.06, 0.08),
            [x / 100 for x in range(30, 56, 2)],
        ):
            if suggest > answer:
                continue
            config = replace(
                weighting, answer_threshold=answer, answer_margin=margin, suggest_threshold=suggest
            )
            scores = evaluate(ranked, config)
            if scores["oos_declined"] < MIN_OOS_DECLINED:
                continue
            if scores["declined"] > MAX_IN_SCOPE_DECLINED:
                continue
            if best is None or scores["top1"] > best[0]:
                best = (scores["top1"], config, scores)
        print(
            f"fuzzy_share={fuzzy_share} unknown_word_weight={unknown_weight}: "
            f"best so far {best[2] if best else None}"
        )
    if best is None:
        print("no setting meets the constraints")
        return
    _, config, scores = best
    print("\nchosen:")
    for name in (
        "fuzzy_share",
        "unknown_word_weight",
        "answer_threshold",
        "answer_margin",
        "suggest_threshold",
    ):
        print(f"  {name} = {getattr(config, name)}")
    print(
        f"  calibration top-1 {scores['top1']:.1%}, in-scope declined {scores['declined']:.1%}, "
        f"out-of-scope declined {scores['oos_declined']:.1%}"
    )


if __name__ == "__main__":
    main()
