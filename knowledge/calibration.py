"""Reads the matcher's calibrated weights and thresholds (knowledge/calibration.yaml)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from knowledge.loader import (
    KNOWLEDGE_DIR,
    KnowledgeError,
    Problem,
    display_path,
    read_yaml_mapping,
)
from knowledge.matcher import MatcherConfig
from knowledge.schema import CalibrationSchema

CALIBRATION_FILE = KNOWLEDGE_DIR / "calibration.yaml"


def load_calibration(path: Path = CALIBRATION_FILE) -> MatcherConfig:
    """The default MatcherConfig with the calibrated values; KnowledgeError if invalid."""
    problems: list[Problem] = []
    data = read_yaml_mapping(path, problems)
    if data is not None:
        try:
            calibrated = CalibrationSchema.model_validate(data)
        except ValidationError as error:
            problems.extend(
                Problem(
                    display_path(path),
                    None,
                    ".".join(str(p) for p in detail["loc"]),
                    detail["msg"],
                )
                for detail in error.errors()
            )
        else:
            return replace(MatcherConfig(), **calibrated.model_dump())
    raise KnowledgeError(problems)
