"""Fits the matcher's confidence model and thresholds on data and writes
knowledge/calibration.yaml. Never uses the held-out sets (test, fresh).

Calibration data: the dev questions of bench/eval/questions.yaml (in scope and out of scope),
the out-of-scope questions of bench/eval/calibration_oos.yaml, and the knowledge base's own
example questions asked in 5-fold cross-validation (each fold's examples removed from the index
before they are asked).

For each weighting of unknown words, a logistic regression (balanced classes, L2) learns how
likely a question is in scope from its best-ranked candidate's features. Then the thresholds:
the most questions answered with the right norm, each wrong answer counting against three
right ones (when two norms are close, asking back costs the user a tap; a confident wrong
answer misleads), subject to the issue's targets: out-of-scope declined >= 95 %, in-scope
declined <= 3 %.

    python -m bench.calibrate            # fit, print, write knowledge/calibration.yaml
    python -m bench.calibrate --dry-run  # fit and print only
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np
import yaml

from bench.evaluation import EVAL_FILE, load_eval_sets
from knowledge.base import KnowledgeBase
from knowledge.calibration import CALIBRATION_FILE
from knowledge.matcher import Evidence, MatcherConfig, NormMatcher, judge
from knowledge.service import build_knowledge

CALIBRATION_OOS_FILE = EVAL_FILE.with_name("calibration_oos.yaml")
FOLDS = 5
MIN_OOS_DECLINED = 0.95
MAX_IN_SCOPE_DECLINED = 0.03
WRONG_ANSWER_COST = 3.0
L2 = 1e-3


@dataclass(frozen=True)
class Example:
    expected: frozenset[str] | None  # None: out of scope
    evidence: Evidence


def folds_of_examples(kb: KnowledgeBase, seed: int = 11) -> list[list[tuple[str, str]]]:
    pairs = [(norm.id, question) for norm in kb.norms for question in norm.questions]
    random.Random(seed).shuffle(pairs)
    return [pairs[i::FOLDS] for i in range(FOLDS)]


def gather_all(
    kb: KnowledgeBase,
    config: MatcherConfig,
    in_scope: list[tuple[str, frozenset[str]]],
    out_of_scope: list[str],
) -> list[Example]:
    matcher = NormMatcher(kb, config)
    examples = [Example(ids, matcher.gather(question)) for question, ids in in_scope]
    examples += [Example(None, matcher.gather(question)) for question in out_of_scope]
    for fold in folds_of_examples(kb):
        held_out = set(fold)
        thinner = kb.with_norms(
            replace(
                norm, questions=tuple(q for q in norm.questions if (norm.id, q) not in held_out)
            )
            for norm in kb.norms
        )
        fold_matcher = NormMatcher(thinner, config)
        examples += [
            Example(frozenset({norm_id}), fold_matcher.gather(question))
            for norm_id, question in fold
        ]
    return examples


def best_features(config: MatcherConfig, evidence: Evidence) -> list[float] | None:
    best = judge(config, evidence).best
    if best is None:
        return None
    return [best.lexical, best.fuzzy, math.log1p(best.matched), evidence.unknown_share]


def fit_confidence(config: MatcherConfig, examples: list[Example]) -> MatcherConfig:
    """Logistic regression of 'in scope' on the best-ranked candidate's features."""
    rows = [(best_features(config, e.evidence), e.expected is not None) for e in examples]
    usable = [(features, label) for features, label in rows if features is not None]
    x = np.array([features for features, _ in usable])
    y = np.array([1.0 if label else 0.0 for _, label in usable])
    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / spread
    class_weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    weights, bias = np.zeros(z.shape[1]), 0.0
    for _ in range(4000):
        predicted = 1 / (1 + np.exp(-(z @ weights + bias)))
        gradient = (predicted - y) * class_weight
        weights -= 0.2 * (z.T @ gradient / len(y) + L2 * weights)
        bias -= 0.2 * gradient.mean()
    raw = weights / spread  # back to unstandardised features
    return replace(
        config,
        confidence_weights=tuple(round(float(w), 4) for w in raw),  # type: ignore[arg-type]
        confidence_bias=round(float(bias - (raw * mean).sum()), 4),
    )


@dataclass(frozen=True)
class Judged:
    """Per example, what the thresholds act on: the best's confidence, its ranking-score lead
    over the runner-up, and whether the best is an expected norm."""

    best: np.ndarray
    lead: np.ndarray
    best_is_right: np.ndarray
    in_scope: np.ndarray


def judge_all(config: MatcherConfig, examples: list[Example]) -> Judged:
    best, lead, right, in_scope = [], [], [], []
    for example in examples:
        candidates = judge(config, example.evidence).candidates
        best.append(candidates[0].confidence if candidates else 0.0)
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        lead.append(candidates[0].score - runner_up if candidates else 0.0)
        in_scope.append(example.expected is not None)
        right.append(bool(candidates) and candidates[0].norm.id in (example.expected or ()))
    return Judged(np.array(best), np.array(lead), np.array(right), np.array(in_scope))


def evaluate(judged: Judged, answer: float, margin: float, suggest: float) -> dict[str, float]:
    """The rates knowledge.matcher.decide() would give, for all examples at once."""
    answered = (judged.best >= answer) & (judged.lead >= margin)
    answered &= judged.best >= suggest
    declined = judged.best < suggest
    inside, outside = judged.in_scope, ~judged.in_scope
    return {
        "answered_right": float((answered & judged.best_is_right)[inside].mean()),
        "ranked_first": float(judged.best_is_right[inside].mean()),
        "wrong": float((answered & ~judged.best_is_right)[inside].mean()),
        "declined": float(declined[inside].mean()),
        "oos_declined": float(declined[outside].mean()),
    }


def utility(scores: dict[str, float]) -> float:
    return scores["answered_right"] - WRONG_ANSWER_COST * scores["wrong"]


def choose_thresholds(
    config: MatcherConfig, examples: list[Example]
) -> tuple[MatcherConfig, dict[str, float]] | None:
    judged = judge_all(config, examples)
    best: tuple[MatcherConfig, dict[str, float]] | None = None
    for answer, margin, suggest in itertools.product(
        [x / 100 for x in range(30, 96, 3)],
        [x / 100 for x in range(0, 31, 2)],
        [x / 100 for x in range(5, 91)],
    ):
        if suggest > answer:
            continue
        scores = evaluate(judged, answer, margin, suggest)
        if (
            scores["oos_declined"] >= MIN_OOS_DECLINED
            and scores["declined"] <= MAX_IN_SCOPE_DECLINED
            and (best is None or utility(scores) > utility(best[1]))
        ):
            chosen = replace(
                config, answer_threshold=answer, answer_margin=margin, suggest_threshold=suggest
            )
            best = (chosen, scores)
    return best


CALIBRATED = (
    "unknown_word_weight",
    "minimum_question_weight",
    "confidence_weights",
    "confidence_bias",
    "answer_threshold",
    "answer_margin",
    "suggest_threshold",
)


def write_calibration(config: MatcherConfig, scores: dict[str, float], sizes: str) -> None:
    values = {name: getattr(config, name) for name in CALIBRATED}
    values["confidence_weights"] = list(values["confidence_weights"])
    header = (
        f"# Written by `python -m bench.calibrate` on {datetime.now(UTC).date().isoformat()}; "
        "do not edit by hand.\n"
        f"# Calibration data: {sizes}.\n"
        f"# On it: answered right {scores['answered_right']:.1%}, ranked first "
        f"{scores['ranked_first']:.1%}, answered wrong {scores['wrong']:.1%}, in-scope declined "
        f"{scores['declined']:.1%}, out-of-scope declined {scores['oos_declined']:.1%}.\n"
    )
    CALIBRATION_FILE.write_text(header + yaml.safe_dump(values, sort_keys=False), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    arguments = parser.parse_args()
    kb = build_knowledge().kb
    dev = load_eval_sets(kb)["dev"]
    extra = yaml.safe_load(CALIBRATION_OOS_FILE.read_text(encoding="utf-8"))["out_of_scope"]
    out_of_scope = [*dev.out_of_scope, *(str(question) for question in extra)]
    in_scope = [(item.question, item.norm_ids) for item in dev.in_scope]
    examples_count = sum(len(norm.questions) for norm in kb.norms)
    sizes = (
        f"{len(in_scope)} dev questions, {examples_count} example questions (5-fold), "
        f"{len(out_of_scope)} out-of-scope questions"
    )
    print(f"calibration data: {sizes}")

    chosen: tuple[MatcherConfig, dict[str, float]] | None = None
    for unknown_weight, minimum_weight in itertools.product((3.0, 4.0, 6.0), (4.0, 8.0)):
        weighting = replace(
            MatcherConfig(),
            unknown_word_weight=unknown_weight,
            minimum_question_weight=minimum_weight,
        )
        examples = gather_all(kb, weighting, in_scope, out_of_scope)
        fitted = fit_confidence(weighting, examples)
        outcome = choose_thresholds(fitted, examples)
        summary = ", ".join(f"{k} {v:.1%}" for k, v in outcome[1].items()) if outcome else "none"
        print(f"unknown words {unknown_weight}, minimum weight {minimum_weight}: {summary}")
        if outcome and (chosen is None or utility(outcome[1]) > utility(chosen[1])):
            chosen = outcome
    if chosen is None:
        print("no setting meets the constraints; calibration unchanged")
        return
    config, scores = chosen
    print("\nchosen:")
    for name in CALIBRATED:
        print(f"  {name} = {getattr(config, name)}")
    if not arguments.dry_run:
        write_calibration(config, scores, sizes)
        print(f"written to {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
