"""What /bid shows: each bid with its checklist from the bid norms (1.2.4), and the summary."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fieldwork.bid_checklist import BID_CHECKLIST, arrive_by, bid_has_begun, ticked_count
from knowledge.base import KnowledgeBase
from storage.models import Bid
from timekeeping.zone import format_local
from views.button_data import BidNew, BidSummary, BidTick, DraftBidSummary
from views.common import Button, Reply, button_label, fit_message, source_line
from views.drafts import DRAFT_BID_SUMMARY

NEW_BID = BidNew().pack()

BID_GONE = "没有找到这个投标（可能已删除，或不是您登记的）。"
UNKNOWN_ITEM = "这个清单项已失效，请重新发送 /bid。"
NOT_BEGUN = "投标还没开始，招标结束后再写总结。"


def _header(bid: Bid, customer: str | None, now: datetime) -> list[str]:
    lines = [f"📋 投标：{bid.project}", f"时间：{format_local(bid.starts_at, now=now)}"]
    lines.append(f"地点：{bid.place}")
    if customer:
        lines.append(f"客户：{customer}")
    return lines


def _sources(kb: KnowledgeBase, norm_ids: list[str]) -> list[str]:
    """One 出处 line per distinct origin (the bid norms share one)."""
    lines: list[str] = []
    for norm_id in norm_ids:
        norm = kb.norm(norm_id)
        if norm is not None and source_line(norm) not in lines:
            lines.append(source_line(norm))
    return lines


def bid_card(bid: Bid, customer: str | None, kb: KnowledgeBase, now: datetime) -> Reply:
    """Before the bid: the checklist with a tick button per item; after: the summary."""
    if bid_has_begun(bid.starts_at, now):
        return _after_bid_card(bid, customer, kb, now)
    done = set(bid.checklist_done)
    lines = _header(bid, customer, now)
    rule = kb.deadline_rule("bid_arrival_lead")
    if rule is not None:
        arrive = arrive_by(bid.starts_at, rule)
        lines.append(f"⏰ 最晚 {format_local(arrive, now=now)} 到达")
    lines += [
        "",
        f"应标检查清单（已完成 {ticked_count(bid.checklist_done)}/{len(BID_CHECKLIST)}）：",
    ]
    rows: list[tuple[Button, ...]] = []
    for item in BID_CHECKLIST:
        ticked = item.key in done
        lines.append(f"{'✅' if ticked else '⬜'} {item.text}（{item.norm_id}）")
        verb: Literal["tick", "untick"] = "untick" if ticked else "tick"
        label = button_label(f"{'✅' if ticked else '⬜'} {item.label}")
        rows.append((Button(label, BidTick(verb, bid.id, item.key).pack()),))
    lines += ["", *_sources(kb, [item.norm_id for item in BID_CHECKLIST])]
    lines.append("点按钮勾选或取消勾选。")
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def _after_bid_card(bid: Bid, customer: str | None, kb: KnowledgeBase, now: datetime) -> Reply:
    lines = _header(bid, customer, now)
    rule = kb.deadline_rule("bid_summary")
    lines.append("")
    if bid.summary:
        lines += [f"📝 总结：{bid.summary}"]
        label = "修改总结"
    else:
        lines.append("📝 招标结束后，应及时总结，以资借鉴。")
        label = "写总结"
    if rule is not None:
        lines += _sources(kb, [rule.norm_id])
    button = Button(label, BidSummary(bid.id).pack())
    draft = Button(DRAFT_BID_SUMMARY, DraftBidSummary(bid.id).pack())
    return Reply(fit_message("\n".join(lines)), ((button, draft),))


def bids_footer(shown: int, kb: KnowledgeBase) -> Reply:
    if shown:
        text = f"以上是即将进行或待总结的投标（{shown}）。"
    else:
        rule = kb.deadline_rule("bid_arrival_lead")
        tip = f"\n参与应标时，{rule.quote}。" if rule else ""
        text = f"没有即将进行或待总结的投标。{tip}"
    return Reply(text, ((Button("➕ 登记投标", NEW_BID),),))


def ticked_answer(label: str, ticked: bool) -> str:
    return f"已勾选：{label}" if ticked else f"已取消勾选：{label}"
