"""Every sentence of the material is in a norm or deliberately skipped."""

from __future__ import annotations

import io
from pathlib import Path

from knowledge.check import coverage_of, run_check
from knowledge.coverage import measure_coverage
from knowledge.loader import read_parts
from tests.knowledge.test_loader import VALID_PART, write_base


def test_the_real_knowledge_base_covers_the_whole_material() -> None:
    report = coverage_of()
    uncovered = [gap.context for gap in report.gaps]
    assert uncovered == []
    assert report.percent == 100.0


def test_check_command_reports_valid_and_complete() -> None:
    out = io.StringIO()
    assert run_check(out) == 0
    assert "coverage: 100.0%" in out.getvalue()


def test_uncovered_sentence_is_reported_as_a_gap(tmp_path: Path) -> None:
    norms, _, source = write_base(tmp_path, VALID_PART)
    source.write_text(source.read_text(encoding="utf-8") + "客户来电应先接听。", encoding="utf-8")
    parts, _ = read_parts(norms)
    report = measure_coverage(parts, source.read_text(encoding="utf-8"))
    assert [gap.text for gap in report.gaps][-1] == "客户来电应先接听"
    assert report.percent < 100


def test_bracketed_skip_covers_only_the_bracketed_part(tmp_path: Path) -> None:
    norms, _, source = write_base(tmp_path, VALID_PART)
    parts, _ = read_parts(norms)
    report = measure_coverage(parts, source.read_text(encoding="utf-8"))
    # "拜访客户规范—上门拜访" is a heading not skipped in this small base: only "10" is.
    assert [gap.text for gap in report.gaps] == ["拜访客户规范—上门拜访"]


def test_check_command_fails_on_invalid_base_with_located_problem(tmp_path: Path) -> None:
    norms, lexicon, source = write_base(
        tmp_path, VALID_PART.replace("    keywords: [提前5分钟]\n", "")
    )
    out = io.StringIO()
    assert run_check(out, norms, lexicon, source) == 1
    assert "INVALID" in out.getvalue()
    assert "field 'keywords'" in out.getvalue()
