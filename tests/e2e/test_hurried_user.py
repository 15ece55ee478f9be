"""What a hurried user does to a dialog: the same command twice at once, a button of a dialog
already over, a paste longer than one message, an answer given again after a wrong one."""

from __future__ import annotations

from dialogs.engine import TAKE_LABEL
from standin.messages import BotMessage
from tests.e2e import test_bid as bid_tests
from tests.e2e import test_letter as letter_tests
from tests.e2e.conftest import MANAGER_ID, RunningBot, press, say
from tests.e2e.test_visit import reach_time_step


async def reach_learned(bot: RunningBot) -> BotMessage:
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, "信息中心张主任")
    assert "这次了解到哪些情况" in message.plain_text
    return message


def dialog_values(bot: RunningBot) -> dict[str, object]:
    values: dict[str, object] = bot.app.user_data[MANAGER_ID]["dialog"]["values"]
    return values


async def test_two_skips_sent_together_skip_one_step(bot: RunningBot) -> None:
    """A thumb on a slow network: both arrive within the same second, before the user could
    see the question the first one led to."""
    await reach_learned(bot)
    first, second = bot.manager.text("/skip"), bot.manager.text("/skip")

    [skipped] = await bot.driver.send_update(first)
    [early] = await bot.driver.send_update(second)

    assert "客户本人的主观看法" in skipped.plain_text
    assert "没有用来跳过这一步" in early.plain_text
    assert bot.app.user_data[MANAGER_ID]["dialog"]["step"] == "customer_views"
    message = await say(bot, "对价格有顾虑")
    assert "客户提出了什么要求" in message.plain_text
    assert dialog_values(bot)["customer_views"] == "对价格有顾虑"


async def test_twenty_skips_sent_together_skip_one_step(bot: RunningBot) -> None:
    await reach_learned(bot)
    skips = [bot.manager.text("/skip") for _ in range(20)]

    for skip in skips:
        await bot.driver.send_update(skip)

    assert bot.app.user_data[MANAGER_ID]["dialog"]["step"] == "customer_views"
    assert "customer_views" not in dialog_values(bot)


async def test_a_skip_sent_after_the_question_arrived_skips_it_at_once(bot: RunningBot) -> None:
    await reach_learned(bot)
    message = await say(bot, "/skip")
    assert "客户本人的主观看法" in message.plain_text

    message = await say(bot, "/skip")  # the same second, but after the question was there

    assert "客户提出了什么要求" in message.plain_text


async def test_two_backs_sent_together_go_back_one_step(bot: RunningBot) -> None:
    await reach_learned(bot)
    first, second = bot.manager.text("/back"), bot.manager.text("/back")

    [back] = await bot.driver.send_update(first)
    [early] = await bot.driver.send_update(second)

    assert "见了客户方的哪些人" in back.plain_text
    assert "没有再返回" in early.plain_text
    assert bot.app.user_data[MANAGER_ID]["dialog"]["step"] == "people_met"


async def test_a_button_of_a_cancelled_dialog_has_expired_and_changes_nothing(
    bot: RunningBot,
) -> None:
    old_question = await reach_time_step(bot)
    await say(bot, "/cancel")
    offer = await say(bot, "/letter 市政务服务中心")
    assert "新客户：市政务服务中心" in [button.text for button in offer.buttons]
    session_before = dict(bot.app.user_data[MANAGER_ID]["dialog"])

    replies = await bot.driver.press(bot.manager, old_question, "刚结束，约半小时")

    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已过期" in answer["text"]
    assert "重启" not in answer["text"]
    session = bot.app.user_data[MANAGER_ID]["dialog"]
    assert {key: session[key] for key in ("form", "step", "nonce", "pending", "values")} == {
        key: session_before[key] for key in ("form", "step", "nonce", "pending", "values")
    }
    message = await press(bot, offer, "新客户：市政务服务中心")  # the offer still works
    assert "哪天收到的来函" in message.plain_text


async def test_the_tail_of_a_long_paste_is_refused_too_and_nothing_is_saved(
    bot: RunningBot,
) -> None:
    """5,000 characters pasted reach the bot as two messages, 4,096 and 904: the second is
    the first's tail, not an answer of its own."""
    await reach_learned(bot)
    head, tail = bot.manager.paste("客户计划明年扩容数据中心。" * 385)

    [too_long] = await bot.driver.send_update(head)
    [refused] = await bot.driver.send_update(tail)

    assert "内容太长了" in too_long.plain_text
    assert "拆开的后半部分" in refused.plain_text
    assert bot.app.user_data[MANAGER_ID]["dialog"]["step"] == "learned"
    assert "learned" not in dialog_values(bot)
    message = await say(bot, "客户计划明年扩容数据中心")  # sent after the refusals: taken
    assert "客户本人的主观看法" in message.plain_text
    assert dialog_values(bot)["learned"] == "客户计划明年扩容数据中心"


async def test_the_tail_of_a_long_question_is_not_taken_for_a_question(bot: RunningBot) -> None:
    head, tail = bot.manager.paste("见完客户多久发感谢函？" * 390)
    assert len(tail["message"]["text"]) == 194

    await bot.driver.send_update(head)
    [refused] = await bot.driver.send_update(tail)

    assert "拆开的后半部分" in refused.plain_text
    assert bot.app.bot_data.store.unanswered.summary() == []


async def test_a_command_right_after_a_long_paste_is_carried_out(bot: RunningBot) -> None:
    await reach_learned(bot)
    [head] = bot.manager.paste("情" * 4096)
    cancel = bot.manager.text("/cancel")

    await bot.driver.send_update(head)
    [cancelled] = await bot.driver.send_update(cancel)

    assert "已取消" in cancelled.plain_text


async def test_the_take_button_goes_once_a_later_answer_is_refused(bot: RunningBot) -> None:
    await reach_time_step(bot)
    _, offered = await bot.ask("感谢函几天？")  # answered, with a button to take it here
    assert TAKE_LABEL in [button.text for button in offered.buttons]

    refused = await say(bot, "随便什么时候")

    assert "拜访是什么时候" in refused.plain_text
    assert TAKE_LABEL not in [button.text for button in refused.buttons]
    assert "text" not in bot.app.user_data[MANAGER_ID]["dialog"]["pending"]


async def test_an_impossible_date_gets_the_same_words_in_every_dialog(bot: RunningBot) -> None:
    await letter_tests.reach_received_step(bot)
    in_letter = await say(bot, "2月30日")
    await say(bot, "/cancel")
    await bid_tests.reach_time_step(bot)
    in_bid = await say(bot, "2月30日上午9点")
    await say(bot, "/cancel")
    await reach_time_step(bot)
    in_visit = await say(bot, "2月30日下午3点")

    for reply in (in_letter, in_bid, in_visit):
        assert reply.plain_text.startswith("2月没有30日。"), reply.plain_text


async def test_an_end_not_after_the_start_is_said_to_be_so(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "昨天下午3点")
    assert "持续了多久" in message.plain_text

    message = await say(bot, "到3点")

    assert message.plain_text.startswith("结束时间要晚于开始时间。"), message.plain_text
