"""Typed text is brought to one form before it is matched, checked or stored: invisible names
and look-alike customers never appear, and nothing visible is lost."""

from __future__ import annotations

import pytest

from storage.models import NewCustomer
from tests.e2e.conftest import MANAGER_ID, RunningBot, press, say
from tests.e2e.test_visit import reach_time_step, records
from views.ask import EMPTY_TEXT


async def test_a_customer_name_of_zero_width_characters_is_refused_as_empty(
    bot: RunningBot,
) -> None:
    await say(bot, "/visit")
    reply = await say(bot, "\u200b\u200c\u200d")

    assert "内容是空的" in reply.plain_text
    assert "拜访的是哪个客户" in reply.plain_text
    assert not [button for button in reply.buttons if button.text.startswith("新客户")]
    assert records(bot).customers.all() == []


async def test_a_customer_name_without_letters_is_refused(bot: RunningBot) -> None:
    await say(bot, "/visit")
    reply = await say(bot, "。。。")

    assert "客户名称要有文字或数字" in reply.plain_text
    assert not [button for button in reply.buttons if button.text.startswith("新客户")]


async def test_a_name_with_an_invisible_character_is_the_existing_customer(
    bot: RunningBot,
) -> None:
    records(bot).customers.add(NewCustomer(name="并发保存客户"))
    await say(bot, "/visit")
    reply = await say(bot, "并发保存客户\u200b")

    assert "客户：并发保存客户" in reply.plain_text
    assert "拜访方式" in reply.plain_text
    assert [customer.name for customer in records(bot).customers.all()] == ["并发保存客户"]


async def test_a_free_text_answer_of_zero_width_characters_is_refused(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, "信息中心张主任")
    assert "这次了解到哪些情况" in message.plain_text

    reply = await say(bot, "\u200b\u2060\ufeff")

    assert "内容是空的" in reply.plain_text
    assert "这次了解到哪些情况" in reply.plain_text
    assert "learned" not in bot.app.user_data[MANAGER_ID]["dialog"]["values"]


async def test_an_answer_is_stored_in_the_documented_form(bot: RunningBot) -> None:
    await reach_time_step(bot)
    await say(bot, "/back")
    await say(bot, "  介绍\u200b云专线\t\t方案，报价ＡＢＣ１２３  ")

    values = bot.app.user_data[MANAGER_ID]["dialog"]["values"]
    assert values["purpose"] == "介绍云专线 方案，报价ABC123"


@pytest.mark.parametrize("text", ["。", "😀", "\u200b", "？！……", "👍\u200d\ufe0f"])
async def test_a_question_without_words_gets_a_short_reply_and_is_not_recorded(
    bot: RunningBot, text: str
) -> None:
    reply = await bot.ask_one(text)

    assert reply.plain_text == EMPTY_TEXT
    assert bot.app.bot_data.store.unanswered.summary() == []
