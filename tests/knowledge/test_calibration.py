"""The calibrated matcher settings are validated like the rest of the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.calibration import CALIBRATION_FILE, load_calibration
from knowledge.loader import KnowledgeError


def test_shipped_calibration_loads_with_thresholds_in_order() -> None:
    config = load_calibration()
    assert 0 < config.suggest_threshold <= config.answer_threshold < 1
    assert len(config.confidence_weights) == 4


def test_shipped_calibration_has_settings_for_the_sentence_encoder() -> None:
    lexical, semantic = load_calibration(), load_calibration(encoder=True)
    assert len(semantic.confidence_weights) == 6
    assert 0 < semantic.suggest_threshold <= semantic.answer_threshold < 1
    assert semantic.unknown_word_weight == lexical.unknown_word_weight


def test_out_of_range_threshold_is_reported_with_its_field(tmp_path: Path) -> None:
    broken = tmp_path / "calibration.yaml"
    broken.write_text(
        CALIBRATION_FILE.read_text(encoding="utf-8").replace(
            "\nanswer_threshold:", "\nanswer_threshold: 1.5\nold_answer_threshold:", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_calibration(broken)
    fields = {problem.field for problem in caught.value.problems}
    assert "answer_threshold" in fields
    assert "old_answer_threshold" in fields
