"""Prints answer latency (text in → reply text out, in process), start-up time, the running
bot's resident memory and the sentence encoder's install size.

    python -m bench.speed                 # real knowledge base + 10,000 synthetic norms
    python -m bench.speed --synthetic 0   # real knowledge base only
    python -m bench.speed --lexical       # without the sentence encoder

Targets: median < 2 ms and p99 < 5 ms on the real base (issue 12); p99 < 50 ms with 10,000
norms; start-up (knowledge load, validation, index build) about 2 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench.evaluation import load_eval_sets
from handlers.ask import respond_to_question
from knowledge.base import KnowledgeBase
from knowledge.encoder import MODEL_ENV
from knowledge.matcher import NormMatcher
from knowledge.model import Chapter, Section
from knowledge.service import Knowledge, build_knowledge
from storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)

STARTUP_SNIPPET = """
import time
started = time.perf_counter()
from knowledge.service import build_knowledge
imported = time.perf_counter()
knowledge = build_knowledge()
built = time.perf_counter()
print(f"{imported - started:.3f} {built - imported:.3f} {len(knowledge.kb.norms)}")
"""
PACKAGES = ("onnxruntime", "onnxruntime_extensions", "sentence_encoder_model")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def time_answers(knowledge: Knowledge, questions: list[str], rounds: int) -> list[float]:
    """Milliseconds per question for the whole reply, unanswered-question recording included."""
    store = Store(":memory:")
    samples = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            respond_to_question(knowledge, store.unanswered, question, user_id=1, now=NOW)
            samples.append((time.perf_counter() - started) * 1000)
    store.close()
    return samples


def synthetic_base(real: KnowledgeBase, size: int, seed: int = 7) -> KnowledgeBase:
    """`size` norms recombined from the real ones, so vocabulary and lengths stay realistic."""
    rng = random.Random(seed)
    sources = list(real.norms)
    norms = []
    for index in range(size):
        first, second = rng.sample(sources, 2)
        questions = rng.sample(first.questions + second.questions, 5)
        norms.append(
            replace(
                first,
                id=f"9.{index // 100}-{index % 100:02d}",
                section_key="synthetic",
                title=f"{first.title}·{index}",
                text=first.text + second.text,
                questions=tuple(questions),
                keywords=first.keywords + second.keywords[:2],
                related=(),
                deadlines=(),
            )
        )
    norms.extend(sources)
    section = Section("synthetic", 9, "合成", "9.1", "合成", tuple(norm.id for norm in norms))
    return KnowledgeBase(
        norms, [*real.chapters, Chapter(9, "合成", ("synthetic",))], [section], real.lexicon
    )


def report(label: str, samples: list[float]) -> None:
    print(
        f"{label}: n={len(samples)}  median {statistics.median(samples):.3f} ms  "
        f"p99 {percentile(samples, 0.99):.3f} ms  max {max(samples):.3f} ms"
    )


def bot_resident_memory(environment: dict[str, str]) -> float:
    """Peak resident memory (MiB) of `bot.py console` answering a few questions."""
    with tempfile.TemporaryDirectory() as directory:
        questions = "\n".join(["感谢函几天", "tender现场要带啥", "客户来电我在开meeting怎么办"])
        subprocess.run(
            [sys.executable, "bot.py", "console"],
            cwd=ROOT,
            input=questions + "\n",
            capture_output=True,
            text=True,
            check=True,
            env={**environment, "BOT_DB": str(Path(directory) / "bot.db")},
        )
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def install_size() -> str:
    """Disk taken by the sentence encoder's packages."""
    sizes = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            sizes.append(f"{name} not installed")
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        total = sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())
        sizes.append(f"{name} {total / 2**20:.0f} MiB")
    return ", ".join(sizes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--lexical", action="store_true", help="without the sentence encoder")
    arguments = parser.parse_args()
    environment = dict(os.environ)
    if arguments.lexical:
        environment[MODEL_ENV] = "off"
        os.environ[MODEL_ENV] = "off"

    startup = subprocess.run(
        [sys.executable, "-c", STARTUP_SNIPPET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    imports, build, count = startup.stdout.split()
    print(
        f"start-up: imports {float(imports):.3f} s + knowledge load, validation and index "
        f"build {float(build):.3f} s = {float(imports) + float(build):.3f} s ({count} norms)"
    )

    print(
        "resident memory of bot.py (console, 3 questions): "
        f"{bot_resident_memory(environment):.0f} MiB"
    )
    print(f"sentence encoder install size: {install_size()}")
    knowledge = build_knowledge()
    print(f"sentence encoder: {'on' if knowledge.matcher.encoder else 'off'}")
    sets = load_eval_sets(knowledge.kb)
    questions = [
        q for s in sets.values() for q in [i.question for i in s.in_scope] + list(s.out_of_scope)
    ]
    time_answers(knowledge, questions, 1)  # warm caches
    label = f"real base ({len(knowledge.kb.norms)} norms, {len(questions)} questions"
    report(f"{label} × {arguments.rounds})", time_answers(knowledge, questions, arguments.rounds))

    if arguments.synthetic:
        base = synthetic_base(knowledge.kb, arguments.synthetic)
        started = time.perf_counter()
        matcher = NormMatcher(base, knowledge.matcher.config, knowledge.matcher.encoder)
        print(f"synthetic index build: {time.perf_counter() - started:.2f} s")
        big = Knowledge(base, matcher)
        rounds = max(1, arguments.rounds // 4)
        report(
            f"synthetic base ({len(base.norms)} norms, {len(questions)} questions × {rounds})",
            time_answers(big, questions, rounds),
        )


if __name__ == "__main__":
    main()
