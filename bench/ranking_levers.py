"""How much the matcher's ranking moves with its hand-set weights: the share of in-scope
questions whose expected norm ranks first, on the dev set and in 5-fold cross-validation over
the knowledge base's example questions (bench/calibrate.py's data), for a grid of field weights
and of the fuzzy score's share in the ranking. Never uses the held-out sets (test, fresh).

    python -m bench.ranking_levers   # about a minute
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from bench.calibrate import Example, gather_all
from bench.evaluation import load_eval_sets
from knowledge.calibration import load_calibration
from knowledge.matcher import MatcherConfig
from knowledge.service import build_knowledge

FIELD_WEIGHTS = {
    "title_weight": (1.0, 2.0, 3.0),
    "keyword_weight": (2.0, 3.0, 4.0),
    "question_weight": (1.0, 2.0),
    "text_weight": (0.5, 1.0),
}
FUZZY_SHARES = (0.1, 0.2, 0.3, 0.4, 0.5)


def ranked_first(examples: list[Example], fuzzy_share: float) -> float:
    """The share of in-scope examples whose best candidate, ranked as the matcher ranks with
    this fuzzy share, is an expected norm."""
    hits = []
    for example in examples:
        if example.expected is None:
            continue
        found = example.evidence.found
        best = max(
            found,
            key=lambda item: (1 - fuzzy_share) * item[1] + fuzzy_share * item[2],
            default=None,
        )
        hits.append(best is not None and best[0].id in example.expected)
    return sum(hits) / len(hits) if hits else 0.0


def main() -> None:
    kb = build_knowledge().kb
    dev = [(item.question, item.norm_ids) for item in load_eval_sets(kb)["dev"].in_scope]
    calibrated = load_calibration()
    current = MatcherConfig()
    print(
        f"ranked first, dev ({len(dev)}) / cross-validated examples; current weights: title "
        f"{current.title_weight}, keywords {current.keyword_weight}, questions "
        f"{current.question_weight}, text {current.text_weight}, fuzzy share {current.fuzzy_share}"
    )
    results = []
    for title, keyword, question, text in itertools.product(*FIELD_WEIGHTS.values()):
        weights = dict(zip(FIELD_WEIGHTS, (title, keyword, question, text), strict=True))
        config = replace(
            calibrated,
            title_weight=title,
            keyword_weight=keyword,
            question_weight=question,
            text_weight=text,
        )
        examples = gather_all(kb, config, dev, [])  # the dev questions, then the folds'
        dev_examples, cv_examples = examples[: len(dev)], examples[len(dev) :]
        for share in FUZZY_SHARES:
            scores = (ranked_first(dev_examples, share), ranked_first(cv_examples, share))
            results.append((scores, weights, share))
        cells = "  ".join(
            f"{share}: {dev_score:.1%}/{cv_score:.1%}"
            for (dev_score, cv_score), _, share in results[-len(FUZZY_SHARES) :]
        )
        print(" ".join(f"{name.split('_')[0]} {value}" for name, value in weights.items()), cells)
    dev_scores = [scores[0] for scores, _, _ in results]
    cv_scores = [scores[1] for scores, _, _ in results]
    print(
        f"\nrange over {len(results)} settings: dev {min(dev_scores):.1%}–{max(dev_scores):.1%}, "
        f"cross-validated {min(cv_scores):.1%}–{max(cv_scores):.1%}"
    )


if __name__ == "__main__":
    main()
