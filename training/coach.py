"""每日一练 without Telegram: start a round, ask its questions one by one, take each answer once
and move the norm's Leitner box, and say where a user or a team stands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.base import KnowledgeBase
from knowledge.model import Norm
from storage.practice import Practice, PracticeRound
from timekeeping.clock import Clock
from timekeeping.zone import local_date
from training.questions import QuizQuestion, questions_of
from training.repetition import after_answer, mastery, streak
from training.rounds import compose_round, focus_norms


@dataclass(frozen=True)
class Asked:
    """A question of a round, as the user is to see it."""

    round_id: int
    position: int
    total: int
    question: QuizQuestion


@dataclass(frozen=True)
class Checked:
    """What an answer was: right or wrong, the norm to show, and what comes next."""

    right: bool
    question: QuizQuestion
    norm: Norm
    next: Asked | None
    practice_round: PracticeRound


@dataclass(frozen=True)
class SectionMastery:
    key: str
    label: str
    share: float


class UnknownFocus(Exception):
    """The focus names no section or word of the material."""


class AlreadyAnswered(Exception):
    """A press on a question answered already, or of a round that is gone."""


class Coach:
    """One knowledge base's questions and one user's records (through Practice)."""

    def __init__(self, kb: KnowledgeBase, practice: Practice, clock: Clock) -> None:
        self.kb = kb
        self._practice = practice
        self._clock = clock
        self.questions = questions_of(kb)
        self._by_key = {question.key: question for question in self.questions}

    def start(
        self,
        user_id: int,
        *,
        focus: str | None = None,
        level: str | None = None,
        daily: bool = False,
    ) -> Asked | None:
        """A new round (an unfinished one is closed); None if nothing is left to ask.
        UnknownFocus when the focus names nothing in the material."""
        norms = focus_norms(self.kb, focus) if focus else None
        if focus and norms is None:
            raise UnknownFocus(focus)
        now = self._clock()
        today = local_date(now)
        chosen = compose_round(
            self.kb,
            self.questions,
            self._practice.progress(user_id),
            today,
            f"{user_id}/{today.isoformat()}/{focus or ''}/{daily}",
            focus=norms,
            level=level,
        )
        if not chosen:
            return None
        self._practice.abandon(user_id, now)
        started = self._practice.start_round(
            user_id, today, [q.key for q in chosen], now, daily=daily, focus=focus
        )
        return self._asked(started)

    def resume(self, practice_round: PracticeRound) -> Asked | None:
        """The question a round is at; None when it is done."""
        return self._asked(practice_round)

    def current(self, user_id: int) -> Asked | None:
        """The question the user's open round is at (to resume it)."""
        open_round = self._practice.open_round(user_id)
        return self._asked(open_round) if open_round else None

    def answer(self, user_id: int, round_id: int, position: int, chosen: int) -> Checked:
        """Take one answer; AlreadyAnswered for a press on an old question or round."""
        practice_round = self._practice.round(user_id, round_id)
        if practice_round is None or position != practice_round.position:
            raise AlreadyAnswered
        question = self._by_key.get(practice_round.question_keys[position])
        norm = self.kb.norm(question.norm_id) if question else None
        if question is None or norm is None or not 0 <= chosen < len(question.options):
            raise AlreadyAnswered  # the knowledge base changed under an old round
        right = chosen == question.answer
        now = self._clock()
        progress = after_answer(
            self._practice.progress(user_id).get(norm.id), norm.id, right, local_date(now)
        )
        if not self._practice.answer(practice_round, position, chosen, right, progress, now):
            raise AlreadyAnswered
        updated = self._practice.round(user_id, round_id)
        assert updated is not None
        return Checked(right, question, norm, self._asked(updated), updated)

    def streak(self, user_id: int) -> int:
        return streak(self._practice.practised_days(user_id), local_date(self._clock()))

    def mastery_by_section(self, user_id: int) -> list[SectionMastery]:
        progress = self._practice.progress(user_id)
        result = []
        for chapter in self.kb.chapters:
            for key in chapter.section_keys:
                section = self.kb.section(key)
                if section is not None:
                    result.append(
                        SectionMastery(key, section.label, mastery(progress, section.norm_ids))
                    )
        return result

    def weakest(self, user_ids: Sequence[int], count: int = 5) -> list[tuple[Norm, float]]:
        """The norms the users answer wrong most often (share of wrong answers), worst first."""
        right: dict[str, int] = {}
        wrong: dict[str, int] = {}
        for user_id in user_ids:
            for norm_id, item in self._practice.progress(user_id).items():
                right[norm_id] = right.get(norm_id, 0) + item.right
                wrong[norm_id] = wrong.get(norm_id, 0) + item.wrong
        rates = [
            (norm, wrong[norm_id] / (right[norm_id] + wrong[norm_id]))
            for norm_id in wrong
            if wrong[norm_id] and (norm := self.kb.norm(norm_id)) is not None
        ]
        return sorted(rates, key=lambda item: (-item[1], item[0].id))[:count]

    def question(self, key: str) -> QuizQuestion | None:
        return self._by_key.get(key)

    def _asked(self, practice_round: PracticeRound) -> Asked | None:
        if practice_round.finished:
            return None
        question = self._by_key.get(practice_round.question_keys[practice_round.position])
        if question is None:
            return None
        return Asked(
            practice_round.id,
            practice_round.position,
            len(practice_round.question_keys),
            question,
        )
