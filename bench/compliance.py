"""Scores the compliance notes (paperwork/compliance.py) on field notes written by people who
had not seen the detector. Targets (issue 17): innocent notes flagged ≤ 5 %, risky notes caught
≥ 75 %.

    python -m bench.compliance                 # compliance_notes.yaml (the first set)
    python -m bench.compliance --set dev       # compliance_dev.yaml
    python -m bench.compliance --set test      # compliance_test.yaml
    python -m bench.compliance --set test2     # compliance_test2.yaml (session 7's writer)
    python -m bench.compliance --set all       # each of the four, one after another
    python -m bench.compliance --set test3     # compliance_test3.yaml: held out, scored once
    python -m bench.compliance -v              # and every note it got wrong

The four tuning sets have all been tuned on by now: test2 was held out, scored once after the
rules were rewritten (PROGRESS.md has the figures), and then tuned on. Only a set from a new
writer, scored once, says how the detector does on phrasing it has not seen: test3, written in
session 7 and scored once after the second round of rules.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from paperwork.compliance import KINDS, cautions_for

EVAL_DIR = Path(__file__).resolve().parent / "eval"
SETS = {
    "first": EVAL_DIR / "compliance_notes.yaml",
    "dev": EVAL_DIR / "compliance_dev.yaml",
    "test": EVAL_DIR / "compliance_test.yaml",
    "test2": EVAL_DIR / "compliance_test2.yaml",
}
HELD_OUT = {"test3": EVAL_DIR / "compliance_test3.yaml"}


def report(notes: list[dict[str, str]], *, verbose: bool) -> list[str]:
    """The scores of one set of notes as printable lines (and its misses when verbose)."""
    innocent = flagged = risky = caught = caught_right = 0
    per_kind: Counter[str] = Counter()
    per_kind_caught: Counter[str] = Counter()
    misses = []
    for note in notes:
        found = [caution.kind for caution in cautions_for(note["text"])]
        expected = note["expect"]
        if expected == "none":
            innocent += 1
            flagged += bool(found)
            if found:
                misses.append(f"flagged {found}: {note['text']}")
            continue
        risky += 1
        per_kind[expected] += 1
        caught += bool(found)
        caught_right += expected in found
        per_kind_caught[expected] += expected in found
        if expected not in found:
            misses.append(f"missed {expected} (got {found}): {note['text']}")
    lines = [
        f"field notes: {len(notes)} ({innocent} innocent, {risky} risky)",
        f"innocent notes flagged: {flagged / innocent:.1%} ({flagged})",
        f"risky notes caught with their caution: {caught_right / risky:.1%} ({caught_right})",
        f"risky notes given any caution: {caught / risky:.1%} ({caught})",
        *(f"  {kind}: {per_kind_caught[kind]}/{per_kind[kind]}" for kind in KINDS),
    ]
    return lines + misses if verbose else lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="first", choices=[*SETS, *HELD_OUT, "all"])
    parser.add_argument("-v", "--verbose", action="store_true")
    arguments = parser.parse_args()
    names = list(SETS) if arguments.set == "all" else [arguments.set]
    for name in names:
        notes = yaml.safe_load({**SETS, **HELD_OUT}[name].read_text(encoding="utf-8"))["notes"]
        if len(names) > 1:
            print(f"== {name}")
        print("\n".join(report(notes, verbose=arguments.verbose)))


if __name__ == "__main__":
    main()
