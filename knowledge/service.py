"""The knowledge base the bot is serving now, swapped atomically on a successful reload."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.base import KnowledgeBase
from knowledge.calibration import load_calibration
from knowledge.loader import KnowledgeError, load_knowledge
from knowledge.matcher import MatcherConfig, MatchResult, NormMatcher
from knowledge.segment import initialize_segmenter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Knowledge:
    """One consistent snapshot: the norms and the index built over them."""

    kb: KnowledgeBase
    matcher: NormMatcher

    def match(self, question: str) -> MatchResult:
        return self.matcher.match(question)


def build_knowledge(
    loader: Callable[[], KnowledgeBase] = load_knowledge,
    calibration: Callable[[], MatcherConfig] = load_calibration,
) -> Knowledge:
    """Load, validate and index; raises KnowledgeError when the files are invalid."""
    initialize_segmenter()
    kb = loader()
    return Knowledge(kb, NormMatcher(kb, calibration()))


@dataclass(frozen=True)
class ReloadOutcome:
    ok: bool
    norm_count: int
    error: KnowledgeError | None = None


class KnowledgeService:
    """Serves the current snapshot; a reload that fails validation leaves it untouched."""

    def __init__(
        self,
        loader: Callable[[], KnowledgeBase] = load_knowledge,
        knowledge: Knowledge | None = None,
    ) -> None:
        self._loader = loader
        self._current = knowledge or build_knowledge(loader)

    @property
    def current(self) -> Knowledge:
        return self._current

    def reload(self) -> ReloadOutcome:
        try:
            fresh = build_knowledge(self._loader)
        except KnowledgeError as error:
            logger.warning("knowledge reload rejected: %d problem(s)", len(error.problems))
            return ReloadOutcome(False, len(self._current.kb.norms), error)
        self._current = fresh
        logger.info("knowledge reloaded: %d norms", len(fresh.kb.norms))
        return ReloadOutcome(True, len(fresh.kb.norms))
