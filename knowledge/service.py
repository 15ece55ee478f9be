"""The knowledge base the bot is serving now, swapped atomically on a successful reload or when
a curator's decision teaches it something."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.base import KnowledgeBase
from knowledge.calibration import load_calibration
from knowledge.encoder import SentenceEncoder, shared_encoder
from knowledge.learned import NOTHING_LEARNED, Learned, apply_learned
from knowledge.loader import KnowledgeError, load_knowledge
from knowledge.matcher import MatcherConfig, MatchResult, NormMatcher
from knowledge.segment import initialize_segmenter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Knowledge:
    """One consistent snapshot: the norms and the index built over them, and the knowledge
    base as the files give it (before what curators taught in chat)."""

    kb: KnowledgeBase
    matcher: NormMatcher
    files: KnowledgeBase | None = field(default=None, compare=False)

    @property
    def from_files(self) -> KnowledgeBase:
        return self.files or self.kb

    def match(self, question: str) -> MatchResult:
        return self.matcher.match(question)


def build_knowledge(
    loader: Callable[[], KnowledgeBase] = load_knowledge,
    calibration: Callable[..., MatcherConfig] = load_calibration,
    encoder: SentenceEncoder | bool | None = True,
    learned: Learned = NOTHING_LEARNED,
) -> Knowledge:
    """Load, validate and index; raises KnowledgeError when the files are invalid. The
    sentence encoder is the process's shared one unless given (False: none)."""
    initialize_segmenter()
    return index_knowledge(loader(), learned, calibration, encoder)


def index_knowledge(
    files: KnowledgeBase,
    learned: Learned = NOTHING_LEARNED,
    calibration: Callable[..., MatcherConfig] = load_calibration,
    encoder: SentenceEncoder | bool | None = True,
) -> Knowledge:
    """The matcher over the files' knowledge base with what was learned in chat added."""
    if encoder is True:
        encoder = shared_encoder()
    elif encoder is False:
        encoder = None
    config = calibration(encoder=encoder is not None)
    if encoder is not None and len(config.confidence_weights) != 6:
        logger.warning("the calibration has no settings for the sentence encoder: not using it")
        encoder = None
    kb = apply_learned(files, learned)
    return Knowledge(kb, NormMatcher(kb, config, encoder), files)


@dataclass(frozen=True)
class ReloadOutcome:
    ok: bool
    norm_count: int
    error: KnowledgeError | None = None


class KnowledgeService:
    """Serves the current snapshot; a reload that fails validation leaves it untouched.

    `learned` gives what curators taught in chat (from the database); relearn() applies it.
    The database is read on the event loop's thread and the index built in a worker thread:
    a caller takes a snapshot with a ticket, and a rebuild from an older snapshot than the one
    in force is skipped, so a slow rebuild never replaces a newer one.
    """

    def __init__(
        self,
        loader: Callable[[], KnowledgeBase] = load_knowledge,
        knowledge: Knowledge | None = None,
        learned: Callable[[], Learned] | None = None,
    ) -> None:
        self._loader = loader
        self._learned = learned or (lambda: NOTHING_LEARNED)
        self._rebuilding = threading.Lock()
        self._tickets = itertools.count(1)
        self._applied = 0
        self._current = knowledge or build_knowledge(loader, learned=self._learned())

    @property
    def current(self) -> Knowledge:
        return self._current

    def learn_from(self, learned: Callable[[], Learned]) -> None:
        """Take what is learned from here on (the database, once it is open) and apply it."""
        self._learned = learned
        if not learned().empty:
            self.relearn()

    def ticket(self) -> int:
        """Orders snapshots of what is learned: take one together with each snapshot."""
        return next(self._tickets)

    def snapshot(self) -> tuple[Learned, int]:
        """What is learned now, with its ticket. Call it where the learned source may be read
        (the database's thread)."""
        return self._learned(), self.ticket()

    def relearn(self, learned: Learned | None = None, ticket: int | None = None) -> Knowledge:
        """Rebuild the index with learned material (default: a snapshot taken now); the files
        are not re-read. A snapshot older than the one in force changes nothing."""
        if learned is None or ticket is None:
            learned, ticket = self.snapshot()
        with self._rebuilding:
            if ticket <= self._applied:
                return self._current
            current = self._current
            matcher = current.matcher
            self._current = index_knowledge(
                current.from_files,
                learned,
                lambda encoder: matcher.config,  # the calibration in force stays
                matcher.encoder or False,
            )
            self._applied = ticket
        logger.info("knowledge relearned: %d norms", len(self._current.kb.norms))
        return self._current

    def reload(self, learned: Learned | None = None) -> ReloadOutcome:
        """Read the files again (with `learned`, a snapshot from the database's thread)."""
        if learned is None:
            learned = self._learned()
        with self._rebuilding:
            try:
                fresh = build_knowledge(self._loader, learned=learned)
            except KnowledgeError as error:
                logger.warning("knowledge reload rejected: %d problem(s)", len(error.problems))
                return ReloadOutcome(False, len(self._current.kb.norms), error)
            self._current = fresh
        logger.info("knowledge reloaded: %d norms", len(fresh.kb.norms))
        return ReloadOutcome(True, len(fresh.kb.norms))
