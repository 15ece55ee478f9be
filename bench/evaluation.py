"""Scores the matcher on the evaluation questions (bench/eval/questions.yaml)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.base import KnowledgeBase
from knowledge.matcher import MatchResult, Verdict
from knowledge.service import Knowledge
from knowledge.textnorm import canon
from views.ask import small_talk_reply

EVAL_FILE = Path(__file__).resolve().parent / "eval" / "questions.yaml"


@dataclass(frozen=True)
class InScopeQuestion:
    question: str
    expect: str  # a verbatim snippet of the material
    norm_ids: frozenset[str]  # the norms whose text contains the snippet


@dataclass(frozen=True)
class EvalSet:
    name: str
    in_scope: tuple[InScopeQuestion, ...]
    out_of_scope: tuple[str, ...]


@dataclass
class Scores:
    """Counts of outcomes; rates are derived."""

    in_scope: int = 0
    answered_right: int = 0  # answered, with an expected norm: top-1
    ranked_first: int = 0  # expected norm ranked first, whatever the verdict
    in_top3: int = 0
    answered_wrong: int = 0
    unsure: int = 0
    declined: int = 0
    out_of_scope: int = 0
    oos_declined: int = 0
    oos_unsure: int = 0
    oos_answered: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.answered_right / self.in_scope if self.in_scope else 0.0

    @property
    def top3(self) -> float:
        return self.in_top3 / self.in_scope if self.in_scope else 0.0

    @property
    def in_scope_declined(self) -> float:
        return self.declined / self.in_scope if self.in_scope else 0.0

    @property
    def oos_decline_rate(self) -> float:
        return self.oos_declined / self.out_of_scope if self.out_of_scope else 0.0

    def lines(self) -> list[str]:
        return [
            f"in-scope questions:        {self.in_scope}",
            f"top-1 (answered right):    {self.top1:.1%}  ({self.answered_right})",
            f"ranked first (any reply):  {self.ranked_first / max(self.in_scope, 1):.1%}",
            f"top-3:                     {self.top3:.1%}  ({self.in_top3})",
            f"answered wrong:            {self.answered_wrong}",
            f"asked back (unsure):       {self.unsure}",
            f"declined (in scope):       {self.in_scope_declined:.1%}  ({self.declined})",
            f"out-of-scope questions:    {self.out_of_scope}",
            f"out-of-scope declined:     {self.oos_decline_rate:.1%}  ({self.oos_declined})",
            f"out-of-scope asked back:   {self.oos_unsure}",
            f"out-of-scope answered:     {self.oos_answered}",
        ]


class EvalFileError(Exception):
    pass


def load_eval_sets(kb: KnowledgeBase, path: Path = EVAL_FILE) -> dict[str, EvalSet]:
    """Read the sets and map each expected snippet to the norms that contain it. An item names
    its norm either by a verbatim snippet of the material (`expect`) or by id (`norm`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = {norm.id: canon(norm.text) for norm in kb.norms}
    sets = {}
    problems = []
    for name, body in data.items():
        questions = []
        for item in body.get("in_scope") or []:
            if "norm" in item:
                ids = frozenset([item["norm"]]) if item["norm"] in texts else frozenset()
                expect = item["norm"]
            else:
                snippet = canon(item["expect"])
                ids = frozenset(nid for nid, text in texts.items() if snippet in text)
                expect = item["expect"]
            if not ids:
                problems.append(f"{name}: {item['q']!r}: no norm contains or is {expect!r}")
            questions.append(InScopeQuestion(item["q"], expect, ids))
        out_of_scope = tuple(
            str(item["q"] if isinstance(item, dict) else item)
            for item in body.get("out_of_scope") or []
        )
        sets[name] = EvalSet(name, tuple(questions), out_of_scope)
    if problems:
        raise EvalFileError("\n".join(problems))
    return sets


def as_the_bot_answers(knowledge: Knowledge) -> Callable[[str], MatchResult]:
    """The matcher as the bot uses it: a whole message of small talk ("你好", "谢谢") gets a
    kind word and no norm before the matcher sees it, so it counts as declined."""

    def match(question: str) -> MatchResult:
        if small_talk_reply(question) is not None:
            return MatchResult(Verdict.DECLINE, ())
        return knowledge.match(question)

    return match


def score(
    match: Callable[[str], MatchResult],
    in_scope: Iterable[InScopeQuestion],
    out_of_scope: Iterable[str],
) -> Scores:
    scores = Scores()
    for item in in_scope:
        result = match(item.question)
        scores.in_scope += 1
        ranked = [candidate.norm.id for candidate in result.candidates]
        first_right = bool(ranked) and ranked[0] in item.norm_ids
        scores.ranked_first += first_right
        scores.in_top3 += any(norm_id in item.norm_ids for norm_id in ranked[:3])
        if result.verdict is Verdict.ANSWER:
            scores.answered_right += first_right
            scores.answered_wrong += not first_right
        elif result.verdict is Verdict.UNSURE:
            scores.unsure += 1
        else:
            scores.declined += 1
        if result.verdict is not Verdict.ANSWER or not first_right:
            expected = ",".join(sorted(item.norm_ids))
            scores.failures.append(
                f"[{result.verdict.value}] {item.question}  expected {expected}, got "
                + ", ".join(f"{c.norm.id}={c.score:.2f}" for c in result.candidates)
            )
    for question in out_of_scope:
        result = match(question)
        scores.out_of_scope += 1
        if result.verdict is Verdict.DECLINE:
            scores.oos_declined += 1
            continue
        if result.verdict is Verdict.UNSURE:
            scores.oos_unsure += 1
        else:
            scores.oos_answered += 1
        best = result.candidates[0]
        got = f"{best.norm.id}={best.score:.2f}"
        scores.failures.append(f"[{result.verdict.value}] (out of scope) {question}  got {got}")
    return scores
