"""Dialogs with every answer at its longest: every message fits Telegram's limits, nothing
typed is lost, and a field shortened on the summary card can be seen whole."""

from __future__ import annotations

import logging

import pytest

from standin.messages import BotMessage
from storage.models import NewCustomer
from tests.e2e.conftest import RunningBot, press, say
from tests.e2e.test_visit import records

LONG_PURPOSE = "介绍云专线方案，" * 60  # 480 characters
LONG_PEOPLE = "信息中心张主任、" * 23 + "李科长"  # 187
LONG_LEARNED = "客户计划明年扩容数据中心；" * 76  # 988
LONG_VIEWS = "对价格有顾虑，认可我们的服务。" * 66  # 990
LONG_NEXT = "下周二提交方案，" * 61  # 488


def long_request(number: int) -> str:
    return f"第{number}条：" + "开通专线测试并出具报告" * 17  # 192 to 193 characters


def assert_fits(messages: list[BotMessage]) -> None:
    for message in messages:
        assert len(message.plain_text) <= 4096
        assert not message.plain_text.startswith("抱歉")


async def reach_items(bot: RunningBot) -> BotMessage:
    """A /visit with each free-text answer near its limit, up to the requests and commitments."""
    records(bot).customers.add(NewCustomer(name="华为技术有限公司"))
    message = await say(bot, "/visit 华为技术有限公司")
    message = await press(bot, message, "上门拜访")
    message = await press(bot, message, "建立关系")
    message = await say(bot, LONG_PURPOSE)
    message = await say(bot, "昨天下午3点到4点半")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, LONG_PEOPLE)
    message = await say(bot, LONG_LEARNED)
    message = await say(bot, LONG_VIEWS)
    assert "客户提出了什么要求" in message.plain_text
    return message


async def add_requests(bot: RunningBot, message: BotMessage, count: int) -> BotMessage:
    for number in range(1, count + 1):
        message = await press(bot, message, "添加客户要求")
        message = await say(bot, long_request(number))
        replies = await bot.driver.press(bot.manager, message, "明天")
        assert_fits(replies)
        message = replies[-1]
        assert "还有吗" in message.plain_text, message.plain_text[:80]
    return message


async def test_a_visit_with_every_answer_at_its_longest_is_confirmed_and_saved(
    bot: RunningBot,
) -> None:
    message = await add_requests(bot, await reach_items(bot), 5)
    message = await press(bot, message, "没有了，下一步")
    replies = await bot.ask(LONG_NEXT)
    assert_fits(replies)
    summary = replies[-1]
    assert "记录拜访（待确认）" in summary.plain_text
    for label in ("目的", "见到的客户人员", "了解到的情况", "客户的看法", "要求与承诺", "下一步"):
        assert f"· {label}：" in summary.plain_text

    saved = await bot.driver.press(bot.manager, summary, "确认保存")

    assert_fits(saved)
    assert "拜访记录已保存" in saved[-1].plain_text
    [visit] = records(bot).visits.recent()
    assert (visit.purpose, visit.people_met, visit.learned) == (
        LONG_PURPOSE,
        LONG_PEOPLE,
        LONG_LEARNED,
    )
    assert (visit.customer_views, visit.next_step) == (LONG_VIEWS, LONG_NEXT)
    assert [item.text for item in records(bot).follow_ups.for_visit(visit.id)] == [
        long_request(number) for number in range(1, 6)
    ]


async def test_twenty_long_requests_are_listed_and_saved(bot: RunningBot) -> None:
    message = await add_requests(bot, await reach_items(bot), 20)
    message = await press(bot, message, "没有了，下一步")
    summary = await say(bot, "/skip")
    assert "记录拜访（待确认）" in summary.plain_text

    saved = await bot.driver.press(bot.manager, summary, "确认保存")

    assert_fits(saved)
    assert "拜访记录已保存" in saved[-1].plain_text
    [visit] = records(bot).visits.recent()
    texts = [item.text for item in records(bot).follow_ups.for_visit(visit.id)]
    assert texts == [long_request(number) for number in range(1, 21)]
    listed = await say(bot, "/visits")
    detail = await bot.driver.press(bot.manager, listed, "1")
    assert_fits(detail)
    assert "第20条" in detail[-1].plain_text  # the last item is there, only shortened
    assert "记录于" in detail[-1].plain_text


async def test_a_field_shortened_on_the_summary_card_is_shown_whole_when_picked(
    bot: RunningBot,
) -> None:
    message = await add_requests(bot, await reach_items(bot), 20)
    message = await press(bot, message, "没有了，下一步")
    summary = await say(bot, LONG_NEXT)
    assert "（共988字）" in summary.plain_text  # 了解到的情况, shortened on the card
    assert "点“修改”选该项可看全文" in summary.plain_text

    menu = await press(bot, summary, "修改")
    question = await press(bot, menu, "了解到的情况")

    assert "这次了解到哪些情况" in question.plain_text
    assert LONG_LEARNED in question.plain_text


async def test_a_reply_built_too_long_is_cut_to_fit_with_a_warning(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The last line of defence: whatever a reply builder produces, Telegram gets a text it
    takes, and the log says which method had to cut."""
    await say(bot, "/start")
    with caplog.at_level(logging.WARNING, logger="handlers.telegram_client"):
        await bot.app.bot.send_message(bot.manager.id, "字" * 5000)
        press = bot.manager.press(await say(bot, "/norms"), "tree:c:1")
        await bot.app.bot.answer_callback_query(press["callback_query"]["id"], "长" * 300)

    assert len(bot.api.last_message(bot.manager.id).plain_text) <= 4096
    assert len(bot.api.answered_callbacks[press["callback_query"]["id"]]["text"]) <= 200
    warnings = [record.getMessage() for record in caplog.records]
    assert any(line.startswith("send_message: a text of 5000") for line in warnings)
    assert any(line.startswith("answer_callback_query: a text of 300") for line in warnings)
