"""What a round of 每日一练 asks: five questions, each on a different norm — the norms due again
first, then new ones in the order a new manager should learn them — or, with a focus (a section
the team lead assigned, `/quiz 拜访`), from that part of the material."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from knowledge.base import KnowledgeBase
from training.questions import SCENARIO, QuizQuestion
from training.repetition import NormProgress, due_norms

ROUND_SIZE = 5
SENIOR_LEVELS = frozenset({"二级", "一级"})  # they also guide and train their team (ch1-02)
LEVELS = ("四级", "三级", "二级", "一级")
_GUIDANCE = re.compile(r"指导|培训|团队")
_SECTION_NUMBER = re.compile(r"^\d+(\.\d+)*$")


def learning_order(kb: KnowledgeBase) -> list[str]:
    """The order a new manager meets the norms: chapter 1's essentials first — the norms that
    set a deadline or a number — then chapter 1 in the material's order, the outline last."""
    chapter_one = [norm for norm in kb.norms if norm.chapter == 1 and not norm.outline_only]
    essentials = [norm.id for norm in chapter_one if norm.deadlines]
    rest = [norm.id for norm in chapter_one if norm.id not in essentials]
    outline = [norm.id for norm in kb.norms if norm.chapter != 1 or norm.outline_only]
    return [*essentials, *rest, *(norm_id for norm_id in outline if norm_id not in rest)]


def guidance_norms(kb: KnowledgeBase) -> list[str]:
    """The norms about guiding and training the team, asked more of levels 二级 and 一级."""
    return [norm.id for norm in kb.norms if _GUIDANCE.search(norm.text)]


def focus_norms(kb: KnowledgeBase, focus: str) -> list[str] | None:
    """The norms a focus names: a section number ('1.2.7', '1.2' for all of 1.2) or a word in
    the titles, texts or section names ('拜访'); None if it names nothing."""
    focus = focus.strip()
    if not focus:
        return None
    if _SECTION_NUMBER.match(focus):
        found = [
            norm.id
            for norm in kb.norms
            if norm.section and (norm.section == focus or norm.section.startswith(focus + "."))
        ]
        return found or None
    found = [
        norm.id
        for norm in kb.norms
        if focus in norm.title or focus in norm.text or focus in (norm.section_title or "")
    ]
    return found or None


def compose_round(
    kb: KnowledgeBase,
    questions: Sequence[QuizQuestion],
    progress: Mapping[str, NormProgress],
    today: date,
    seed: str,
    *,
    focus: Sequence[str] | None = None,
    level: str | None = None,
    size: int = ROUND_SIZE,
) -> list[QuizQuestion]:
    """The round's questions. `seed` (say, the user and the day) fixes the choices, so the
    same round is rebuilt the same way."""
    by_norm: dict[str, list[QuizQuestion]] = defaultdict(list)
    for question in questions:
        by_norm[question.norm_id].append(question)
    allowed = set(focus) if focus is not None else set(by_norm)
    due = [norm_id for norm_id in due_norms(progress.values(), today) if norm_id in allowed]
    order = [norm_id for norm_id in learning_order(kb) if norm_id in allowed]
    unseen = [norm_id for norm_id in order if norm_id not in progress]
    seen = sorted(
        (norm_id for norm_id in order if norm_id in progress and norm_id not in due),
        key=lambda norm_id: (progress[norm_id].box, progress[norm_id].due_on),
    )
    pool = [*due, *unseen, *seen]
    senior = level in SENIOR_LEVELS
    if senior:
        weak_guidance = [
            norm_id
            for norm_id in guidance_norms(kb)
            if norm_id in allowed and not (norm_id in progress and progress[norm_id].mastered)
        ]
        pool = [*weak_guidance[:1], *pool]
    rng = random.Random(seed)
    chosen: list[QuizQuestion] = []
    for norm_id in dict.fromkeys(pool):
        candidates = by_norm.get(norm_id)
        if not candidates:
            continue
        scenarios = [question for question in candidates if question.kind == SCENARIO]
        if senior and scenarios:
            chosen.append(rng.choice(scenarios))
        else:
            chosen.append(rng.choice(candidates))
        if len(chosen) == size:
            break
    return chosen
