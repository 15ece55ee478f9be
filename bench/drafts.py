"""How long drafting takes: each kind of document, text and Word file, from a realistic record
and from an almost empty one. Target (issue 17): p99 under 100 ms.

    python -m bench.drafts
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from bench.speed import percentile
from paperwork.bid_summary import draft_bid_summary
from paperwork.brief import visit_brief
from paperwork.draft import Draft, Signature, draft_text
from paperwork.forecast import CustomerForecastRow, forecast_workbook
from paperwork.thank_you import draft_thank_you
from paperwork.word import word_file
from paperwork.written_reply import CAN_DO, INTERNAL, UNAVAILABLE, ReplyPoint, draft_written_reply
from storage.models import Bid, Customer, CustomerLetter, FollowUpItem, PlannedVisit, Visit

NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)
ROUNDS = 200
SIGNATURE = Signature("张三", "客户经理", "政企一组", "13800138000", "中国电信某某分公司")
CUSTOMER = Customer(1, 1, "华东电力设计院", None, None, None, None, None, None, None, 30, NOW, NOW)
FULL = Visit(
    7,
    1,
    1,
    "onsite",
    "substance",
    "介绍5G专网切片方案",
    NOW - timedelta(days=1),
    NOW - timedelta(hours=22),
    "project_group",
    "王总、信息中心李主任",
    "明年扩容。" * 80,
    "价格敏感",
    "下周二带方案再上门",
    None,
    NOW,
)
BARE = Visit(
    8,
    1,
    1,
    "onsite",
    "contact",
    "回访",
    NOW - timedelta(days=1),
    NOW - timedelta(hours=23),
    "alone",
    None,
    None,
    None,
    None,
    None,
    NOW,
)
ITEMS = [
    FollowUpItem(n, 1, 1, 7, "commitment", f"第{n}项承诺" * 20, NOW + timedelta(days=n), None, NOW)
    for n in range(1, 21)
]
LETTER = CustomerLetter(3, 1, 1, NOW, "关于专线扩容的函", NOW + timedelta(days=2), None, NOW)
POINTS = [
    ReplyPoint("第一点" * 30, CAN_DO),
    ReplyPoint("第二点", INTERNAL),
    ReplyPoint("第三点", UNAVAILABLE),
]
BID = Bid(5, 1, 1, "市政务云扩容项目", NOW, "市公共资源交易中心", ("projector",), None, None, NOW)
PLAN = PlannedVisit(
    9,
    1,
    1,
    "onsite",
    NOW + timedelta(days=1),
    None,
    "谈方案",
    "报价",
    "切片",
    "工期",
    True,
    "planned",
    None,
    NOW,
)


def timed(make: Callable[[], object]) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        make()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def text_and_word(draft: Callable[[], Draft]) -> Callable[[], object]:
    def both() -> object:
        made = draft()
        return draft_text(made), word_file(made)

    return both


def main() -> None:
    today = date(2026, 12, 6)
    cases: dict[str, Callable[[], object]] = {
        "thank-you letter, full record": text_and_word(
            lambda: draft_thank_you(FULL, CUSTOMER, ITEMS, SIGNATURE, today)
        ),
        "thank-you letter, almost empty": text_and_word(
            lambda: draft_thank_you(BARE, CUSTOMER, [], Signature("李明"), today)
        ),
        "written reply, 3 points": text_and_word(
            lambda: draft_written_reply(LETTER, CUSTOMER, POINTS, SIGNATURE, today, {})
        ),
        "bid summary": text_and_word(lambda: draft_bid_summary(BID, CUSTOMER)),
        "visit brief": lambda: visit_brief(PLAN, CUSTOMER, [FULL, BARE], ITEMS, [LETTER], NOW),
        "forecast workbook, 50 customers": lambda: forecast_workbook(
            [CustomerForecastRow(CUSTOMER, FULL, tuple(ITEMS[:3]))] * 50, today
        ),
    }
    for name, make in cases.items():
        samples = timed(make)
        print(
            f"{name:<34} median {statistics.median(samples):6.2f} ms  "
            f"p99 {percentile(samples, 0.99):6.2f} ms"
        )


if __name__ == "__main__":
    main()
