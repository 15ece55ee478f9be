"""The YAML schema of knowledge-base files, validated field by field with pydantic."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]

NORM_ID_PATTERN = r"^(\d+(\.\d+)*|ch\d+)-\d{2}$"
SECTION_PATTERN = r"^\d+(\.\d+)+$"

DeadlineSubject = Literal[
    "visit",
    "formal_visit",
    "customer_letter",
    "bid",
    "customer_request",
    "commitment",
    "customer",
    "phone_call",
]
DeadlineAnchor = Literal["start", "end", "received", "made", "ring", "always"]
# due_within: done within `amount` after the anchor; at_least_before: done at least `amount`
# before it; before / after: no amount given by the material (e.g. "及时"); every: recurring;
# beyond: a rule that applies once `amount` is exceeded (apologise after five rings).
DeadlineRelation = Literal["due_within", "at_least_before", "before", "after", "every", "beyond"]
DeadlineUnit = Literal["rings", "minutes", "hours", "days", "working_days", "months"]

_NEEDS_AMOUNT = {"due_within", "at_least_before", "beyond"}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DeadlineRuleSchema(_Strict):
    """A deadline or time rule of the material, in a form the reminder work can compute with."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    subject: DeadlineSubject
    anchor: DeadlineAnchor
    relation: DeadlineRelation
    amount: Annotated[int, Field(gt=0)] | None = None
    unit: DeadlineUnit | None = None
    quote: NonEmptyText

    @model_validator(mode="after")
    def _amount_and_unit_go_together(self) -> DeadlineRuleSchema:
        if self.relation in _NEEDS_AMOUNT and self.amount is None:
            raise ValueError(f"relation '{self.relation}' needs an amount")
        if (self.amount is None) != (self.unit is None):
            raise ValueError("amount and unit must be given together")
        return self


class NormSchema(_Strict):
    """One atomic norm: one thing a person would ask about."""

    id: Annotated[str, StringConstraints(pattern=NORM_ID_PATTERN)]
    heading: NonEmptyText | None = None
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=24)]
    text: NonEmptyText
    questions: Annotated[list[Phrase], Field(min_length=3)]
    keywords: Annotated[list[Phrase], Field(min_length=1)]
    synonyms: dict[Phrase, list[Phrase]] = Field(default_factory=dict)
    related: list[Annotated[str, StringConstraints(pattern=NORM_ID_PATTERN)]] = Field(
        default_factory=list
    )
    deadlines: list[DeadlineRuleSchema] = Field(default_factory=list)
    status: Literal["full", "outline"] = "full"


class SkippedTextSchema(_Strict):
    """Source text deliberately not made a norm; [brackets] mark the skipped part in context."""

    text: NonEmptyText
    reason: NonEmptyText


class KnowledgePartSchema(_Strict):
    """One YAML file: one part of the material (a section, or a chapter's own slides)."""

    chapter: Annotated[int, Field(ge=1)]
    chapter_title: NonEmptyText
    section: Annotated[str, StringConstraints(pattern=SECTION_PATTERN)] | None = None
    section_title: NonEmptyText | None = None
    norms: Annotated[list[NormSchema], Field(min_length=1)]
    skipped: list[SkippedTextSchema] = Field(default_factory=list)

    @model_validator(mode="after")
    def _section_has_title(self) -> KnowledgePartSchema:
        if (self.section is None) != (self.section_title is None):
            raise ValueError("section and section_title must be given together")
        return self


ForeignPhrase = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=60,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9' -]*[A-Za-z][A-Za-z0-9' -]*$|^[A-Za-z][A-Za-z0-9' -]*$",
    ),
]


class LexiconSchema(_Strict):
    """Knowledge-base-wide vocabulary: synonyms (material term → variants), English words and
    pinyin shorthand (material term → how managers type it), stopwords, and fact words — words
    that ask for a fact the material never gives (a price, a password)."""

    synonyms: dict[Phrase, list[Phrase]] = Field(default_factory=dict)
    mixed_language: dict[Phrase, list[ForeignPhrase]] = Field(default_factory=dict)
    stopwords: list[Phrase] = Field(default_factory=list)
    fact_words: list[Phrase] = Field(default_factory=list)


LearnedQuestion = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
]
NormId = Annotated[str, StringConstraints(pattern=NORM_ID_PATTERN)]


class LearnedSchema(_Strict):
    """knowledge/learned.yaml: what curators taught, exported from the bot for review."""

    questions: dict[NormId, list[LearnedQuestion]] = Field(default_factory=dict)
    synonyms: dict[Phrase, Phrase] = Field(default_factory=dict)
    out_of_scope: list[LearnedQuestion] = Field(default_factory=list)


Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class EncoderCalibrationSchema(_Strict):
    """The settings that replace the lexical ones when the sentence encoder is loaded."""

    semantic_share: Annotated[float, Field(ge=0.0, le=1.0)]
    confidence_weights: tuple[float, float, float, float, float, float]
    confidence_bias: float
    answer_threshold: Probability
    answer_margin: Annotated[float, Field(ge=0.0, le=1.0)]
    suggest_threshold: Probability


class CalibrationSchema(_Strict):
    """The matcher's fitted weights and thresholds, written by bench/calibrate.py: for
    matching lexically, and (with_encoder) with the sentence encoder's cosine as well."""

    unknown_word_weight: Annotated[float, Field(gt=0)]
    minimum_question_weight: Annotated[float, Field(ge=0)]
    confidence_weights: tuple[float, float, float, float]
    confidence_bias: float
    answer_threshold: Probability
    answer_margin: Annotated[float, Field(ge=0.0, le=1.0)]
    suggest_threshold: Probability
    with_encoder: EncoderCalibrationSchema | None = None
