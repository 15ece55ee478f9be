"""/visits through the real PTB stack: newest first, page by page, a visit in full, privacy."""

from __future__ import annotations

from datetime import timedelta

from storage.models import KIND_COMMITMENT, WAY_PHONE, NewItem
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import RunningBot
from tests.e2e.seeding import add_customer, log_visit, log_visits_daily, records_of

OTHER_MANAGER_ID = 100002


async def test_no_visits_yet_says_how_to_log_one(bot: RunningBot) -> None:
    reply = await bot.ask_one("/visits")
    assert "还没有拜访记录" in reply.plain_text
    assert "/visit" in reply.plain_text


async def test_visits_are_listed_newest_first_with_customer_way_and_purpose(
    bot: RunningBot,
) -> None:
    records = records_of(bot)
    huawei = add_customer(records, "华为技术有限公司")
    steel = add_customer(records, "杭州钢铁集团")
    log_visit(records, huawei.id, FIXED_NOW - timedelta(days=2), "介绍云专线方案")
    log_visit(
        records,
        steel.id,
        FIXED_NOW - timedelta(hours=3),
        "回访" + "很长的目的" * 20,
        way=WAY_PHONE,
    )
    listing = await bot.ask_one("/visits")
    lines = listing.plain_text.splitlines()
    assert lines[1].startswith(
        "1. 11月27日（周五）07:30 · 杭州钢铁集团 · 电话拜访 · 回访很长的目的"
    )
    assert lines[1].endswith("…")  # the purpose shortened to one line
    assert lines[2] == "2. 11月25日（周三）10:30 · 华为技术有限公司 · 上门拜访 · 介绍云专线方案"
    assert [button.text for button in listing.buttons] == ["1", "2"]


async def test_visits_page_forward_and_back_in_place(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华信制造")
    log_visits_daily(records, customer.id, 23)
    first = await bot.ask_one("/visits")
    assert "（第1页）" in first.plain_text
    assert "1. 11月26日（周四）10:30 · 华信制造 · 电话拜访 · 第1次拜访的目的" in first.plain_text
    assert [button.text for button in first.buttons][-1] == "下一页 ▶"
    [second] = await bot.driver.press(bot.manager, first, "下一页 ▶")
    assert second.message_id == first.message_id
    assert "（第2页）" in second.plain_text
    assert "11. 11月16日（周一）10:30" in second.plain_text
    assert {"◀ 上一页", "下一页 ▶"} <= {button.text for button in second.buttons}
    [third] = await bot.driver.press(bot.manager, second, "下一页 ▶")
    assert "23. " in third.plain_text
    assert "下一页 ▶" not in [button.text for button in third.buttons]
    [back] = await bot.driver.press(bot.manager, third, "◀ 上一页")
    assert "（第2页）" in back.plain_text


async def test_visit_detail_shows_every_field_and_its_items(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    log_visit(
        records,
        customer.id,
        FIXED_NOW - timedelta(days=1),
        "介绍云专线方案",
        people_met="信息中心张主任",
        learned="明年扩建机房",
        customer_views="对价格有顾虑",
        next_step="下周二提交方案",
        companions="project_group",
        items=[NewItem(KIND_COMMITMENT, "下周提供报价方案", FIXED_NOW + timedelta(days=5))],
    )
    listing = await bot.ask_one("/visits")
    [detail] = await bot.driver.press(bot.manager, listing, "1")
    assert detail.message_id != listing.message_id
    assert detail.plain_text.splitlines() == [
        "📋 拜访详情：华为技术有限公司",
        "时间：11月26日（周四）10:30–11:30（1小时）",
        "方式：上门拜访 · 阶段：一般性接触",
        "同行：与项目组共同拜访",
        "目的：介绍云专线方案",
        "见到的客户人员：信息中心张主任",
        "了解到的情况：明年扩建机房",
        "客户的看法：对价格有顾虑",
        "下一步：下周二提交方案",
        "要求与承诺：",
        "1. 【我方承诺】下周提供报价方案 —— 12月2日（周三）10:30前 · 未完成",
        "记录于 11月27日（周五）10:30",
    ]
    [view] = await bot.driver.press(bot.manager, detail, "查看客户视图")
    assert "🏢 华为技术有限公司" in view.plain_text


async def test_another_manager_sees_none_of_the_visits(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    visit = log_visit(records, customer.id, FIXED_NOW - timedelta(days=1), "介绍云专线方案")
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    listing = await bot.ask_one("/visits", other)
    assert "还没有拜访记录" in listing.plain_text
    sent = await bot.driver.forged_press(
        other, listing.chat_id, listing.message_id, f"visits:open:{visit.id}"
    )
    assert sent == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "没有找到这条拜访记录" in answer["text"]


async def test_a_page_past_the_end_says_there_is_no_more(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华信制造")
    log_visits_daily(records, customer.id, 3)
    listing = await bot.ask_one("/visits")
    [reply] = await bot.driver.forged_press(
        bot.manager, listing.chat_id, listing.message_id, "visits:page:7"
    )
    assert "没有更早的拜访记录了" in reply.plain_text
