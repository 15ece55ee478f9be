"""The thank-you letter after a formal visit (norm 1.2.1-12: 正式拜访结束后48个小时内送出感谢函),
drafted only from the visit's record and fixed courtesy phrases: nothing invented, an empty field
left out, and the customer's views (客户的主观看法, internal) never in it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from paperwork.draft import Draft, Signature, chinese_date, sentence, shortened
from storage.models import KIND_COMMITMENT, Customer, FollowUpItem, Visit
from timekeeping.zone import local_date

TITLE = "感谢函"
CLOSING = ("此致", "敬礼！")
THANKS = "感谢您于{day}在百忙之中接待我们的拜访。"
PURPOSE = "此次拜访的主要目的是{purpose}"
DISCUSSED = "会谈中，我们了解到：{learned}"
COMMITMENTS = "对于此次会谈中我们承诺的事项，我们将按时落实："
NEXT_STEP = "下一步，{next_step}"
AGAIN = "再次感谢您的支持与信任，期待与贵单位进一步合作！"

# How people are addressed in Chinese business letters: the surname with a title (王总, 李处长).
_TITLED = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(总|经理|主任|处长|局长|科长|部长|书记|总监|董事长|总裁|厅长|院长|所长|"
    r"行长|主管|组长|工|老师|先生|女士|秘书长|负责人)$"
)
_SEPARATORS = re.compile(r"[、，,;；/\s]+|和|及|与|以及")
_ASIDES = re.compile(r"[（(][^）)]*[）)]")


def addressees(people_met: str | None) -> list[str]:
    """The people met, as a letter greets them: only names with a title ('王总、李处长');
    anything else in the field (how many engineers came, departments) is not a greeting."""
    if not people_met:
        return []
    tokens = _SEPARATORS.split(_ASIDES.sub("", people_met))
    return list(dict.fromkeys(token for token in tokens if _TITLED.match(token)))[:4]


def draft_thank_you(
    visit: Visit,
    customer: Customer,
    items: Sequence[FollowUpItem],
    signature: Signature,
    today: date,
) -> Draft:
    """The letter; its parts follow the record's fields in the order a letter tells them."""
    greeted = addressees(visit.people_met)
    salutation = f"尊敬的{'、'.join(greeted) if greeted else customer.name}："
    paragraphs = [THANKS.format(day=chinese_date(local_date(visit.started_at)))]
    if visit.purpose.strip():
        paragraphs.append(sentence(PURPOSE.format(purpose=shortened(visit.purpose))))
    if visit.learned and visit.learned.strip():
        paragraphs.append(sentence(DISCUSSED.format(learned=shortened(visit.learned))))
    promised = [item for item in items if item.kind == KIND_COMMITMENT]
    if promised:
        paragraphs.append(COMMITMENTS)
        for number, item in enumerate(sorted(promised, key=lambda item: item.due_at), start=1):
            due = local_date(item.due_at)
            text = shortened(item.text).rstrip("。；;")
            when = f"{due.month}月{due.day}日"
            paragraphs.append(f"{number}. {text}{'' if when in text else f'（{when}前）'}；")
        paragraphs[-1] = paragraphs[-1].rstrip("；") + "。"
    if visit.next_step and visit.next_step.strip():
        paragraphs.append(sentence(NEXT_STEP.format(next_step=shortened(visit.next_step))))
    paragraphs.append(AGAIN)
    return Draft(
        title=TITLE,
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        closing=CLOSING,
        signature=signature.lines(),
        day=today,
        file_stem=f"感谢函-{customer.name}-{local_date(visit.started_at).isoformat()}",
    )
