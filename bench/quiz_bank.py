"""每日一练's question bank: how many questions of each kind the knowledge base yields, per norm,
how long generating them takes, and the mechanical checks' counts.

    python -m bench.quiz_bank
"""

from __future__ import annotations

import statistics
import time
from collections import Counter

from knowledge.loader import load_knowledge
from training.checks import CHECKS
from training.questions import KIND_LABELS, generate_questions


def main() -> None:
    kb = load_knowledge()
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        questions = generate_questions(kb)
        timings.append((time.perf_counter() - started) * 1000)
    kinds: Counter[str] = Counter(question.kind for question in questions)
    per_norm = Counter(question.norm_id for question in questions)
    counts = [per_norm[norm.id] for norm in kb.norms]
    print(f"questions: {len(questions)} from {len(kb.norms)} norms")
    for kind, label in KIND_LABELS.items():
        print(f"  {label} ({kind}): {kinds[kind]}")
    print(
        f"per norm: min {min(counts)}, median {statistics.median(counts)}, max {max(counts)}; "
        f"norms with none: {sum(count == 0 for count in counts)}"
    )
    print(f"generation of the whole base: median {statistics.median(timings):.1f} ms")
    print("mechanical checks (checked, failing):")
    for name, check in CHECKS.items():
        checked, failing = check(kb, questions)
        print(f"  {name}: {checked} checked, {len(failing)} failing {failing[:5]}")


if __name__ == "__main__":
    main()
