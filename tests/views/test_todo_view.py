"""The /todo text: groups, order, lateness, the customer, and the one-message limit."""

from __future__ import annotations

from datetime import timedelta

from fieldwork.obligations import Obligation
from tests.conftest import FIXED_NOW
from views.todo import EMPTY, todo_list

# FIXED_NOW is Friday 2026-11-27 10:30 in Shanghai.


def obligation(key: str, hours: float, title: str, **changes: object) -> Obligation:
    values: dict[str, object] = {
        "key": key,
        "kind": key.split(":")[0],
        "owner_id": 1,
        "deadline": FIXED_NOW + timedelta(hours=hours),
        "title": title,
        "rule_id": None,
        "subject": None,
        "customer_id": None,
        **changes,
    }
    return Obligation(**values)  # type: ignore[arg-type]


def test_nothing_open_is_encouraging() -> None:
    assert todo_list([], {}, FIXED_NOW).text == EMPTY


def test_not_yet_open_obligations_are_left_out() -> None:
    later = obligation(
        "plan_log:plan:1", 30, "记录对华为的拜访", opens_at=FIXED_NOW + timedelta(1)
    )
    assert todo_list([later], {}, FIXED_NOW).text == EMPTY


def test_groups_in_order_with_lateness() -> None:
    text = todo_list(
        [
            obligation("follow_up:item:2", 50, "履行承诺：报价"),
            obligation("follow_up:item:1", 3, "落实要求：资料"),
            obligation("thank_you_letter:visit:1", -26, "给华为送感谢函"),
        ],
        {},
        FIXED_NOW,
    ).text
    assert text.splitlines()[:9] == [
        "📋 待办事项（3项）",
        "",
        "⚠️ 已逾期",
        "· 11月26日（周四）08:30 给华为送感谢函 —— 逾期1天",
        "",
        "📌 今天",
        "· 11月27日（周五）13:30 落实要求：资料",
        "",
        "🗓 之后",
    ]


def test_an_event_that_passed_is_for_today_not_overdue() -> None:
    log = obligation("plan_log:plan:1", -2, "记录对华为的拜访")
    text = todo_list([log], {}, FIXED_NOW).text
    assert "📌 今天" in text
    assert "逾期" not in text


def test_the_customer_is_named_when_the_title_does_not() -> None:
    bid = obligation("bid_arrive:bid:1", 30, "出发参加《专线》投标", customer_id=7)
    named = obligation("follow_up:item:1", 30, "落实中兴的要求", customer_id=8)
    text = todo_list([bid, named], {7: "华为", 8: "中兴"}, FIXED_NOW).text
    assert "出发参加《专线》投标（华为）" in text
    assert "落实中兴的要求（中兴）" not in text


def test_a_long_list_is_cut_with_a_count() -> None:
    many = [
        obligation(f"follow_up:item:{n}", 48 + n, f"第{n}项：" + "准备方案" * 10)
        for n in range(300)
    ]
    text = todo_list(many, {}, FIXED_NOW, limit=1000).text
    assert len(text) <= 1000
    shown = sum(1 for line in text.splitlines() if line.startswith("· "))
    assert f"……还有{300 - shown}项" in text
    assert shown > 5
