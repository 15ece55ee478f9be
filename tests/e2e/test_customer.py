"""/customer through the real PTB stack: the view, finding by name, the list, editing, privacy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.models import (
    KIND_COMMITMENT,
    KIND_REQUEST,
    WAY_PHONE,
    Customer,
    NewItem,
    NewLetter,
    NewPlan,
)
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import RunningBot, button_data
from tests.e2e.seeding import add_customer, log_visit, log_visits_daily, records_of
from views.common import MESSAGE_LIMIT

OTHER_MANAGER_ID = 100002


@pytest.fixture
def huawei(bot: RunningBot) -> Customer:
    """A customer with a profile, three visits, open items, a letter and a plan."""
    records = records_of(bot)
    customer = add_customer(
        records,
        "华为技术有限公司",
        industry="通信设备",
        finance_info="年营收约5亿元",
        contacts="信息中心张主任",
    )
    log_visit(records, customer.id, FIXED_NOW - timedelta(days=20), "初次接触")
    log_visit(
        records,
        customer.id,
        FIXED_NOW - timedelta(days=9),
        "介绍云专线方案",
        items=[NewItem(KIND_REQUEST, "开通专线测试", FIXED_NOW - timedelta(days=2))],
    )
    log_visit(records, customer.id, FIXED_NOW - timedelta(days=3), "回访报价", way=WAY_PHONE)
    records.follow_ups.add(
        customer.id, NewItem(KIND_COMMITMENT, "下周提供报价方案", FIXED_NOW + timedelta(days=5))
    )
    records.letters.add(
        NewLetter(customer.id, FIXED_NOW, "关于扩容的函", FIXED_NOW + timedelta(days=2))
    )
    records.plans.add(
        NewPlan(customer.id, "onsite", FIXED_NOW + timedelta(days=4), None, "签约前沟通")
    )
    return customer


async def test_view_shows_every_part_in_order(bot: RunningBot, huawei: Customer) -> None:
    view = await bot.ask_one("/customer 华为")
    text = view.plain_text
    headings = [
        "🏢 华为技术有限公司",
        "距上次拜访 3 天",
        "【客户资料】",
        "【待办的要求与承诺】共2项",
        "【待答复的来函】共1封",
        "【计划拜访】共1次",
        "【拜访记录】共3次",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert text.startswith("🏢 华为技术有限公司")  # part of the name is no misspelling
    assert "距上次拜访 3 天 · 上次：11月24日（周二）" in text
    assert "行业：通信设备 · 拜访周期：每30天" in text
    assert "· 财务信息：年营收约5亿元" in text
    assert "· 联系人：信息中心张主任" in text
    assert "未填写：生产信息、销售信息、管理资源信息、行业和产品等市场信息" in text


async def test_view_lists_visits_newest_first(bot: RunningBot, huawei: Customer) -> None:
    text = (await bot.ask_one("/customer 华为")).plain_text
    visits = text[text.index("【拜访记录】") :]
    assert visits.index("回访报价") < visits.index("介绍云专线方案") < visits.index("初次接触")
    assert "11月24日（周二）10:30 · 电话拜访 · 回访报价" in visits


async def test_view_marks_overdue_items_and_gives_due_times_in_local_time(
    bot: RunningBot, huawei: Customer
) -> None:
    text = (await bot.ask_one("/customer 华为")).plain_text
    assert "1. ⚠️已逾期 【客户要求】开通专线测试 —— 11月25日（周三）10:30前" in text
    assert "2. 【我方承诺】下周提供报价方案 —— 12月2日（周三）10:30前" in text
    assert "《关于扩容的函》11月27日（周五）收到 —— 11月29日（周日）10:30前书面答复" in text
    assert "12月1日（周二）10:30 · 上门拜访 · 签约前沟通" in text


async def test_view_has_edit_log_and_all_visits_buttons(bot: RunningBot, huawei: Customer) -> None:
    view = await bot.ask_one("/customer 华为")
    assert button_data(view) == [
        f"cust:edit:{huawei.id}",
        f"cust:log:{huawei.id}",
        f"cust:visits:{huawei.id}",
    ]
    assert view.buttons[2].text == "全部拜访（3）"


async def test_customer_past_its_cadence_is_flagged(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "中国移动通信", visit_cadence_days=14)
    log_visit(records, customer.id, FIXED_NOW - timedelta(days=40))
    text = (await bot.ask_one("/customer 中国移动通信")).plain_text
    assert "距上次拜访 40 天" in text
    assert "⚠️ 已超过拜访周期（每14天）" in text


async def test_customer_never_visited_says_so(bot: RunningBot) -> None:
    add_customer(records_of(bot), "华信制造")
    view = await bot.ask_one("/customer 华信制造")
    assert "还没有拜访记录。" in view.plain_text
    assert "【拜访记录】无" in view.plain_text
    assert "全部拜访" not in [button.text for button in view.buttons]


# -- finding the customer ------------------------------------------------------------------


async def test_homophone_finds_the_customer(bot: RunningBot, huawei: Customer) -> None:
    add_customer(records_of(bot), "杭州钢铁集团")
    view = await bot.ask_one("/customer 华伟")
    assert "🏢 华为技术有限公司" in view.plain_text
    assert "这是最接近的" in view.plain_text


async def test_several_close_names_offer_buttons(bot: RunningBot, huawei: Customer) -> None:
    records = records_of(bot)
    add_customer(records, "华为终端有限公司")
    question = await bot.ask_one("/customer 华为")
    assert "您要看哪一位" in question.plain_text
    assert sorted(button.text for button in question.buttons) == [
        "华为技术有限公司",
        "华为终端有限公司",
    ]
    [view] = await bot.driver.press(bot.manager, question, "华为技术有限公司")
    assert view.message_id != question.message_id
    assert "🏢 华为技术有限公司" in view.plain_text


async def test_unknown_name_says_how_to_add_the_customer(
    bot: RunningBot, huawei: Customer
) -> None:
    reply = await bot.ask_one("/customer 阿里巴巴")
    assert "您的客户中没有“阿里巴巴”" in reply.plain_text
    assert "/visit 阿里巴巴" in reply.plain_text


# -- the list of customers -----------------------------------------------------------------


async def test_customer_alone_lists_customers_with_days_since_last_visit(
    bot: RunningBot, huawei: Customer
) -> None:
    add_customer(records_of(bot), "杭州钢铁集团")
    listing = await bot.ask_one("/customer")
    assert "您的客户（共2个）" in listing.plain_text
    assert "1. 华为技术有限公司 —— 距上次拜访 3 天" in listing.plain_text
    assert "2. 杭州钢铁集团 —— 还没有拜访记录" in listing.plain_text
    [view] = await bot.driver.press(bot.manager, listing, f"cust:view:{huawei.id}")
    assert "🏢 华为技术有限公司" in view.plain_text


async def test_many_customers_are_listed_a_page_at_a_time(bot: RunningBot) -> None:
    records = records_of(bot)
    for number in range(23):
        add_customer(records, f"客户{number:02d}")
    first = await bot.ask_one("/customer")
    assert "共23个，第1/3页" in first.plain_text
    assert (
        len([b for b in first.buttons if (b.callback_data or "").startswith("cust:view:")]) == 10
    )
    [second] = await bot.driver.press(bot.manager, first, "下一页 ▶")
    assert second.message_id == first.message_id  # turned in place
    assert "第2/3页" in second.plain_text
    assert "11. 客户10" in second.plain_text
    [third] = await bot.driver.press(bot.manager, second, "下一页 ▶")
    assert "23. 客户22" in third.plain_text
    assert "下一页 ▶" not in [button.text for button in third.buttons]


async def test_no_customers_yet_explains_how_they_come(bot: RunningBot) -> None:
    reply = await bot.ask_one("/customer")
    assert "您还没有客户记录" in reply.plain_text
    assert "/visit" in reply.plain_text


# -- all visits of a customer --------------------------------------------------------------


async def test_all_visits_button_pages_through_the_history(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华信制造")
    log_visits_daily(records, customer.id, 25)
    view = await bot.ask_one("/customer 华信制造")
    [first] = await bot.driver.press(bot.manager, view, f"cust:visits:{customer.id}")
    assert first.message_id != view.message_id
    assert "「华信制造」的拜访记录（共25次，第1/3页）" in first.plain_text
    assert "1. 11月26日（周四）10:30 · 电话拜访 · 第1次拜访的目的" in first.plain_text
    [second] = await bot.driver.press(bot.manager, first, "下一页 ▶")
    assert "11. 11月16日（周一）10:30 · 电话拜访 · 第11次拜访的目的" in second.plain_text
    [detail] = await bot.driver.press(bot.manager, second, "12")
    assert "📋 拜访详情：华信制造" in detail.plain_text
    assert "目的：第12次拜访的目的" in detail.plain_text


# -- editing the profile -------------------------------------------------------------------


async def test_profile_editing_persists_and_is_audited(bot: RunningBot, huawei: Customer) -> None:
    view = await bot.ask_one("/customer 华为")
    [menu] = await bot.driver.press(bot.manager, view, "编辑资料")
    assert "编辑「华为技术有限公司」的资料" in menu.plain_text
    assert "出处：" in menu.plain_text
    [prompt] = [m for m in await bot.driver.press(bot.manager, menu, "财务信息") if m.buttons]
    assert "当前：年营收约5亿元" in prompt.plain_text
    [card] = await bot.ask("年营收约8亿元，通信预算每年100万")
    assert "· 财务信息：年营收约8亿元，通信预算每年100万（已修改）" in card.plain_text
    [menu] = [m for m in await bot.driver.press(bot.manager, card, "修改") if m.buttons]
    [prompt] = [m for m in await bot.driver.press(bot.manager, menu, "拜访周期") if m.buttons]
    [card] = [m for m in await bot.driver.press(bot.manager, prompt, "每两周") if m.buttons]
    assert "· 拜访周期：每14天（已修改）" in card.plain_text
    [saved] = [m for m in await bot.driver.press(bot.manager, card, "确认保存") if m.buttons]
    assert "✅ 已保存「华为技术有限公司」的资料：财务信息、拜访周期。" in saved.plain_text

    stored = records_of(bot).customers.get(huawei.id)
    assert stored is not None
    assert stored.finance_info == "年营收约8亿元，通信预算每年100万"
    assert stored.visit_cadence_days == 14
    last_change = records_of(bot).audit.history("customers", huawei.id)[-1]
    assert last_change.action == "update"
    assert last_change.actor_id == bot.manager.id
    assert last_change.before is not None
    assert last_change.after is not None
    assert last_change.before["finance_info"] == "年营收约5亿元"
    assert last_change.after["finance_info"] == "年营收约8亿元，通信预算每年100万"

    [view] = await bot.driver.press(bot.manager, saved, "查看客户视图")
    assert "· 财务信息：年营收约8亿元，通信预算每年100万" in view.plain_text
    assert "拜访周期：每14天" in view.plain_text


async def test_profile_field_can_be_cleared_and_cadence_typed(
    bot: RunningBot, huawei: Customer
) -> None:
    view = await bot.ask_one("/customer 华为")
    [menu] = await bot.driver.press(bot.manager, view, "编辑资料")
    [prompt] = [m for m in await bot.driver.press(bot.manager, menu, "联系人") if m.buttons]
    [card] = [m for m in await bot.driver.press(bot.manager, prompt, "清空这一项") if m.buttons]
    assert "· 联系人：未填写（已修改）" in card.plain_text
    [menu] = [m for m in await bot.driver.press(bot.manager, card, "修改") if m.buttons]
    await bot.driver.press(bot.manager, menu, "拜访周期")
    [again] = await bot.ask("隔三差五")
    assert "没看懂拜访周期" in again.plain_text
    [card] = await bot.ask("每两个月")
    assert "· 拜访周期：每60天（已修改）" in card.plain_text
    await bot.driver.press(bot.manager, card, "确认保存")
    stored = records_of(bot).customers.get(huawei.id)
    assert stored is not None
    assert (stored.contacts, stored.visit_cadence_days) == (None, 60)


async def test_cancelled_profile_edit_changes_nothing(bot: RunningBot, huawei: Customer) -> None:
    view = await bot.ask_one("/customer 华为")
    [menu] = await bot.driver.press(bot.manager, view, "编辑资料")
    await bot.driver.press(bot.manager, menu, "财务信息")
    await bot.ask("不该保存的内容")
    [reply] = await bot.ask("/cancel")
    assert "没有保存" in reply.plain_text
    stored = records_of(bot).customers.get(huawei.id)
    assert stored is not None
    assert stored.finance_info == "年营收约5亿元"
    assert [entry.action for entry in records_of(bot).audit.history("customers", huawei.id)] == [
        "create"
    ]


async def test_saving_without_changes_says_so_and_audits_nothing(
    bot: RunningBot, huawei: Customer
) -> None:
    view = await bot.ask_one("/customer 华为")
    [menu] = await bot.driver.press(bot.manager, view, "编辑资料")
    [card] = [m for m in await bot.driver.press(bot.manager, menu, "返回确认") if m.buttons]
    [reply] = [m for m in await bot.driver.press(bot.manager, card, "确认保存") if m.buttons]
    assert "资料没有改动" in reply.plain_text
    assert len(records_of(bot).audit.history("customers", huawei.id)) == 1


async def test_record_visit_button_starts_the_visit_with_the_customer_filled_in(
    bot: RunningBot, huawei: Customer
) -> None:
    view = await bot.ask_one("/customer 华为")
    [prompt] = await bot.driver.press(bot.manager, view, "记录拜访")
    assert "客户：华为技术有限公司" in prompt.plain_text
    assert "拜访方式" in prompt.plain_text
    assert [button.text for button in prompt.buttons][:2] == ["电话拜访", "上门拜访"]


async def test_view_buttons_that_start_a_dialog_wait_for_the_open_one(
    bot: RunningBot, huawei: Customer
) -> None:
    view = await bot.ask_one("/customer 华为")
    await bot.ask("/visit")
    await bot.driver.press(bot.manager, view, "编辑资料")
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "您正在记录拜访" in answer["text"]


async def test_customer_view_works_in_the_middle_of_a_dialog(
    bot: RunningBot, huawei: Customer
) -> None:
    await bot.ask("/visit")
    view = await bot.ask_one("/customer 华为")
    assert "🏢 华为技术有限公司" in view.plain_text


# -- size ----------------------------------------------------------------------------------


async def test_view_fits_one_message_with_5000_visits_and_long_texts(bot: RunningBot) -> None:
    records = records_of(bot)
    long = "很长的内容" * 400  # 2,000 characters
    customer = add_customer(
        records,
        "华信制造",
        industry="制造业",
        contacts=long,
        finance_info=long,
        production_info=long,
        sales_info=long,
        management_info=long,
        market_info=long,
    )
    with bot.app.bot_data.store.db.atomic():  # one transaction: seconds, not minutes
        log_visits_daily(records, customer.id, 5000, learned=long)
    for number in range(30):
        records.follow_ups.add(
            customer.id, NewItem(KIND_REQUEST, f"{number}{long[:300]}", FIXED_NOW)
        )
    for number in range(12):
        records.letters.add(NewLetter(customer.id, FIXED_NOW, f"{number}{long[:200]}", FIXED_NOW))
    view = await bot.ask_one("/customer 华信制造")
    assert len(view.plain_text) <= MESSAGE_LIMIT
    assert "【拜访记录】共5000次，最近10次" in view.plain_text
    assert "……还有20项未列出" in view.plain_text
    assert "完整资料" in [button.text for button in view.buttons]
    [profile] = await bot.driver.press(bot.manager, view, "完整资料")
    assert len(profile.plain_text) <= MESSAGE_LIMIT


# -- privacy -------------------------------------------------------------------------------


async def test_another_manager_finds_nothing_by_name_or_list(
    bot: RunningBot, huawei: Customer
) -> None:
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    reply = await bot.ask_one("/customer 华为", other)
    assert "华为技术有限公司" not in reply.plain_text
    assert "您还没有客户记录" in reply.plain_text
    listing = await bot.ask_one("/customer", other)
    assert "您还没有客户记录" in listing.plain_text


async def test_another_managers_own_customer_of_the_same_name_is_theirs_alone(
    bot: RunningBot, huawei: Customer
) -> None:
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    add_customer(records_of(bot, OTHER_MANAGER_ID), "华为技术有限公司", finance_info="赵的笔记")
    text = (await bot.ask_one("/customer 华为", other)).plain_text
    assert "赵的笔记" in text
    assert "年营收约5亿元" not in text
    assert "【拜访记录】无" in text


@pytest.mark.parametrize("verb", ["view", "visits", "profile"])
async def test_forged_view_buttons_with_anothers_id_read_as_not_found(
    bot: RunningBot, huawei: Customer, verb: str
) -> None:
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    own = await bot.ask_one("/help", other)
    sent = await bot.driver.forged_press(
        other, own.chat_id, own.message_id, f"cust:{verb}:{huawei.id}"
    )
    assert sent == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "没有找到这个客户" in answer["text"]


@pytest.mark.parametrize("verb", ["edit", "log"])
async def test_forged_dialog_buttons_with_anothers_id_start_nothing(
    bot: RunningBot, huawei: Customer, verb: str
) -> None:
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    own = await bot.ask_one("/help", other)
    [reply] = await bot.driver.forged_press(
        other, own.chat_id, own.message_id, f"cust:{verb}:{huawei.id}"
    )
    assert "没有找到这个客户" in reply.plain_text
    assert "华为" not in reply.plain_text
    # No dialog was opened: free text is a question again, not a step's answer.
    assert bot.app.user_data[OTHER_MANAGER_ID].get("dialog") is None


async def test_forged_page_of_anothers_customer_visits_is_refused(
    bot: RunningBot, huawei: Customer
) -> None:
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    own = await bot.ask_one("/help", other)
    await bot.driver.forged_press(other, own.chat_id, own.message_id, f"cust:vp:{huawei.id}:0")
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "没有找到这个客户" in answer["text"]
    assert "初次接触" not in bot.api.message(own.chat_id, own.message_id).plain_text


async def test_customer_buttons_in_a_group_show_nothing(bot: RunningBot, huawei: Customer) -> None:
    group = bot.api.group(-100500, title="政企部")
    sent = await bot.driver.forged_press(bot.manager, group.id, 1, f"cust:view:{huawei.id}")
    assert sent == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "私聊" in answer["text"]
