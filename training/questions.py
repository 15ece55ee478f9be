"""每日一练's questions, generated from the knowledge base and checked mechanically.

Kinds, each built from the norms in the material's own words:
- 填空 (cloze): a sentence of a norm with a fact (48个小时, 2个工作日, 三声 …) or a key term
  (感谢函, 职业装 …) blanked out; four options, the distractors of the same type;
- 判断 (true/false): a sentence of a norm as written, or with that fact or term changed;
- 情景 (scenario): a situation from the norm's example questions, four norm titles to choose from,
  the distractors from the same section;
- 顺序 (order): where the material gives a sequence (the four stages of a visit, the parts of a
  visit, the bid norms) — four orders, one right.
Chapter 2, which the material only outlines, yields only cloze and true/false questions on what
the outline says. Every question cites its norm.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from knowledge.base import KnowledgeBase
from knowledge.model import Norm

QuestionKind = Literal["cloze", "truefalse", "scenario", "order"]
CLOZE: Final = "cloze"
TRUE_FALSE: Final = "truefalse"
SCENARIO: Final = "scenario"
ORDER: Final = "order"
KIND_LABELS = {CLOZE: "填空", TRUE_FALSE: "判断", SCENARIO: "情景", ORDER: "顺序"}
BLANK = "____"
TRUE, FALSE = "对", "错"


@dataclass(frozen=True)
class QuizQuestion:
    key: str  # stable across restarts: "<norm id>/<kind><n>"
    kind: QuestionKind
    norm_id: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index of the right option

    @property
    def right_option(self) -> str:
        return self.options[self.answer]


# Facts: a number with its unit, and the other values a distractor may take. Each ladder keeps
# the unit, so a distractor is always of the same type.
_FACT = re.compile(r"(\d+|[一二三四五六七八九十两])(个)?(小时|分钟|个工作日|工作日|天|声)")
_LADDERS = {
    "小时": ("12", "24", "48", "72"),
    "分钟": ("5", "10", "15", "30"),
    "工作日": ("1", "2", "3", "5"),
    "天": ("一", "两", "三", "七"),
    "声": ("两", "三", "四", "五"),
}
_DIGITS = {"一": "1", "两": "2", "二": "2", "三": "3", "四": "4", "五": "5", "七": "7"}
_SENTENCE_END = re.compile(r"[。；;\n]")

# Sequences the material gives, each as the norms (or the parts of a text) in their order.
_STAGES_NORM = "1.2.1-01"
_SEQUENCE_SECTIONS = {"1.2.1": "拜访客户的环节", "1.2.4": "招投标工作的环节"}


_NUMBERING = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.、．)）]\s*")


def sentences(norm: Norm) -> list[str]:
    """The norm's text cut into sentences as it reads, list numbers taken off; fragments too
    short to make a question left out."""
    parts = (_NUMBERING.sub("", part.strip()) for part in _SENTENCE_END.split(norm.text))
    return [part for part in parts if len(part) >= 8]


def facts_in(text: str) -> list[str]:
    return [match.group() for match in _FACT.finditer(text)]


def terms_in(norm: Norm, sentence: str) -> list[str]:
    """The norm's key terms (keywords) that the sentence has verbatim, longest first."""
    found = {term for term in norm.keywords if 2 <= len(term) <= 10 and term in sentence}
    return sorted(found, key=lambda term: (-len(term), term))


def fact_variants(fact: str) -> list[str]:
    """The same fact with its number taken from the unit's ladder, the fact itself excluded."""
    match = _FACT.fullmatch(fact)
    if match is None:
        return []
    number, unit_word = match.group(1), match.group(3)
    unit = "工作日" if "工作日" in unit_word else unit_word
    ladder = _LADDERS.get(unit, ())
    chinese = not number.isdigit()
    variants = []
    for value in ladder:
        shown = value if chinese == (not value.isdigit()) else _DIGITS.get(value, value)
        if chinese and shown.isdigit():
            continue
        candidate = fact.replace(number, shown, 1)
        same = _DIGITS.get(shown, shown) == _DIGITS.get(number, number)
        if candidate != fact and not same:
            variants.append(candidate)
    return variants


def _fits(norm: Norm, sentence: str, answer: str, distractor: str) -> bool:
    """A distractor must be of another wording, not make the norm's own words, not be in the
    sentence already (it would give the blank away)."""
    filled = sentence.replace(answer, distractor, 1)
    return distractor != answer and filled not in norm.text and distractor not in sentence


@lru_cache(maxsize=4)
def questions_of(kb: KnowledgeBase) -> tuple[QuizQuestion, ...]:
    """The questions of a knowledge-base snapshot, generated once (snapshots are immutable;
    the few latest are kept)."""
    return tuple(generate_questions(kb))


def generate_questions(kb: KnowledgeBase) -> list[QuizQuestion]:
    """Every question the knowledge base yields, in the order of the norms."""
    terms_by_section: dict[str, list[str]] = defaultdict(list)
    for norm in kb.norms:
        terms_by_section[norm.section_key] += [t for t in norm.keywords if 2 <= len(t) <= 10]
    questions: list[QuizQuestion] = []
    for norm in kb.norms:
        rng = random.Random(norm.id)
        made = _blanks(norm, terms_by_section[norm.section_key], rng)
        if not norm.outline_only:
            made += _scenarios(kb, norm, rng)
        questions += made
    questions += _orders(kb)
    return questions


def _blanks(norm: Norm, section_terms: Sequence[str], rng: random.Random) -> list[QuizQuestion]:
    """Cloze and true/false questions: one of each for a fact or term of each sentence, at most
    three sentences per norm."""
    made: list[QuizQuestion] = []
    for sentence in sentences(norm)[:3]:
        pairs: list[tuple[str, list[str]]] = [
            (fact, fact_variants(fact)) for fact in facts_in(sentence)
        ]
        for term in terms_in(norm, sentence):
            others = [t for t in dict.fromkeys(section_terms) if t not in norm.keywords]
            pairs.append((term, others))
        for answer, pool in pairs:
            distractors = [d for d in dict.fromkeys(pool) if _fits(norm, sentence, answer, d)]
            if len(distractors) < 3:
                continue
            chosen = rng.sample(distractors, 3)
            options = [answer, *chosen]
            rng.shuffle(options)
            index = len(made)
            prompt = f"填空：{sentence.replace(answer, BLANK, 1)}"
            made.append(
                QuizQuestion(
                    f"{norm.id}/c{index}",
                    CLOZE,
                    norm.id,
                    prompt,
                    tuple(options),
                    options.index(answer),
                )
            )
            changed = rng.random() < 0.5
            statement = sentence.replace(answer, chosen[0], 1) if changed else sentence
            made.append(
                QuizQuestion(
                    f"{norm.id}/t{index}",
                    TRUE_FALSE,
                    norm.id,
                    f"判断：{statement}",
                    (TRUE, FALSE),
                    1 if changed else 0,
                )
            )
            break  # one blank per sentence: the rest of the sentence stays readable
    return made


def _scenarios(kb: KnowledgeBase, norm: Norm, rng: random.Random) -> list[QuizQuestion]:
    section = kb.section(norm.section_key)
    neighbours = [
        other
        for other_id in (section.norm_ids if section else ())
        if (other := kb.norm(other_id)) is not None and other.id != norm.id
    ]
    titles = list(dict.fromkeys(other.title for other in neighbours if other.title != norm.title))
    if len(titles) < 3 or not norm.questions:
        return []
    made = []
    for number, situation in enumerate(
        rng.sample(list(norm.questions), min(2, len(norm.questions)))
    ):
        options = [norm.title, *rng.sample(titles, 3)]
        rng.shuffle(options)
        made.append(
            QuizQuestion(
                f"{norm.id}/s{number}",
                SCENARIO,
                norm.id,
                f"情景：{situation}\n这时应当按哪条规范做？",
                tuple(options),
                options.index(norm.title),
            )
        )
    return made


def _orders(kb: KnowledgeBase) -> list[QuizQuestion]:
    made = []
    stages = kb.norm(_STAGES_NORM)
    if stages is not None:
        steps = [line.strip() for line in stages.text.splitlines() if line.strip()]
        made.append(_order_question(f"{stages.id}/o0", stages.id, "拜访客户的四个阶段", steps))
    for section_key, label in _SEQUENCE_SECTIONS.items():
        section = kb.section(section_key)
        if section is None:
            continue
        norms = [norm for norm_id in section.norm_ids if (norm := kb.norm(norm_id))]
        if section_key == "1.2.1":
            steps = list(
                dict.fromkeys(
                    (norm.heading or "").split("—")[-1] for norm in norms if norm.heading
                )
            )
        else:
            steps = [norm.title for norm in norms]
        if len(steps) >= 3:
            made.append(_order_question(f"{norms[0].id}/o1", norms[0].id, label, steps[:5]))
    return made


def _order_question(key: str, norm_id: str, label: str, steps: list[str]) -> QuizQuestion:
    rng = random.Random(key)
    right = " → ".join(steps)
    wrong: list[str] = []
    while len(wrong) < 3:
        shuffled = steps[:]
        rng.shuffle(shuffled)
        candidate = " → ".join(shuffled)
        if candidate != right and candidate not in wrong:
            wrong.append(candidate)
    options = [right, *wrong]
    rng.shuffle(options)
    return QuizQuestion(
        key,
        ORDER,
        norm_id,
        f"顺序：{label}，按材料的先后是？",
        tuple(options),
        options.index(right),
    )
