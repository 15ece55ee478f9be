"""Finds the customer a manager means from a typed, possibly misspelt, name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.segment import pinyin_key
from textinput.normalization import normalize_typed

# Common suffixes that say little about which customer is meant ("华为技术有限公司" ≈ "华为").
_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "分公司")
CANDIDATE_SCORE = 65.0  # below this a name is not offered at all
SURE_SCORE = 97.0  # at or above, with a clear lead, the name is taken without asking
SURE_LEAD = 8.0


@dataclass(frozen=True)
class NameMatch:
    customer_id: int
    name: str
    score: float  # 0–100


def _core(name: str) -> str:
    # Stored names are compared in the form typed text is brought to, so a name saved with an
    # invisible character before that form existed is still found by its visible letters.
    name = "".join(normalize_typed(name).split()).lower()
    for suffix in _LEGAL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


def _similarity(typed: str, name: str) -> float:
    a, b = _core(typed), _core(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    by_characters = fuzz.WRatio(a, b)
    # Homophones: 华伟 for 华为 is a typing slip, not another customer.
    sound_a, sound_b = pinyin_key(a), pinyin_key(b)
    by_sound = fuzz.ratio(sound_a, sound_b) * 0.95
    # ... also inside a longer name: 华伟 sounds like the start of 华为技术.
    by_partial_sound = (
        fuzz.partial_ratio(sound_a, sound_b) * 0.88 if min(len(a), len(b)) >= 2 else 0
    )
    # A typed part of the name ("移动" for "中国移动通信") is a strong hint, not a certainty.
    contained = 90.0 if (a in b or b in a) and min(len(a), len(b)) >= 2 else 0.0
    return max(by_characters, by_sound, by_partial_sound, contained)


def rank_customers(typed: str, customers: Sequence[tuple[int, str]]) -> list[NameMatch]:
    """The customers whose names resemble the typed one, best first."""
    scored = [
        NameMatch(customer_id, name, round(_similarity(typed, name), 1))
        for customer_id, name in customers
    ]
    return sorted(
        (match for match in scored if match.score >= CANDIDATE_SCORE),
        key=lambda match: (-match.score, match.name),
    )


def sure_match(ranked: Sequence[NameMatch]) -> NameMatch | None:
    """The one match good enough to take without asking, if there is one."""
    if not ranked or ranked[0].score < SURE_SCORE:
        return None
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < SURE_LEAD:
        return None
    return ranked[0]
