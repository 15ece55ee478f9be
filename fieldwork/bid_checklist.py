"""The bid checklist: what the material's bid norms (1.2.4) ask of a manager around a bid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldwork.deadlines import arrival_time
from knowledge.model import DeadlineRule


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # stored in the bid's checklist_done and in callback data: short, never renamed
    label: str  # the tick button's text
    text: str  # the line on the checklist, in the material's words
    quote: str  # the phrase of the norm's text the line comes from, verbatim
    norm_id: str


# In the order a manager meets them: prepare the bid, check what to take, dress, arrive.
BID_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        key="tender",
        label="读招标要求、备应标书",
        text="仔细阅读招标要求，积极准备应标书，应标书应规范、整洁",
        quote="仔细阅读招标要求，积极准备应标书，应标书应规范、整洁",
        norm_id="1.2.4-01",
    ),
    ChecklistItem(
        key="projector",
        label="投影仪",
        text="检查投影仪",
        quote="检查投影仪",
        norm_id="1.2.4-03",
    ),
    ChecklistItem(
        key="documents",
        label="标书",
        text="检查标书",
        quote="标书",
        norm_id="1.2.4-03",
    ),
    ChecklistItem(
        key="other_docs",
        label="招标要求的其它文件",
        text="检查招标要求的其它文件等现场必需品是否准备齐全",
        quote="招标要求的其它文件等现场必需品是否准备齐全",
        norm_id="1.2.4-03",
    ),
    ChecklistItem(
        key="dress",
        label="职业装、衣冠整洁",
        text="着职业装，保持衣冠整洁，举止文雅大方，不面带倦意",
        quote="着职业装，保持衣冠整洁，举止文雅大方，不面带倦意",
        norm_id="1.2.4-02",
    ),
    ChecklistItem(
        key="arrival",
        label="提前15分钟到达",
        text="至少提前15分钟到达目的地",
        quote="至少提前15分钟到达目的地",
        norm_id="1.2.4-02",
    ),
)

_BY_KEY = {item.key: item for item in BID_CHECKLIST}


def checklist_item(key: str) -> ChecklistItem | None:
    """The item with this key, or None for a key from a forged or outdated button."""
    return _BY_KEY.get(key)


def ticked_count(done: tuple[str, ...]) -> int:
    """How many current checklist items are ticked (keys of dropped items don't count)."""
    return sum(1 for key in set(done) if key in _BY_KEY)


def arrive_by(starts_at: datetime, rule: DeadlineRule) -> datetime:
    """Norm 1.2.4-02: at the bid's place at least 15 minutes before it starts."""
    return arrival_time(starts_at, rule)


def bid_has_begun(starts_at: datetime, now: datetime) -> bool:
    """From its start on, a bid is something to sum up (norm 1.2.4-06), not to prepare for."""
    return now >= starts_at
