"""A draft of the summary after a bid (norm 1.2.4-06: 招标结束后，应及时总结，以资借鉴): what the
record knows filled in — the project, time and place, what of the checklist was ready — and the
parts only the manager can tell left as headings to fill."""

from __future__ import annotations

from fieldwork.bid_checklist import BID_CHECKLIST
from paperwork.draft import Draft, chinese_date, shortened
from storage.models import Bid, Customer
from timekeeping.zone import local_date, to_local

TO_FILL = "（请填写）"
SECTIONS = ("二、现场陈述情况", "三、客户或评标方提出的问题", "四、经验与改进（以资借鉴）")


def draft_bid_summary(bid: Bid, customer: Customer | None) -> Draft:
    starts = to_local(bid.starts_at)
    facts = [f"项目：{shortened(bid.project, 100)}"]
    if customer is not None:
        facts.append(f"客户：{customer.name}")
    facts.append(f"时间：{chinese_date(starts.date())} {starts:%H:%M}")
    facts.append(f"地点：{shortened(bid.place, 100)}")
    ready = [item.label for item in BID_CHECKLIST if item.key in bid.checklist_done]
    missing = [item.label for item in BID_CHECKLIST if item.key not in bid.checklist_done]
    paragraphs = ["一、准备情况", *facts]
    paragraphs.append(f"已准备：{'、'.join(ready)}。" if ready else "检查清单上没有勾选的项目。")
    if missing:
        paragraphs.append(f"未勾选：{'、'.join(missing)}。")
    headings = {0}
    for section in SECTIONS:
        headings.add(len(paragraphs))
        paragraphs += [section, TO_FILL]
    if bid.summary:
        headings.add(len(paragraphs))
        paragraphs += ["已记录的总结", shortened(bid.summary)]
    return Draft(
        title="投标总结",
        salutation=None,
        paragraphs=tuple(paragraphs),
        closing=(),
        signature=(),
        day=None,
        file_stem=f"投标总结-{bid.project[:20]}-{local_date(bid.starts_at).isoformat()}",
        headings=frozenset(headings),
        notes=("「（请填写）」的部分请补充后，用「写总结」记下。",),
    )
