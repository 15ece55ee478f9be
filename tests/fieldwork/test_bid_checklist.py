"""The bid checklist against the material's bid norms (1.2.4)."""

from __future__ import annotations

from datetime import UTC, datetime

from fieldwork.bid_checklist import (
    BID_CHECKLIST,
    arrive_by,
    bid_has_begun,
    checklist_item,
    ticked_count,
)
from knowledge.service import Knowledge
from views.button_data import BidTick
from views.common import Button

BID_START = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)


def test_every_item_quotes_its_norm_verbatim(knowledge: Knowledge) -> None:
    for item in BID_CHECKLIST:
        norm = knowledge.kb.norm(item.norm_id)
        assert norm is not None, item.key
        assert norm.section == "1.2.4"
        assert item.quote in norm.text, item.key
        assert item.quote in item.text, item.key


def test_the_checklist_covers_the_bid_norms_the_brief_names(knowledge: Knowledge) -> None:
    texts = "".join(item.text for item in BID_CHECKLIST)
    for word in ("投影仪", "标书", "招标要求的其它文件", "职业装", "至少提前15分钟到达"):
        assert word in texts
    equipment = knowledge.kb.deadline_rule("bid_equipment_check")
    assert equipment is not None
    assert {item.norm_id for item in BID_CHECKLIST} >= {equipment.norm_id}


def test_the_arrival_item_agrees_with_the_deadline_rule(knowledge: Knowledge) -> None:
    rule = knowledge.kb.deadline_rule("bid_arrival_lead")
    assert rule is not None
    arrival = checklist_item("arrival")
    assert arrival is not None
    assert arrival.norm_id == rule.norm_id
    assert f"{rule.amount}分钟" in arrival.text


def test_arrive_by_is_fifteen_minutes_before_the_start(knowledge: Knowledge) -> None:
    rule = knowledge.kb.deadline_rule("bid_arrival_lead")
    assert rule is not None
    assert arrive_by(BID_START, rule) == datetime(2026, 12, 3, 0, 45, tzinfo=UTC)


def test_keys_are_unique_and_fit_callback_data_with_a_large_id() -> None:
    keys = [item.key for item in BID_CHECKLIST]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert key.isidentifier()
        Button("x", BidTick("untick", 10**12 - 1, key).pack())  # raises if over 64 bytes


def test_unknown_keys_are_not_items_and_do_not_count() -> None:
    assert checklist_item("nothing") is None
    assert ticked_count(("projector", "nothing", "projector")) == 1


def test_a_bid_has_begun_from_its_start() -> None:
    assert not bid_has_begun(BID_START, datetime(2026, 12, 3, 0, 59, tzinfo=UTC))
    assert bid_has_begun(BID_START, BID_START)
