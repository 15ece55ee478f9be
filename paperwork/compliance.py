"""Compliance notes while a visit is logged: a field note that reads as something the norms
caution against gets one short line — the norm in the material's words and its 出处 — and the
dialog goes on. It never blocks and never changes what was typed.

Four cautions, each read from the structure of a sentence — who does what to what, and whether
a safeguard is named (paperwork/compliance_rules.py) — not single keywords (a false alarm on
innocent text is worse than none):
- competitor_info (1.2.6-03): learning competitors' unpublished prices or plans from their side;
- data_outside (1.2.5-03): handing our or the customer's materials to people outside the company
  without an agreement or approval;
- over_promise (1.2.2-02): promising outright what is not certain or not ours to decide;
- disparage (1.2.6-05): running a competitor down to the customer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from paperwork import compliance_rules as rules

COMPETITOR_INFO: Final = "competitor_info"
DATA_OUTSIDE: Final = "data_outside"
OVER_PROMISE: Final = "over_promise"
DISPARAGE: Final = "disparage"
KINDS = (COMPETITOR_INFO, DATA_OUTSIDE, OVER_PROMISE, DISPARAGE)


@dataclass(frozen=True)
class Caution:
    kind: str
    norm_id: str
    quote: str  # the norm's own words, verbatim in its text


CAUTIONS = {
    COMPETITOR_INFO: Caution(
        COMPETITOR_INFO, "1.2.6-03", "客户经理不得以非法形式取得竞争对手未经公开的资料。"
    ),
    DATA_OUTSIDE: Caution(
        DATA_OUTSIDE,
        "1.2.5-03",
        "应遵从企业资料披露规定，不得擅自将职责内的资料透露给本单位以外人员",
    ),
    OVER_PROMISE: Caution(
        OVER_PROMISE,
        "1.2.2-02",
        "对于没有把握回答客户的问题，绝对不能当场承诺，但也不能简单地说“不”。",
    ),
    DISPARAGE: Caution(
        DISPARAGE,
        "1.2.6-05",
        "避免对竞争对手进行不公正或贬低性及违反职业道德的评论",
    ),
}

_DETECTORS: dict[str, Callable[[str], bool]] = {
    COMPETITOR_INFO: rules.learns_competitor_secrets,
    DATA_OUTSIDE: rules.hands_data_outside,
    OVER_PROMISE: rules.promises_outright,
    DISPARAGE: rules.runs_competitor_down,
}


def cautions_for(text: str) -> list[Caution]:
    """The cautions a field note calls for, in the order of KINDS; none for most notes."""
    parts = list(rules.sentences(text))
    return [CAUTIONS[kind] for kind in KINDS if any(map(_DETECTORS[kind], parts))]
