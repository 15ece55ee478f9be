"""Curators' decisions, the one code path for /review and the learning-curve bench: each
decision is stored (audited, undoable) and the knowledge base relearns at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from knowledge.learned import Learned, synonym_problem
from knowledge.service import KnowledgeService
from learning.review import ReviewGroup, group_questions
from storage.review import (
    IGNORED,
    OUT_OF_SCOPE,
    TAUGHT_QUESTION,
    TAUGHT_SYNONYM,
    DecisionKind,
    ReviewDecision,
)
from storage.store import Store
from timekeeping.clock import Clock


class Refusal(Enum):
    GROUP_GONE = "group_gone"  # decided by someone else, or the button is stale
    NORM_GONE = "norm_gone"  # the norm is no longer in the knowledge base
    BAD_SYNONYM = "bad_synonym"  # see Decided.reason
    NOT_UNDOABLE = "not_undoable"  # no such decision, or undone already


@dataclass(frozen=True)
class Decided:
    decision: ReviewDecision | None
    refusal: Refusal | None = None
    reason: str | None = None  # why a synonym was refused, for the curator

    @property
    def teaches(self) -> bool:
        """Whether the knowledge base must relearn for the decision to take effect."""
        return self.decision is not None and self.decision.kind != IGNORED


def learned_from(decisions: Iterable[ReviewDecision]) -> Learned:
    """What the decisions in force teach the knowledge base."""
    questions: list[tuple[str, str]] = []
    synonyms: list[tuple[str, str]] = []
    out_of_scope: list[str] = []
    for decision in decisions:
        if not decision.active:
            continue
        if decision.kind == TAUGHT_QUESTION and decision.norm_id:
            questions += [(decision.norm_id, question) for question in decision.questions]
        elif decision.kind == TAUGHT_SYNONYM and decision.variant and decision.term:
            synonyms.append((decision.variant, decision.term))
        elif decision.kind == OUT_OF_SCOPE:
            out_of_scope += decision.questions
    return Learned(tuple(questions), tuple(synonyms), tuple(out_of_scope))


class Curation:
    """Decisions over the review queue. Callers check that the actor is a curator or an
    administrator (access/policy.py); this never shows who asked.

    Each decision is stored at once and the knowledge base relearns before the call returns;
    with relearn_now=False (the bot, which rebuilds off the event loop) the caller does that
    with snapshot() and the knowledge service's relearn()."""

    def __init__(
        self,
        store: Store,
        knowledge: KnowledgeService,
        clock: Clock,
        *,
        relearn_now: bool = True,
    ) -> None:
        self._store = store
        self._knowledge = knowledge
        self._clock = clock
        self._relearn_now = relearn_now

    def groups(self) -> list[ReviewGroup]:
        return group_questions(self._store.unanswered.awaiting_review())

    def group(self, key: int) -> ReviewGroup | None:
        return next((group for group in self.groups() if group.key == key), None)

    def assign(self, key: int, norm_id: str, actor_id: int) -> Decided:
        """归入: the group's questions become example questions of the norm."""
        if self._knowledge.current.kb.norm(norm_id) is None:
            return Decided(None, Refusal.NORM_GONE)
        return self._decide(key, TAUGHT_QUESTION, actor_id, norm_id=norm_id)

    def teach_synonym(
        self, variant: str, term: str, actor_id: int, key: int | None = None
    ) -> Decided:
        """同义词: a word people type stands for a term of the material from now on; with a
        group, the decision covers its questions as well."""
        variant, term = variant.strip(), term.strip()
        problem = synonym_problem(self._knowledge.current.kb, variant, term)
        if problem is not None:
            return Decided(None, Refusal.BAD_SYNONYM, problem)
        if key is None:
            decision = self._store.review.decide(
                kind=TAUGHT_SYNONYM,
                question_ids=(),
                questions=(),
                actor_id=actor_id,
                at=self._clock(),
                variant=variant,
                term=term,
            )
            return self._taken(
                Decided(decision) if decision else Decided(None, Refusal.GROUP_GONE)
            )
        return self._decide(key, TAUGHT_SYNONYM, actor_id, variant=variant, term=term)

    def out_of_scope(self, key: int, actor_id: int) -> Decided:
        """范围外: these and similar questions are declined from now on."""
        return self._decide(key, OUT_OF_SCOPE, actor_id)

    def ignore(self, key: int, actor_id: int) -> Decided:
        """忽略: off the queue, nothing learned."""
        return self._decide(key, IGNORED, actor_id)

    def undo(self, decision_id: int, actor_id: int) -> Decided:
        decision = self._store.review.undo(decision_id, actor_id=actor_id, at=self._clock())
        if decision is None:
            return Decided(None, Refusal.NOT_UNDOABLE)
        return self._taken(Decided(decision))

    def _decide(
        self,
        key: int,
        kind: DecisionKind,
        actor_id: int,
        *,
        norm_id: str | None = None,
        variant: str | None = None,
        term: str | None = None,
    ) -> Decided:
        group = self.group(key)
        if group is None:
            return Decided(None, Refusal.GROUP_GONE)
        decision = self._store.review.decide(
            kind=kind,
            question_ids=group.ids,
            questions=group.texts,
            actor_id=actor_id,
            at=self._clock(),
            norm_id=norm_id,
            variant=variant,
            term=term,
        )
        if decision is None:
            return Decided(None, Refusal.GROUP_GONE)
        return self._taken(Decided(decision))

    def _taken(self, decided: Decided) -> Decided:
        if decided.teaches and self._relearn_now:
            self.relearn()
        return decided

    def learned(self) -> Learned:
        return learned_from(self._store.review.active())

    def snapshot(self) -> tuple[Learned, int]:
        """What the decisions in force teach, with the knowledge service's ticket."""
        return self.learned(), self._knowledge.ticket()

    def relearn(self) -> None:
        """Apply the decisions in force now (in this thread)."""
        self._knowledge.relearn(*self.snapshot())
