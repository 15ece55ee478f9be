"""Fits the matcher's confidence model and thresholds on data and writes
knowledge/calibration.yaml: for matching lexically, and with the sentence encoder. Never uses
the held-out sets (test, fresh, cs_test) nor the learning-curve weeks.

Calibration data: the dev questions of bench/eval/questions.yaml and the cs_dev questions of
bench/eval/code_switched.yaml (in scope and out of scope), the out-of-scope questions of
bench/eval/calibration_oos.yaml and those curators judged out of scope (knowledge/learned.yaml),
and the knowledge base's own example questions — learned ones included — asked in 5-fold
cross-validation (each fold's examples removed from the index before they are asked).

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
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np
import yaml

from bench.evaluation import EVAL_FILE, load_eval_sets
from knowledge.base import KnowledgeBase
from knowledge.calibration import CALIBRATION_FILE
from knowledge.encoder import SentenceEncoder, shared_encoder
from knowledge.matcher import (
    Evidence,
    MatcherConfig,
    NormMatcher,
    confidence_features,
    judge,
    ranking_score,
)
from knowledge.service import build_knowledge

CALIBRATION_OOS_FILE = EVAL_FILE.with_name("calibration_oos.yaml")
CODE_SWITCHED_FILE = EVAL_FILE.with_name("code_switched.yaml")
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
    encoder: SentenceEncoder | None = None,
) -> list[Example]:
    matcher = NormMatcher(kb, config, encoder)
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
        fold_matcher = NormMatcher(thinner, config, encoder)
        examples += [
            Example(frozenset({norm_id}), fold_matcher.gather(question))
            for norm_id, question in fold
        ]
    return examples


def best_features(config: MatcherConfig, evidence: Evidence) -> list[float] | None:
    """The confidence model's features of the best-ranked candidate (ranked as judge does)."""
    best = max(
        evidence.found,  # max keeps the first of equals, as judge's stable sort does
        key=lambda found: ranking_score(config, found),
        default=None,
    )
    if best is None:
        return None
    closest = max((found.semantic or 0.0 for found in evidence.found), default=0.0)
    return confidence_features(best, evidence.unknown_share, closest)


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
        confidence_weights=tuple(round(float(w), 4) for w in raw),
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
    forced_decline: np.ndarray  # a fact asked for, or like a question judged out of scope
    names_a_topic: np.ndarray  # never declined, at worst asked back


def judge_all(config: MatcherConfig, examples: list[Example]) -> Judged:
    best, lead, right, in_scope, forced, topic = [], [], [], [], [], []
    for example in examples:
        forced.append(example.evidence.forced_decline)
        topic.append(example.evidence.names_a_topic and bool(example.evidence.found))
        candidates = judge(config, example.evidence).candidates
        best.append(candidates[0].confidence if candidates else 0.0)
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        lead.append(candidates[0].score - runner_up if candidates else 0.0)
        in_scope.append(example.expected is not None)
        right.append(bool(candidates) and candidates[0].norm.id in (example.expected or ()))
    return Judged(
        np.array(best),
        np.array(lead),
        np.array(right),
        np.array(in_scope),
        np.array(forced),
        np.array(topic),
    )


def evaluate(judged: Judged, answer: float, margin: float, suggest: float) -> dict[str, float]:
    """The rates knowledge.matcher.decide() would give, for all examples at once."""
    answered = (judged.best >= answer) & (judged.lead >= margin)
    answered &= (judged.best >= suggest) & ~judged.forced_decline
    declined = ((judged.best < suggest) & ~judged.names_a_topic) | judged.forced_decline
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
WITH_ENCODER = (
    "semantic_share",
    "confidence_weights",
    "confidence_bias",
    "answer_threshold",
    "answer_margin",
    "suggest_threshold",
)
SEMANTIC_SHARES = (0.0, 0.05, 0.1, 0.15, 0.2)
Outcome = tuple[MatcherConfig, dict[str, float]]


def summary(scores: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.1%}" for name, value in scores.items())


def write_calibration(lexical: Outcome, semantic: Outcome | None, sizes: str) -> None:
    def values(config: MatcherConfig, names: tuple[str, ...]) -> dict[str, object]:
        chosen: dict[str, object] = {name: getattr(config, name) for name in names}
        chosen["confidence_weights"] = list(config.confidence_weights)
        return chosen

    document = values(lexical[0], CALIBRATED)
    header = (
        f"# Written by `python -m bench.calibrate` on {datetime.now(UTC).date().isoformat()}; "
        "do not edit by hand.\n"
        f"# Calibration data: {sizes}.\n"
        f"# Lexical, on it: {summary(lexical[1])}.\n"
    )
    if semantic is not None:
        document["with_encoder"] = values(semantic[0], WITH_ENCODER)
        header += f"# With the sentence encoder, on it: {summary(semantic[1])}.\n"
    CALIBRATION_FILE.write_text(header + yaml.safe_dump(document, sort_keys=False), "utf-8")


def calibration_data(kb: KnowledgeBase) -> tuple[list[tuple[str, frozenset[str]]], list[str]]:
    """The tuning sets' questions (dev, cs_dev) and the out-of-scope calibration questions;
    never a held-out set."""
    sets = load_eval_sets(kb)
    sets.update(load_eval_sets(kb, CODE_SWITCHED_FILE))
    tuning = [sets["dev"], sets["cs_dev"]]
    extra = yaml.safe_load(CALIBRATION_OOS_FILE.read_text(encoding="utf-8"))["out_of_scope"]
    out_of_scope = [q for eval_set in tuning for q in eval_set.out_of_scope]
    out_of_scope += [str(question) for question in extra]
    out_of_scope += kb.out_of_scope  # what curators judged out of scope (knowledge/learned.yaml)
    in_scope = [(item.question, item.norm_ids) for s in tuning for item in s.in_scope]
    return in_scope, out_of_scope


def fit(
    kb: KnowledgeBase,
    in_scope: list[tuple[str, frozenset[str]]],
    out_of_scope: list[str],
    encoder: SentenceEncoder | None,
) -> Outcome | None:
    """The best weighting of unknown words, confidence model and thresholds (and with an
    encoder, the cosine's share of the ranking)."""
    chosen: Outcome | None = None
    shares = SEMANTIC_SHARES if encoder is not None else (0.0,)
    for unknown_weight, minimum_weight in itertools.product((3.0, 4.0, 6.0), (4.0, 8.0)):
        weighting = replace(
            MatcherConfig(),
            unknown_word_weight=unknown_weight,
            minimum_question_weight=minimum_weight,
        )
        examples = gather_all(kb, weighting, in_scope, out_of_scope, encoder)
        for share in shares:
            fitted = fit_confidence(replace(weighting, semantic_share=share), examples)
            outcome = choose_thresholds(fitted, examples)
            print(
                f"unknown words {unknown_weight}, minimum weight {minimum_weight}, "
                f"semantic share {share}: {summary(outcome[1]) if outcome else 'none'}"
            )
            if outcome and (chosen is None or utility(outcome[1]) > utility(chosen[1])):
                chosen = outcome
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--lexical-only", action="store_true", help="fit without the sentence encoder only"
    )
    arguments = parser.parse_args()
    kb = build_knowledge(encoder=False).kb
    in_scope, out_of_scope = calibration_data(kb)
    examples_count = sum(len(norm.questions) for norm in kb.norms)
    sizes = (
        f"{len(in_scope)} tuning questions (dev, cs_dev), {examples_count} example questions "
        f"(5-fold), {len(out_of_scope)} out-of-scope questions"
    )
    print(f"calibration data: {sizes}")
    print("\nlexical:")
    lexical = fit(kb, in_scope, out_of_scope, None)
    if lexical is None:
        print("no setting meets the constraints; calibration unchanged")
        return
    semantic = None
    encoder = None if arguments.lexical_only else shared_encoder()
    if encoder is not None:
        print("\nwith the sentence encoder:")
        semantic = fit(kb, in_scope, out_of_scope, encoder)
    print(f"\nchosen, lexical: {summary(lexical[1])}")
    for name in CALIBRATED:
        print(f"  {name} = {getattr(lexical[0], name)}")
    if semantic is not None:
        print(f"chosen, with the encoder: {summary(semantic[1])}")
        for name in WITH_ENCODER:
            print(f"  {name} = {getattr(semantic[0], name)}")
    if not arguments.dry_run:
        write_calibration(lexical, semantic, sizes)
        print(f"written to {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
