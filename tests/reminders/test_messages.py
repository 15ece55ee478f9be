"""Reminder messages: composed fresh at send time, in Chinese, with the norm and its buttons."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from knowledge.service import Knowledge
from reminders.config import load_reminder_config
from reminders.messages import compose_reminder
from reminders.sync import sync_owner
from storage.models import KIND_COMMITMENT, KIND_REQUEST, WAY_PHONE, NewItem
from storage.reminders import Reminder
from storage.staff import StaffRegistry
from storage.unanswered import DECLINED
from tests.reminders.world import OTHER_ID, OWNER_ID, START, World
from tests.timekeeping.clock import shanghai
from views.common import MESSAGE_LIMIT, FileToMake, Reply
from views.reminders import approx_span

CONFIG = load_reminder_config()


@pytest.fixture
def world(knowledge: Knowledge) -> Iterator[World]:
    world = World(knowledge)
    yield world
    world.close()


def sync(world: World) -> None:
    sync_owner(world.store, world.knowledge.kb, CONFIG, OWNER_ID, world.now)


def reminder(world: World, key: str, slot: str) -> Reminder:
    sync(world)
    [found] = [row for row in world.pending() if row.key == key and row.slot == slot]
    return found


def compose(
    world: World, row: Reminder, at: datetime | None = None, **options: timedelta
) -> Reply | None:
    return compose_reminder(
        row, world.store, world.knowledge, CONFIG, at or row.send_at, **options
    )


def composed(world: World, key: str, slot: str, at: datetime | None = None) -> Reply:
    reply = compose(world, reminder(world, key, slot), at)
    assert reply is not None
    assert len(reply.text) <= MESSAGE_LIMIT
    return reply


def data(reply: Reply) -> list[str]:
    return [button.data for row in reply.buttons for button in row]


def standard(row_id: int, *snoozes: str) -> list[str]:
    """已完成 and the snoozes that keep the reminder before its deadline (default: both)."""
    return [f"rem:done:{row_id}", *(f"rem:snz:{row_id}:{c}" for c in snoozes or ("h", "d"))]


# -- deadlines -------------------------------------------------------------------------------


def test_thank_you_letter_a_day_ahead(world: World) -> None:
    customer = world.customer()
    visit, _ = world.visit(customer, shanghai(2026, 11, 26, 15, 0), shanghai(2026, 11, 26, 16, 30))
    key = f"thank_you_letter:visit:{visit.id}"
    row = reminder(world, key, "before:24h")
    reply = compose(world, row)
    assert reply is not None
    assert reply.text.splitlines() == [
        "📮 感谢函提醒",
        "给华为技术有限公司送感谢函（拜访于 11月26日（周四）16:30 结束）",
        "截止：11月28日（周六）16:30（还剩 1天）",
        "",
        "规范：正式拜访结束后48个小时内送出感谢函。",
        "出处：1.2.1 拜访客户规范—上门拜访",
    ]
    assert data(reply) == [f"draft:ty:{visit.id}", *standard(row.id)]


def test_thank_you_letter_overdue(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    key = f"thank_you_letter:visit:{visit.id}"
    reply = composed(world, key, "overdue", shanghai(2026, 11, 28, 23, 0))
    lines = reply.text.splitlines()
    assert lines[0] == "📮 感谢函已逾期"
    assert lines[2] == "截止：11月28日（周六）16:00（已逾期 7小时）"
    assert "请尽快完成" in reply.text


def test_no_message_once_the_obligation_is_closed(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    row = reminder(world, f"thank_you_letter:visit:{visit.id}", "before:2h")
    world.records().visits.mark_thank_you_sent(visit.id, START)
    assert compose(world, row) is None


def test_late_reminder_says_so(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    row = reminder(world, f"thank_you_letter:visit:{visit.id}", "before:24h")
    grace = timedelta(seconds=90)
    on_time = compose(world, row, row.planned_at + timedelta(seconds=30), late_after=grace)
    late = compose(world, row, row.planned_at + timedelta(hours=3), late_after=grace)
    assert on_time is not None
    assert late is not None
    assert on_time.text.splitlines()[0] == "📮 感谢函提醒"
    assert late.text.splitlines()[0] == "📮 感谢函提醒（补发）"
    assert "还剩 21小时" in late.text  # composed for when it is sent, not when planned


def test_written_reply(world: World) -> None:
    letter = world.letter(world.customer(), START, shanghai(2026, 12, 1, 23, 59, 59))
    reply = composed(world, f"written_reply:letter:{letter.id}", "before:2h")
    assert reply.text.splitlines()[:3] == [
        "✉️ 书面答复提醒",
        "书面答复华为技术有限公司的来函《专线报价》（11月27日（周五）10:30 收到）",
        "截止：12月1日（周二）23:59（还剩 2小时）",
    ]
    assert "规范：对于客户的书面来函，要在2个工作日内以书面形式答复客户。" in reply.text
    assert "出处：1.2.2 回复客户要求规范" in reply.text


def test_request_and_commitment(world: World) -> None:
    due = shanghai(2026, 11, 30, 18, 0)
    _, (asked, promised) = world.visit(
        world.customer(),
        START - timedelta(hours=2),
        way=WAY_PHONE,
        items=[
            NewItem(KIND_REQUEST, "开通专线测试", due),
            NewItem(KIND_COMMITMENT, "提供报价", due),
        ],
    )
    request = composed(world, f"follow_up:item:{asked.id}", "before:1d")
    commitment = composed(world, f"follow_up:item:{promised.id}", "before:1d")
    assert request.text.splitlines()[:2] == [
        "📌 客户要求提醒",
        "落实华为技术有限公司的要求：开通专线测试",
    ]
    assert commitment.text.splitlines()[:2] == [
        "🤝 承诺提醒",
        "履行对华为技术有限公司的承诺：提供报价（拜访中做出的承诺）",
    ]
    assert "规范：完成后续工作：跟踪落实客户提出的要求，履行拜访中做出的承诺。" in request.text


# -- planned visits --------------------------------------------------------------------------


def test_plan_confirmation(world: World) -> None:
    plan = world.plan(
        world.customer(), shanghai(2026, 11, 30, 9, 0), shanghai(2026, 11, 30, 10, 0)
    )
    row = reminder(world, f"plan_confirm:plan:{plan.id}", "day_before")
    reply = compose(world, row)
    assert reply is not None
    assert reply.text.splitlines()[:3] == [
        "📞 确认拜访预约",
        "明天 11月30日（周一）09:00–10:00 上门拜访华为技术有限公司",
        "目的：介绍云专线方案",
    ]
    assert "规范：正式拜访前至少提前一天和客户预约。" in reply.text
    # The booking is due before tomorrow 09:00: "明天再提醒" would pass it; "截止前1小时" instead.
    assert data(reply) == standard(row.id, "h", "b")
    assert "📋 拜访简报 · 华为技术有限公司" in reply.text  # an on-site visit's brief comes along
    world.records().plans.confirm_booking(plan.id)
    assert compose(world, row) is None


def test_departure_says_when_to_leave(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 10, 0))
    reply = composed(world, f"plan_depart:plan:{plan.id}", "at")
    assert reply.text.splitlines()[:5] == [
        "🚗 该出发了：拜访华为技术有限公司",
        "开始：11月30日（周一）10:00",
        "最晚 09:55 到达；按路上 30分钟 计，请在 09:25 前出发。",
        "目的：介绍云专线方案",
        "重点：报价",
    ]
    assert "规范：严格遵守预约时间，且至少提前5分钟到达预约地点。" in reply.text


def test_departure_at_dawn_is_announced_the_evening_before(world: World) -> None:
    plan = world.plan(world.customer(), shanghai(2026, 11, 30, 7, 30))
    reply = composed(world, f"plan_depart:plan:{plan.id}", "at")  # sent Sunday 21:59
    assert reply.text.splitlines()[0] == "🚗 出发提醒：拜访华为技术有限公司"
    assert "最晚 明天 07:25 到达；按路上 30分钟 计，请在 明天 06:55 前出发。" in reply.text


def test_log_prompt_opens_the_visit_form(world: World) -> None:
    plan = world.plan(
        world.customer(), shanghai(2026, 11, 30, 9, 0), shanghai(2026, 11, 30, 10, 0)
    )
    row = reminder(world, f"plan_log:plan:{plan.id}", "after:15m")
    reply = compose(world, row)
    assert reply is not None
    assert reply.text.splitlines()[:2] == [
        "📝 记录这次拜访",
        "上门拜访华为技术有限公司（计划 11月30日（周一）09:00–10:00）应已结束。",
    ]
    assert "出处：1.2.1 拜访客户规范—拜访成果共享" in reply.text
    assert data(reply) == [f"plan:log:{plan.id}", f"rem:snz:{row.id}:h", f"rem:snz:{row.id}:d"]


# -- bids ------------------------------------------------------------------------------------


def test_bid_checklist_is_the_bids_card_with_its_tick_buttons(world: World) -> None:
    bid = world.bid(shanghai(2026, 12, 2, 9, 0), world.customer())
    row = reminder(world, f"bid_checklist:bid:{bid.id}", "day_before")
    reply = compose(world, row)
    assert reply is not None
    lines = reply.text.splitlines()
    assert lines[0] == "⏰ 明天投标，请检查现场必需品"
    assert "📋 投标：智慧园区专网" in lines
    assert "⬜ 检查投影仪（1.2.4-03）" in lines
    assert f"bid:tick:{bid.id}:projector" in data(reply)
    assert data(reply)[-3:] == standard(row.id, "h", "b")


def test_bid_arrival_and_summary(world: World) -> None:
    bid = world.bid(shanghai(2026, 12, 2, 9, 0))
    arrive = composed(world, f"bid_arrive:bid:{bid.id}", "at")
    assert arrive.text.splitlines()[:4] == [
        "🚗 该出发了：《智慧园区专网》投标",
        "开始：12月2日（周三）09:00",
        "最晚 08:45 到达；按路上 30分钟 计，请在 08:15 前出发。",
        "地点：市公共资源交易中心",
    ]
    assert "应至少提前15分钟到达目的地" in arrive.text
    row = reminder(world, f"bid_summary:bid:{bid.id}", "after:4h")
    summary = compose(world, row)
    assert summary is not None
    assert summary.text.splitlines()[:2] == [
        "📝 投标总结：《智慧园区专网》",
        "投标于 12月2日（周三）09:00 开始。",
    ]
    assert "规范：招标结束后，应及时总结，以资借鉴。" in summary.text
    assert data(summary)[0] == f"bid:sum:{bid.id}"


# -- customers -------------------------------------------------------------------------------


def test_monthly_forecast(world: World) -> None:
    world.customer()
    world.at(shanghai(2026, 12, 1, 7, 0))
    reply = composed(world, "demand_forecast:2026-12", "first_workday")
    assert reply.text.splitlines()[:3] == [
        "📈 业务需求预测提醒",
        "做好12月客户业务需求预测（1个客户）",
        "截止：12月31日（周四）23:59（还剩 30天15小时）",
    ]
    assert "规范：每月做好客户的各类业务需求预测。" in reply.text
    assert "出处：1.2.3 日常工作规范" in reply.text
    assert reply.attachment is not None
    assert reply.attachment.filename == "业务需求预测-2026-12.xlsx"
    # The workbook is made by the sender, in the worker pool; made here, it is an .xlsx (a zip).
    to_make = reply.attachment.data
    assert isinstance(to_make, FileToMake)
    assert to_make.make(*to_make.args).startswith(b"PK")


def test_regular_visit(world: World) -> None:
    customer = world.customer(cadence=7)
    world.visit(customer, shanghai(2026, 11, 27, 9, 0), way=WAY_PHONE)
    row = reminder(world, f"regular_visit:customer:{customer.id}:2026-11-27", "overdue")
    assert row.send_at == shanghai(2026, 12, 5, 8, 0)
    reply = compose(world, row)
    assert reply is not None
    assert reply.text.splitlines()[:2] == [
        "🤝 该拜访华为技术有限公司了",
        "已 8 天未拜访（上次：11月27日（周五）；拜访周期：每7天）。",
    ]
    assert "规范：定期拜访客户，维系与客户的良好关系" in reply.text
    assert data(reply) == [f"cust:log:{customer.id}", *standard(row.id)]


def test_someone_elses_reminder_row_reads_nothing_of_mine(world: World) -> None:
    visit, _ = world.visit(world.customer(), shanghai(2026, 11, 26, 15, 0))
    row = reminder(world, f"thank_you_letter:visit:{visit.id}", "before:2h")
    assert compose(world, replace(row, owner_id=OTHER_ID)) is None


# -- the digest ------------------------------------------------------------------------------


def digest(world: World, day: str = "2026-11-28") -> Reminder:
    sync(world)
    [found] = [row for row in world.pending() if row.key == f"digest:{day}"]
    return found


def test_digest_lists_overdue_then_today_then_to_do(world: World) -> None:
    customer = world.customer()
    world.visit(customer, shanghai(2026, 11, 25, 9, 0))  # letter due Friday 10:00: overdue
    world.plan(customer, shanghai(2026, 11, 28, 10, 0), shanghai(2026, 11, 28, 11, 0))
    world.plan(world.customer("中国石化"), shanghai(2026, 11, 27, 9, 0), way=WAY_PHONE)
    row = digest(world)
    reply = compose(world, row)
    assert reply is not None
    assert reply.text.splitlines() == [
        "📋 今日待办 · 11月28日（周六）",
        "",
        "⚠️ 已逾期（1）：",
        "· 给华为技术有限公司送感谢函 —— 已逾期 22小时30分钟",
        "",
        "📅 今天到期（2）：",
        "· 出发拜访华为技术有限公司 —— 09:25前",
        "· 和华为技术有限公司确认拜访预约 —— 10:00前",
        "",
        "📝 待完成（1）：",
        "· 记录对中国石化的拜访",
        "",
        "发送 /todo 查看全部待办。",
    ]
    assert reply.buttons == ()


def test_no_digest_when_nothing_is_due(world: World) -> None:
    world.plan(world.customer(), shanghai(2026, 12, 10, 10, 0), confirmed=True)
    assert compose(world, digest(world)) is None


def test_a_digest_for_a_day_gone_by_is_not_sent(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 25, 9, 0))
    row = digest(world)
    assert compose(world, row, shanghai(2026, 11, 29, 9, 0)) is None


def test_a_long_digest_fits_one_message(world: World) -> None:
    customer = world.customer()
    world.visit(
        customer,
        START - timedelta(hours=2),
        way=WAY_PHONE,
        items=[
            NewItem(
                KIND_COMMITMENT, f"{index}号承诺" + "很长的内容" * 30, START + timedelta(hours=1)
            )
            for index in range(20)
        ],
    )
    reply = compose(world, digest(world))
    assert reply is not None
    assert len(reply.text) <= MESSAGE_LIMIT
    assert "…还有 5 项" in reply.text


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (timedelta(seconds=20), "不到1分钟"),
        (timedelta(minutes=45, seconds=40), "46分钟"),
        (timedelta(hours=2), "2小时"),
        (timedelta(hours=23, minutes=59, seconds=50), "1天"),
        (timedelta(hours=3, minutes=20), "3小时20分钟"),
        (timedelta(days=1, hours=2, minutes=40), "1天3小时"),
    ],
)
def test_spans_are_said_to_the_nearest_minute(delta: timedelta, said: str) -> None:
    assert approx_span(delta) == said


def test_a_curators_digest_counts_the_groups_new_to_review(world: World) -> None:
    StaffRegistry(world.store.db, world.clock).add(OWNER_ID, "孙老师", "curator", actor_id=0)
    for user, question in ((7, "鸣谢笺几时呈上"), (8, "鸣谢笺几时呈上"), (9, "食堂几点开饭")):
        world.store.unanswered.record(
            question=question,
            normalized=question,
            user_id=user,
            outcome=DECLINED,
            asked_at=shanghai(2026, 11, 27, 18, 0),
        )
    reply = compose(world, digest(world))
    assert reply is not None
    assert "📚 知识库有 2 组新的未答问题待审：/review" in reply.text.splitlines()
    assert "鸣谢笺" not in reply.text  # a count only


def test_a_managers_digest_says_nothing_of_the_review_queue(world: World) -> None:
    world.visit(world.customer(), shanghai(2026, 11, 25, 9, 0))
    world.store.unanswered.record(
        question="鸣谢笺几时呈上",
        normalized="鸣谢笺几时呈上",
        user_id=7,
        outcome=DECLINED,
        asked_at=shanghai(2026, 11, 27, 18, 0),
    )
    reply = compose(world, digest(world))
    assert reply is not None
    assert "/review" not in reply.text
