"""/plan end to end: planning a visit with its 拜访预案, the booking rule, and plan → visit."""

from __future__ import annotations

from datetime import UTC, datetime

from standin.messages import BotMessage
from storage.models import NewCustomer, NewPlan, PlannedVisit
from storage.scope import Scope
from storage.store import Records
from tests.e2e.conftest import MANAGER_ID, RunningBot, button_data, press, say, source_lines

CUSTOMER = "华为技术有限公司"
# FIXED_NOW is Friday 2026-11-27 10:30 in Shanghai.
YESTERDAY_3PM = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
YESTERDAY_4PM = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
MONDAY_2PM = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def records(bot: RunningBot, user_id: int = MANAGER_ID) -> Records:
    return bot.app.bot_data.store.records(Scope.own(user_id))


def add_plan(bot: RunningBot, **changes: object) -> PlannedVisit:
    customer = records(bot).customers.by_name(CUSTOMER) or records(bot).customers.add(
        NewCustomer(name=CUSTOMER)
    )
    values: dict[str, object] = {
        "customer_id": customer.id,
        "way": "onsite",
        "starts_at": MONDAY_2PM,
        "ends_at": None,
        "purpose": "介绍云专线方案",
    }
    values.update(changes)
    return records(bot).plans.add(NewPlan(**values))  # type: ignore[arg-type]


async def reach_time_step(bot: RunningBot, way: str = "上门拜访") -> BotMessage:
    records(bot).customers.add(NewCustomer(name=CUSTOMER))
    message = await say(bot, f"/plan {CUSTOMER}")
    assert "拜访方式" in message.plain_text
    message = await press(bot, message, way)
    assert "计划什么时候拜访" in message.plain_text
    return message


async def test_a_whole_plan_is_saved_with_when_to_arrive(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "下周一 14:00-15:00")
    # Monday is more than a day away: no booking warning.
    assert "时间：11月30日（周一）14:00–15:00" in message.plain_text
    assert "不到一天" not in message.plain_text
    assert "目的" in message.plain_text
    message = await say(bot, "了解明年专线扩容需求")
    message = await say(bot, "确认扩容带宽和预算")
    message = await say(bot, "/skip")  # what to introduce
    summary = await say(bot, "割接会不会影响业务")
    assert "拜访计划（待确认）" in summary.plain_text
    assert "· 重点：确认扩容带宽和预算" in summary.plain_text
    assert "· 要介绍的内容：—" in summary.plain_text

    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")

    assert "拜访计划已保存" in saved.plain_text
    # Norm 1.2.1-05: at least 5 minutes early; norm 1.2.1-04: booked a day ahead.
    assert "请在 11月30日（周一）13:55 前到达" in saved.plain_text
    assert "请在 11月29日（周日）14:00 前和客户预约" in saved.plain_text
    assert "出处：1.2.1 拜访客户规范—上门拜访" in source_lines(saved)
    assert "出处：1.2.1 拜访客户规范—拜访准备" in source_lines(saved)
    [plan] = records(bot).plans.all()
    assert plan.starts_at == MONDAY_2PM
    assert plan.ends_at == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert (plan.way, plan.purpose, plan.status) == ("onsite", "了解明年专线扩容需求", "planned")
    assert plan.key_points == "确认扩容带宽和预算"
    assert plan.intro_content is None
    assert plan.customer_concerns == "割接会不会影响业务"
    assert plan.booking_confirmed is False


async def test_an_onsite_visit_tomorrow_morning_asks_about_the_booking(bot: RunningBot) -> None:
    await reach_time_step(bot)
    question = await say(bot, "明天上午9点")
    assert "离计划的时间已不到一天" in question.plain_text
    assert source_lines(question) == ["出处：1.2.1 拜访客户规范—拜访准备"]
    assert [button.text for button in question.buttons][:2] == ["已和客户约好", "还没有"]

    message = await press(bot, question, "已和客户约好")
    assert "拜访的目的" in message.plain_text
    message = await say(bot, "介绍云专线方案")
    for _ in range(3):
        message = await say(bot, "/skip")
    assert "（已和客户约好）" in message.plain_text
    [*_, saved] = await bot.driver.press(bot.manager, message, "确认保存")

    assert "已和客户约好时间" in saved.plain_text
    assert "请在 11月28日（周六）08:55 前到达" in saved.plain_text
    [plan] = records(bot).plans.all()
    assert plan.booking_confirmed is True
    assert plan.starts_at == datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


async def test_not_yet_booked_is_stored_and_said_again(bot: RunningBot) -> None:
    await reach_time_step(bot)
    question = await say(bot, "明天上午9点")
    message = await press(bot, question, "还没有")
    assert "请尽快和客户预约" in message.plain_text
    await say(bot, "介绍云专线方案")
    for _ in range(3):
        message = await say(bot, "/skip")
    [*_, saved] = await bot.driver.press(bot.manager, message, "确认保存")
    assert "还没有预约" in saved.plain_text
    [plan] = records(bot).plans.all()
    assert plan.booking_confirmed is False


async def test_a_phone_visit_tomorrow_has_no_booking_question(bot: RunningBot) -> None:
    await reach_time_step(bot, way="电话拜访")
    message = await say(bot, "明天上午9点")
    assert "不到一天" not in message.plain_text
    assert "拜访的目的" in message.plain_text


async def test_changing_the_way_to_onsite_on_the_summary_asks_about_the_booking(
    bot: RunningBot,
) -> None:
    await reach_time_step(bot, way="电话拜访")
    await say(bot, "明天上午9点")
    await say(bot, "介绍云专线方案")
    for _ in range(3):
        summary = await say(bot, "/skip")
    menu = await press(bot, summary, "修改")
    question = await press(bot, menu, "方式")
    question = await press(bot, question, "上门拜访")
    assert "离计划的时间已不到一天" in question.plain_text
    summary = await press(bot, question, "还没有")
    assert "· 方式：上门拜访" in summary.plain_text
    assert "（尚未预约）" in summary.plain_text


async def test_a_planned_time_in_the_past_is_refused(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "昨天下午3点")
    assert "已经过去" in message.plain_text
    assert "计划什么时候拜访" in message.plain_text


async def test_a_day_without_a_time_is_refused(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "下周一")
    assert "请写上几点" in message.plain_text
    assert "计划什么时候拜访" in message.plain_text


async def test_bad_input_re_asks_the_step(bot: RunningBot) -> None:
    await reach_time_step(bot)
    await say(bot, "下周一 14:00")
    message = await say(bot, "字" * 5000)
    assert "太长" in message.plain_text
    assert "拜访的目的" in message.plain_text
    message = await say(bot, "   ")
    assert "拜访的目的" in message.plain_text
    [reply] = await bot.driver.send_update(bot.manager.sticker())
    assert "贴纸" in reply.plain_text
    assert "拜访的目的" in reply.plain_text


async def test_plan_without_argument_lists_open_plans_soonest_first(bot: RunningBot) -> None:
    later = add_plan(bot, purpose="签合同")
    sooner = add_plan(bot, starts_at=datetime(2026, 11, 28, 1, 0, tzinfo=UTC), purpose="送方案")
    records(bot).plans.cancel(add_plan(bot, purpose="已取消的").id)

    listing = await say(bot, "/plan")

    text = listing.plain_text
    assert "计划中的拜访（2）" in text
    assert text.index("送方案") < text.index("签合同")
    assert "已取消的" not in text
    data = button_data(listing)
    assert f"plan:log:{sooner.id}" in data
    assert f"plan:cancel:{later.id}" in data
    assert "plan:new" in data
    assert all(len(item.encode()) <= 64 for item in data)


async def test_the_new_plan_button_starts_the_form(bot: RunningBot) -> None:
    listing = await say(bot, "/plan")
    assert "目前没有计划中的拜访" in listing.plain_text
    message = await press(bot, listing, "➕ 新建拜访计划")
    assert "计划拜访哪个客户" in message.plain_text


async def test_a_plan_becomes_a_visit_record_in_one_tap(bot: RunningBot) -> None:
    plan = add_plan(bot, starts_at=YESTERDAY_3PM, ends_at=YESTERDAY_4PM)
    listing = await say(bot, "/plan")
    assert "待记录" in listing.plain_text

    message = await press(bot, listing, f"plan:log:{plan.id}")

    # Customer, way, purpose and time come from the plan: the dialog asks the stage first.
    assert "已按计划填好" in message.plain_text
    assert "哪个阶段" in message.plain_text
    message = await press(bot, message, "建立关系")
    message = await press(bot, message, "独自拜访")
    for _ in range(3):
        message = await say(bot, "/skip")
    message = await press(bot, message, "没有了，下一步")
    summary = await say(bot, "/skip")
    assert f"· 客户：{CUSTOMER}" in summary.plain_text
    assert "· 方式：上门拜访" in summary.plain_text
    assert "· 目的：介绍云专线方案" in summary.plain_text
    assert "11月26日（周四）15:00–16:00" in summary.plain_text

    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")

    assert "拜访记录已保存" in saved.plain_text
    [visit] = records(bot).visits.recent()
    assert visit.plan_id == plan.id
    assert (visit.started_at, visit.ended_at) == (YESTERDAY_3PM, YESTERDAY_4PM)
    logged = records(bot).plans.get(plan.id)
    assert logged is not None
    assert (logged.status, logged.visit_id) == ("logged", visit.id)
    assert "目前没有计划中的拜访" in (await say(bot, "/plan")).plain_text


async def test_a_plan_not_yet_over_asks_for_the_real_time(bot: RunningBot) -> None:
    plan = add_plan(bot)
    listing = await say(bot, "/plan")
    message = await press(bot, listing, f"plan:log:{plan.id}")
    assert "请填写实际的拜访时间" in message.plain_text
    assert "哪个阶段" in message.plain_text
    message = await press(bot, message, "建立关系")
    assert "拜访是什么时候" in message.plain_text


async def test_a_plan_is_cancelled_after_confirming(bot: RunningBot) -> None:
    plan = add_plan(bot)
    listing = await say(bot, "/plan")
    [question] = await bot.driver.press(bot.manager, listing, f"plan:cancel:{plan.id}")
    assert "确定取消这个拜访计划吗" in question.plain_text
    assert records(bot).plans.get(plan.id).status == "planned"  # type: ignore[union-attr]

    [after] = await bot.driver.press(bot.manager, question, "确定取消")

    assert "目前没有计划中的拜访" in after.plain_text
    assert records(bot).plans.get(plan.id).status == "cancelled"  # type: ignore[union-attr]


async def test_the_booking_can_be_confirmed_from_the_list(bot: RunningBot) -> None:
    plan = add_plan(bot)
    listing = await say(bot, "/plan")
    assert "尚未确认已和客户预约" in listing.plain_text
    [after] = await bot.driver.press(bot.manager, listing, f"plan:booked:{plan.id}")
    assert "尚未确认" not in after.plain_text
    assert records(bot).plans.get(plan.id).booking_confirmed is True  # type: ignore[union-attr]


async def test_another_users_plan_id_is_refused(bot: RunningBot) -> None:
    plan = add_plan(bot)
    intruder = bot.api.user(100002, first_name="赵")
    await bot.ask("/plan", user=intruder)
    for data in (f"plan:log:{plan.id}", f"plan:cancel:{plan.id}", f"plan:drop:{plan.id}"):
        replies = await bot.driver.forged_press(intruder, intruder.id, 1, data)
        assert replies == []
        answer = bot.driver.last_callback_answer
        assert answer is not None
        assert "没有找到这个拜访计划" in answer["text"]
    assert records(bot).plans.get(plan.id).status == "planned"  # type: ignore[union-attr]
    assert records(bot, intruder.id).visits.recent() == []


async def test_a_logged_plan_cannot_be_logged_twice(bot: RunningBot) -> None:
    plan = add_plan(bot)
    listing = await say(bot, "/plan")
    records(bot).plans.cancel(plan.id)
    replies = await bot.driver.press(bot.manager, listing, f"plan:log:{plan.id}")
    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已经记录或取消" in answer["text"]


async def test_the_plan_buttons_mid_dialog_say_finish_first(bot: RunningBot) -> None:
    plan = add_plan(bot)
    listing = await say(bot, "/plan")
    await say(bot, "/letter 华为")
    await bot.driver.press(bot.manager, listing, f"plan:log:{plan.id}")
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "请先完成" in answer["text"]
