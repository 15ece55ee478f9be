"""The written reply to a customer's letter (norm 1.2.2-01: 2个工作日内以书面形式答复客户), each
point the customer raised phrased as the reply norms require for how it stands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from paperwork.draft import Draft, Signature, chinese_date, shortened
from storage.models import Customer, CustomerLetter
from timekeeping.zone import local_date

PointStatus = Literal["can_do", "internal", "unavailable", "against_rules"]
CAN_DO: Final = "can_do"  # 可以办理
INTERNAL: Final = "internal"  # 需要内部商定
UNAVAILABLE: Final = "unavailable"  # 本企业尚未开办或资源不满足
AGAINST_RULES: Final = "against_rules"  # 不符合企业规定或协议
STATUSES: tuple[PointStatus, ...] = (CAN_DO, INTERNAL, UNAVAILABLE, AGAINST_RULES)
STATUS_LABELS: dict[str, str] = {
    CAN_DO: "可以办理",
    INTERNAL: "需要内部商定",
    UNAVAILABLE: "本企业尚未开办或资源不满足",
    AGAINST_RULES: "不符合企业规定或协议",
}
ALTERNATIVE_BLANK = "（此处请写明目前可解决问题的其他方式）"

# What each paragraph says, and the norm it follows (named in the chat message, never in the
# letter).
_PHRASES: dict[str, tuple[str, str | None]] = {
    CAN_DO: ("此项我们可以办理，将尽快为贵单位落实。", None),
    # 1.2.2-03: 超出自己权限以外的事情…经由内部商定后才可以回复客户 (and 1.2.2-02: no promise)
    INTERNAL: ("此项需经我方内部商定，商定后我们将及时以书面形式答复贵单位。", "1.2.2-03"),
    # 1.2.2-04: 首先表明非常感谢客户的信任，并表示此业务一旦开通，将立即告之，
    # 同时提出目前可解决客户困难的其他方式的建议
    UNAVAILABLE: (
        "非常感谢贵单位的信任。此项业务我们目前尚未开办（或资源暂不满足），"
        "一旦开通，我们将立即告知贵单位；"
        f"目前，建议贵单位可考虑以下方式：{ALTERNATIVE_BLANK}。",
        "1.2.2-04",
    ),
    # 1.2.2-05: 首先表明非常抱歉，本着对客户负责的态度，请客户予以理解和合作；
    # 如果客户确有特殊原因，应请客户允许自己向领导汇报以后再告之
    AGAINST_RULES: (
        "非常抱歉，此项需求不符合企业规定或协议规定，本着对贵单位负责的态度，"
        "恳请贵单位予以理解和合作；如贵单位确有特殊原因，请允许我向领导汇报后再告知。",
        "1.2.2-05",
    ),
}
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class ReplyPoint:
    """One thing the customer's letter raised, and how it stands."""

    text: str
    status: PointStatus


def draft_written_reply(
    letter: CustomerLetter,
    customer: Customer,
    points: Sequence[ReplyPoint],
    signature: Signature,
    today: date,
    norm_titles: dict[str, str],
) -> Draft:
    """The reply letter; `norm_titles` (id → title) names the norms in the chat notes."""
    received = chinese_date(local_date(letter.received_at))
    paragraphs = [
        f"贵单位{received}的来函（{shortened(letter.subject, 60)}）已收悉，"
        "感谢贵单位对我们的信任与支持。现就来函所提事项答复如下："
    ]
    notes = []
    for index, point in enumerate(points):
        number = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
        phrase, norm_id = _PHRASES[point.status]
        about = shortened(point.text, 120).rstrip("。；;，, ")
        paragraphs.append(f"{number}、关于{about}：{phrase}")
        if norm_id is not None:
            notes.append(f"第{number}条按 {norm_id}「{norm_titles.get(norm_id, '')}」的要求措辞。")
        if point.status == UNAVAILABLE:
            notes.append(f"第{number}条：请把{ALTERNATIVE_BLANK[1:-1]}补上再送出。")
    paragraphs.append("以上答复，如有疑问，欢迎随时与我联系。")
    return Draft(
        title="书面答复",
        salutation=f"尊敬的{customer.name}：",
        paragraphs=tuple(paragraphs),
        closing=("此致", "敬礼！"),
        signature=signature.lines(),
        day=today,
        file_stem=f"书面答复-{customer.name}-{today.isoformat()}",
        notes=tuple(notes),
    )
