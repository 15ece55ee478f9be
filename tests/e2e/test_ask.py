"""Norm questions typed as people type them get the material's words and their origin."""

from __future__ import annotations

import pytest

from storage.unanswered import UNSURE
from tests.e2e.conftest import RunningBot, button_data, source_lines
from views.ask import (
    DECLINE_TEXT,
    EMPTY_TEXT,
    GREETING_TEXT,
    NONE_MATCHED_TEXT,
    TASK_TEXT,
    THANKS_TEXT,
    TOO_LONG_TEXT,
    UNSURE_TEXT,
)


@pytest.mark.parametrize(
    ("question", "expected_text", "expected_source"),
    [
        (
            "见完客户多久要发感谢信",
            "正式拜访结束后48个小时内送出感谢函",
            "出处：1.2.1 拜访客户规范—上门拜访",
        ),
        ("感谢函 几天", "正式拜访结束后48个小时内送出感谢函", "出处：1.2.1 拜访客户规范—上门拜访"),
        (
            "感谢寒几天发",
            "正式拜访结束后48个小时内送出感谢函",
            "出处：1.2.1 拜访客户规范—上门拜访",
        ),
        ("上门拜访提前几分钟到", "至少提前5分钟到达预约地点", "出处：1.2.1 拜访客户规范—上门拜访"),
        ("客户来电我正跟同事谈事咋办", "请注意调整语调", "出处：1.2.7 行为礼仪—接听电话"),
        ("招标那天几点到", "应至少提前15分钟到达目的地", "出处：1.2.4 招投标工作规范"),
        (
            "客户的书面来函几天内回复",
            "要在2个工作日内以书面形式答复客户",
            "出处：1.2.2 回复客户要求规范",
        ),
    ],
)
async def test_colloquial_question_gets_the_norm_and_its_source(
    bot: RunningBot, question: str, expected_text: str, expected_source: str
) -> None:
    reply = await bot.ask_one(question)
    assert expected_text in reply.plain_text
    assert source_lines(reply) == [expected_source]


async def test_answer_offers_related_norms_that_open_on_press(bot: RunningBot) -> None:
    reply = await bot.ask_one("感谢函几天")
    related = [data for data in button_data(reply) if data.startswith("norm:")]
    assert related
    [opened] = await bot.driver.press(bot.manager, reply, related[0])
    assert opened.message_id != reply.message_id
    assert len(source_lines(opened)) == 1
    assert bot.driver.last_callback_answer is not None


@pytest.mark.parametrize("question", ["明天绍兴天气怎么样", "5G套餐资费多少钱", "路由器怎么重置"])
async def test_out_of_scope_question_is_declined_without_a_source(
    bot: RunningBot, question: str
) -> None:
    reply = await bot.ask_one(question)
    assert reply.plain_text == DECLINE_TEXT
    assert "/norms" in reply.plain_text
    assert source_lines(reply) == []
    [stored] = bot.app.bot_data.store.unanswered.summary()
    assert stored.question == question


@pytest.mark.parametrize("question", ["帮我写一封给客户的感谢函", "pls translate this proposal"])
async def test_a_request_for_a_piece_of_work_points_to_the_drafts(
    bot: RunningBot, question: str
) -> None:
    reply = await bot.ask_one(question)
    assert reply.plain_text == TASK_TEXT
    assert "起草感谢函" in reply.plain_text
    assert source_lines(reply) == []
    [stored] = bot.app.bot_data.store.unanswered.summary()
    assert stored.question == question  # a curator sees what people ask the bot to do


async def test_unsure_question_offers_candidates_and_records_the_pick(bot: RunningBot) -> None:
    reply = await bot.ask_one("拜访")
    assert reply.plain_text == UNSURE_TEXT
    picks = [data for data in button_data(reply) if data.startswith("pick:")]
    assert 2 <= len(picks) <= 3
    assert button_data(reply)[-1].startswith("miss:")
    [answer] = await bot.driver.press(bot.manager, reply, picks[0])
    assert answer.message_id == reply.message_id  # the question turns into the answer
    assert len(source_lines(answer)) == 1
    assert bot.app.bot_data.store.unanswered.summary() == []  # a pick answers it


async def test_none_of_the_candidates_keeps_the_question_open(bot: RunningBot) -> None:
    reply = await bot.ask_one("拜访")
    [miss] = [data for data in button_data(reply) if data.startswith("miss:")]
    [edited] = await bot.driver.press(bot.manager, reply, miss)
    assert edited.plain_text == NONE_MATCHED_TEXT
    [open_question] = bot.app.bot_data.store.unanswered.summary()
    assert open_question.outcomes == ("none_matched",)


async def test_someone_else_cannot_resolve_my_open_question(bot: RunningBot) -> None:
    reply = await bot.ask_one("拜访")
    [miss] = [data for data in button_data(reply) if data.startswith("miss:")]
    stranger = bot.api.user(555, first_name="路人")
    await bot.driver.forged_press(stranger, bot.manager.id, reply.message_id, miss)
    [open_question] = bot.app.bot_data.store.unanswered.summary()
    assert open_question.outcomes == (UNSURE,)


@pytest.mark.parametrize("text", ["   ", "。。。", "？"])
async def test_empty_question_gets_an_example(bot: RunningBot, text: str) -> None:
    reply = await bot.ask_one(text)
    assert reply.plain_text in (EMPTY_TEXT, DECLINE_TEXT)
    assert source_lines(reply) == []


async def test_five_thousand_characters_get_a_polite_limit(bot: RunningBot) -> None:
    reply = await bot.ask_one("感谢函" * 1700)
    assert reply.plain_text == TOO_LONG_TEXT


async def test_edited_question_is_answered_again(bot: RunningBot) -> None:
    first = await bot.ask_one("天气")
    assert first.plain_text == DECLINE_TEXT
    user_message_id = first.reply_to or first.message_id - 1
    [again] = await bot.driver.send_update(bot.manager.edited(user_message_id, "感谢函几天"))
    assert "48个小时内送出感谢函" in again.plain_text


@pytest.mark.parametrize(("text", "expected"), [("你好", GREETING_TEXT), ("谢谢！", THANKS_TEXT)])
async def test_small_talk_gets_a_kind_word_and_is_not_recorded(
    bot: RunningBot, text: str, expected: str
) -> None:
    reply = await bot.ask_one(text)
    assert reply.plain_text == expected
    assert bot.app.bot_data.store.unanswered.summary() == []
