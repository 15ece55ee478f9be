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


def load_calibration(path: Path = CALIBRATION_FILE, *, encoder: bool = False) -> MatcherConfig:
    """The default MatcherConfig with the calibrated values for matching lexically, or with
    the sentence encoder when `encoder` (and the file has them); KnowledgeError if invalid."""
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
            values = calibrated.model_dump(exclude={"with_encoder"})
            if encoder and calibrated.with_encoder is not None:
                values.update(calibrated.with_encoder.model_dump())
            return replace(MatcherConfig(), **values)
    raise KnowledgeError(problems)
