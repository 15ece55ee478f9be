"""/visit end to end: the guided record of a visit through the real PTB stack and the stand-in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from standin.messages import BotMessage
from storage.models import NewCustomer
from storage.scope import Scope
from storage.store import Records
from tests.e2e.conftest import MANAGER_ID, RunningBot, press, say, source_lines


def records(bot: RunningBot, user_id: int = MANAGER_ID) -> Records:
    return bot.app.bot_data.store.records(Scope.own(user_id))


async def reach_time_step(bot: RunningBot) -> BotMessage:
    records(bot).customers.add(NewCustomer(name="华为技术有限公司"))
    message = await say(bot, "/visit 华为技术有限公司")
    message = await press(bot, message, "上门拜访")
    message = await press(bot, message, "建立关系")
    return await say(bot, "介绍云专线方案")


async def fill_to_summary(bot: RunningBot) -> BotMessage:
    message = await reach_time_step(bot)
    assert "拜访是什么时候" in message.plain_text
    message = await say(bot, "昨天下午3点到4点半")
    assert "时间：11月26日（周四）15:00–16:30" in message.plain_text
    message = await press(bot, message, "与项目组共同拜访")
    message = await say(bot, "信息中心张主任")
    message = await say(bot, "/skip")  # what was learned
    message = await say(bot, "对价格有顾虑，认可我们的服务")
    message = await press(bot, message, "添加我方承诺")
    message = await say(bot, "下周提供报价方案")
    message = await press(bot, message, "3天后")
    assert "下周提供报价方案" in message.plain_text
    message = await press(bot, message, "没有了，下一步")
    return await say(bot, "下周二提交方案")


async def test_a_whole_visit_is_logged_and_the_norms_say_what_follows(bot: RunningBot) -> None:
    summary = await fill_to_summary(bot)
    assert "记录拜访（待确认）" in summary.plain_text
    assert "· 客户：华为技术有限公司" in summary.plain_text
    assert "· 同行：与项目组共同拜访" in summary.plain_text

    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")

    assert "拜访记录已保存" in saved.plain_text
    # Norm 1.2.1-12: the thank-you letter within 48 hours of the end (16:30 on Thursday).
    assert "感谢函：请在 11月28日（周六）16:30 前送出" in saved.plain_text
    assert "出处：1.2.1 拜访客户规范—上门拜访" in source_lines(saved)
    assert "下周提供报价方案 —— 11月30日（周一）23:59前" in saved.plain_text
    [visit] = records(bot).visits.recent()
    assert visit.started_at == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert visit.ended_at == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert (visit.way, visit.stage, visit.companions) == (
        "onsite",
        "relationship",
        "project_group",
    )
    assert visit.learned is None
    assert visit.customer_views == "对价格有顾虑，认可我们的服务"
    [item] = records(bot).follow_ups.open_items()
    assert (item.kind, item.text, item.visit_id) == ("commitment", "下周提供报价方案", visit.id)


async def test_a_phone_visit_has_no_thank_you_letter(bot: RunningBot) -> None:
    message = await say(bot, "/visit 市政务服务中心")
    message = await press(bot, message, "新客户：市政务服务中心")
    message = await press(bot, message, "电话拜访")
    message = await press(bot, message, "一般性接触")
    message = await say(bot, "了解明年信息化预算")
    message = await press(bot, message, "刚结束，约半小时")
    message = await press(bot, message, "独自拜访")
    for _ in range(3):
        message = await say(bot, "/skip")
    message = await press(bot, message, "没有了，下一步")
    message = await say(bot, "/skip")
    [*_, saved] = await bot.driver.press(bot.manager, message, "确认保存")
    assert "拜访记录已保存" in saved.plain_text
    assert "感谢函" not in saved.plain_text
    [customer] = records(bot).customers.all()
    assert customer.name == "市政务服务中心"


async def test_a_misspelt_customer_is_offered_by_its_real_name(bot: RunningBot) -> None:
    records(bot).customers.add(NewCustomer(name="华为技术有限公司"))
    message = await say(bot, "/visit")
    message = await say(bot, "华伟")
    labels = [button.text for button in message.buttons]
    assert labels[0] == "华为技术有限公司"
    assert "新客户：华伟" in labels
    message = await press(bot, message, "华为技术有限公司")
    assert "拜访方式" in message.plain_text


async def test_recent_customers_are_offered_as_buttons(bot: RunningBot) -> None:
    summary = await fill_to_summary(bot)
    await bot.driver.press(bot.manager, summary, "确认保存")
    message = await say(bot, "/visit")
    message = await press(bot, message, "华为技术有限公司")
    assert "客户：华为技术有限公司" in message.plain_text
    assert "拜访方式" in message.plain_text


async def test_wrong_time_gets_an_example_and_the_same_step(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "随便什么时候")
    assert "拜访是什么时候" in message.plain_text
    assert "例如" in message.plain_text


async def test_a_visit_cannot_be_in_the_future(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "明天上午10点")
    assert "不能晚于现在" in message.plain_text
    assert "拜访是什么时候" in message.plain_text


async def test_a_start_without_end_asks_how_long(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "今天上午9点")
    assert "持续了多久" in message.plain_text
    message = await say(bot, "1个半小时")
    assert "时间：11月27日（周五）09:00–10:30" in message.plain_text


async def test_just_now_is_the_end_and_the_length_gives_the_start(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "刚才")
    assert "结束时间：11月27日（周五）10:30" in message.plain_text
    message = await say(bot, "45分钟")
    assert "时间：11月27日（周五）09:45–10:30" in message.plain_text


async def test_a_sticker_mid_dialog_re_asks_the_step(bot: RunningBot) -> None:
    await reach_time_step(bot)
    [reply] = await bot.driver.send_update(bot.manager.sticker())
    assert "贴纸" in reply.plain_text
    assert "拜访是什么时候" in reply.plain_text


async def test_a_norm_question_mid_dialog_is_answered_and_nothing_is_lost(
    bot: RunningBot,
) -> None:
    await reach_time_step(bot)
    answer, question = await bot.ask("感谢函几天？")
    assert source_lines(answer) == ["出处：1.2.1 拜访客户规范—上门拜访"]
    assert "拜访是什么时候" in question.plain_text
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    assert "见了客户方的哪些人" in message.plain_text
    summary = await bot.ask("/back")
    assert "是独自拜访" in summary[-1].plain_text


async def test_back_returns_one_step_and_cancel_leaves_without_saving(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "/back")
    assert "拜访的目的" in message.plain_text
    message = await say(bot, "/cancel")
    assert "已取消记录拜访" in message.plain_text
    assert records(bot).visits.recent() == []
    message = await say(bot, "感谢函几天")
    assert source_lines(message) == ["出处：1.2.1 拜访客户规范—上门拜访"]


async def test_empty_and_overlong_answers_are_refused_politely(bot: RunningBot) -> None:
    await reach_time_step(bot)
    await say(bot, "/back")
    message = await say(bot, "字" * 5000)
    assert "太长" in message.plain_text
    assert "拜访的目的" in message.plain_text


async def test_a_button_of_an_earlier_question_is_refused(bot: RunningBot) -> None:
    records(bot).customers.add(NewCustomer(name="华为技术有限公司"))
    way_question = await say(bot, "/visit 华为技术有限公司")
    await press(bot, way_question, "上门拜访")
    replies = await bot.driver.press(bot.manager, way_question, "电话拜访")
    assert replies == []  # no new question: that would retire the buttons about to be pressed
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已过期" in answer["text"]


async def test_the_summary_card_edits_one_field_and_returns(bot: RunningBot) -> None:
    summary = await fill_to_summary(bot)
    menu = await press(bot, summary, "修改")
    question = await press(bot, menu, "目的")
    assert "拜访的目的" in question.plain_text
    summary = await say(bot, "签订云专线合同")
    assert "· 目的：签订云专线合同" in summary.plain_text
    assert "请确认" in summary.plain_text


async def test_another_command_mid_dialog_does_not_lose_it(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    await bot.ask("/norms")
    busy = await say(bot, "/plan")
    assert "请先完成" in busy.plain_text
    message = await say(bot, "昨天下午3点到4点")
    assert "时间：11月26日（周四）15:00–16:00" in message.plain_text


async def test_visit_commands_in_a_group_point_to_the_private_chat(bot: RunningBot) -> None:
    group = bot.api.group(-100123, title="营销群")
    [reply] = await bot.driver.send(bot.manager, "/visit", chat=group)
    assert "私聊" in reply.plain_text


async def test_the_time_said_back_uses_shanghai_time(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "今天 9:30-10:30")
    assert "时间：11月27日（周五）09:30–10:30" in message.plain_text


async def test_a_dialog_left_for_hours_shows_itself_before_taking_text(bot: RunningBot) -> None:
    await reach_time_step(bot)
    bot.clock.advance(hours=7)
    message = await say(bot, "你好")
    assert "还没有完成" in message.plain_text
    assert "拜访是什么时候" in message.plain_text
    assert "把刚才那句作为本步回答" in [button.text for button in message.buttons]
    message = await say(bot, "今天上午9点到10点")
    assert "时间：11月27日（周五）09:00–10:00" in message.plain_text


async def test_back_from_the_items_list_leaves_the_loop(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    for _ in range(3):
        message = await say(bot, "/skip")
    message = await press(bot, message, "添加客户要求")
    message = await say(bot, "开通专线测试")
    message = await press(bot, message, "明天")
    assert "已记录" in message.plain_text
    message = await say(bot, "/back")
    assert "客户本人的主观看法" in message.plain_text


async def test_a_skip_sent_twice_while_the_bot_was_slow_skips_one_step(bot: RunningBot) -> None:
    """Two /skip sent at the same moment reach the bot late: the first skips the question
    asked then, the second was sent before the next question existed and skips nothing."""
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, "信息中心张主任")
    assert "这次了解到哪些情况" in message.plain_text
    first, second = bot.manager.text("/skip"), bot.manager.text("/skip")
    bot.clock.advance(seconds=10)  # the bot gets to them only now

    [skipped] = await bot.driver.send_update(first)
    [early] = await bot.driver.send_update(second)

    assert "客户本人的主观看法" in skipped.plain_text
    assert "没有用来跳过这一步" in early.plain_text
    message = await say(bot, "对价格有顾虑")
    assert "客户提出了什么要求" in message.plain_text
    session = bot.app.user_data[MANAGER_ID]["dialog"]
    assert session["values"]["customer_views"] == "对价格有顾虑"
    # A /skip sent after the question was asked skips it, as always.
    message = await press(bot, message, "没有了，下一步")
    assert "下一步工作" in message.plain_text
    message = await say(bot, "/skip")
    assert "记录拜访（待确认）" in message.plain_text


async def test_a_press_answered_too_late_still_takes_the_step(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A press that waited out a restart (or comes again after a crash) can no longer be
    answered; the step it chose is taken all the same, with no error and no apology."""
    records(bot).customers.add(NewCustomer(name="华为技术有限公司"))
    message = await say(bot, "/visit 华为技术有限公司")
    late_press = bot.manager.press(message, "上门拜访")
    bot.api.expire_callback_query(late_press["callback_query"]["id"])

    [*_, message] = await bot.driver.send_update(late_press)

    assert "阶段" in message.plain_text  # the next question
    assert bot.app.user_data[MANAGER_ID]["dialog"]["values"]["way"] == "onsite"
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
    assert "抱歉" not in message.plain_text


async def test_an_update_handed_over_again_after_a_crash_is_taken_once(bot: RunningBot) -> None:
    """Telegram hands an update over again when the bot died before confirming it; the step
    it answered may already be committed. It is asked again, not answered twice."""
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    answer = bot.manager.text("信息中心张主任")
    [learned] = await bot.driver.send_update(answer)
    assert "这次了解到哪些情况" in learned.plain_text
    skip = bot.manager.text("/skip")
    await bot.driver.send_update(skip)

    [again] = await bot.driver.send_update(skip)  # both again, in order, after a restart
    [again_too] = await bot.driver.send_update(answer)

    for message in (again, again_too):
        assert "客户本人的主观看法" in message.plain_text
    values = bot.app.user_data[MANAGER_ID]["dialog"]["values"]
    assert values["people_met"] == "信息中心张主任"
    assert "customer_views" not in values


async def test_a_question_not_known_to_be_seen_takes_only_its_own_buttons(
    bot: RunningBot,
) -> None:
    """After a crash between committing a step and knowing its question went out, a typed
    message is not taken for that question (it shows it instead); its button press is."""
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    assert "独自拜访" in [button.text for button in message.buttons]
    session = bot.app.user_data[MANAGER_ID]["dialog"]
    session["shown"] = False  # what the crash leaves committed

    held = await say(bot, "介绍云专线方案")  # the last answer, sent again after the silence

    assert "已经收到" in held.plain_text
    assert "是独自拜访，还是与项目组共同拜访" in held.plain_text
    assert "companions" not in bot.app.user_data[MANAGER_ID]["dialog"]["values"]
    bot.app.user_data[MANAGER_ID]["dialog"]["shown"] = False  # and the crash again
    message = await press(bot, held, "独自拜访")  # a button of that very question
    assert "见了客户方的哪些人" in message.plain_text
