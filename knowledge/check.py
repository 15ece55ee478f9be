"""`python bot.py check-knowledge`: validate the knowledge base and report its coverage."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from knowledge.calibration import CALIBRATION_FILE, load_calibration
from knowledge.coverage import CoverageReport, measure_coverage
from knowledge.loader import (
    LEXICON_FILE,
    NORMS_DIR,
    SOURCE_FILE,
    KnowledgeError,
    load_knowledge,
    read_parts,
)

_GAP_PREVIEW = 60


def coverage_of(norms_dir: Path = NORMS_DIR, source_file: Path = SOURCE_FILE) -> CoverageReport:
    parts, _ = read_parts(norms_dir)
    return measure_coverage(parts, source_file.read_text(encoding="utf-8"))


def run_check(
    out: TextIO,
    norms_dir: Path = NORMS_DIR,
    lexicon_file: Path = LEXICON_FILE,
    source_file: Path = SOURCE_FILE,
    calibration_file: Path = CALIBRATION_FILE,
) -> int:
    """Print problems, counts and coverage; exit status 0 only if valid and 100 % covered."""
    try:
        kb = load_knowledge(norms_dir, lexicon_file, source_file)
        load_calibration(calibration_file)
    except KnowledgeError as error:
        out.write(f"INVALID: {len(error.problems)} problem(s)\n")
        for problem in error.problems:
            out.write(f"  {problem}\n")
        return 1
    report = coverage_of(norms_dir, source_file)
    sections = sum(len(chapter.section_keys) for chapter in kb.chapters)
    out.write(
        f"valid: {len(kb.norms)} norms in {sections} parts, "
        f"{len(kb.deadline_rules)} deadline rules\n"
        f"coverage: {report.percent:.1f}% of the material "
        f"({report.covered_chars}/{report.content_chars} characters)\n"
    )
    for gap in report.gaps:
        preview = (
            gap.context if len(gap.context) <= _GAP_PREVIEW else gap.context[:_GAP_PREVIEW] + "…"
        )
        out.write(f"  not covered: {preview}\n")
    return 0 if report.complete else 1
