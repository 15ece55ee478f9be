"""The review queue: questions the bot did not answer outright, grouped so that one decision
covers the same question asked many ways, with the users' picks as suggestions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process

from storage.unanswered import PICKED, AskedQuestion

# Two questions whose normalised texts are at least this alike (rapidfuzz ratio) are one group.
SAME_QUESTION_LIKENESS = 80.0
# Active learning: a norm picked by this many different people, or this many times by one,
# is suggested for the whole group.
SUGGEST_AFTER_PEOPLE = 2
SUGGEST_AFTER_PICKS_BY_ONE = 2


@dataclass(frozen=True)
class ReviewGroup:
    """Questions one decision covers, most asked wording first."""

    questions: tuple[AskedQuestion, ...]

    @property
    def key(self) -> int:
        """The group's oldest question id: stable while the group waits for a decision."""
        return min(question.id for question in self.questions)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(question.id for question in self.questions)

    @property
    def texts(self) -> tuple[str, ...]:
        """Distinct wordings, most asked first, then newest."""
        counts = Counter(question.question for question in self.questions)
        newest: dict[str, int] = {}
        for question in self.questions:
            newest[question.question] = max(newest.get(question.question, 0), question.id)
        return tuple(sorted(counts, key=lambda text: (-counts[text], -newest[text])))

    @property
    def representative(self) -> str:
        return self.texts[0]

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def askers(self) -> int:
        return len({question.user_id for question in self.questions})

    @property
    def last_asked_at(self) -> datetime:
        return max(question.asked_at for question in self.questions)

    @property
    def picks(self) -> dict[str, int]:
        """Norm id → how many people picked it among the candidates offered."""
        people: dict[str, set[int]] = defaultdict(set)
        for question in self.questions:
            if question.outcome == PICKED and question.picked_norm_id:
                people[question.picked_norm_id].add(question.user_id)
        return {norm_id: len(users) for norm_id, users in people.items()}

    @property
    def suggestion(self) -> str | None:
        """The norm users' picks point at, when they agree enough (several people, or one
        person again and again); None otherwise."""
        by_person: Counter[tuple[str, int]] = Counter(
            (question.picked_norm_id, question.user_id)
            for question in self.questions
            if question.outcome == PICKED and question.picked_norm_id
        )
        people = self.picks
        ranked = sorted(people, key=lambda norm_id: (-people[norm_id], norm_id))
        for norm_id in ranked:
            repeated = max(n for (picked, _), n in by_person.items() if picked == norm_id)
            if people[norm_id] >= SUGGEST_AFTER_PEOPLE or repeated >= SUGGEST_AFTER_PICKS_BY_ONE:
                return norm_id
        return None


def group_questions(asked: Sequence[AskedQuestion]) -> list[ReviewGroup]:
    """Group by normalised text, then join groups whose wordings are alike; suggestions
    first, then the most asked, then the most recent."""
    by_text: dict[str, list[AskedQuestion]] = defaultdict(list)
    for question in asked:
        by_text[question.normalized].append(question)
    ordered = sorted(by_text.items(), key=lambda item: (-len(item[1]), item[0]))
    heads: list[str] = []
    members: list[list[AskedQuestion]] = []
    for text, questions in ordered:
        found = process.extractOne(
            text, heads, scorer=fuzz.ratio, processor=None, score_cutoff=SAME_QUESTION_LIKENESS
        )
        if found is None:
            heads.append(text)
            members.append(list(questions))
        else:
            members[found[2]].extend(questions)
    groups = [ReviewGroup(tuple(sorted(m, key=lambda q: -q.id))) for m in members]
    return sorted(
        groups,
        key=lambda group: (
            group.suggestion is None,
            -group.count,
            -group.last_asked_at.timestamp(),
        ),
    )


def new_groups_since(groups: Sequence[ReviewGroup], since: datetime) -> int:
    """How many groups have a question asked after `since` (the morning digest's count)."""
    return sum(group.last_asked_at > since for group in groups)
