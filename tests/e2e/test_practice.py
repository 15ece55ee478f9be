"""每日一练 end to end: /quiz rounds answered with buttons, the norm and its 出处 after each
answer, old buttons refused, the daily push through the reminder engine (once a day, never in
quiet hours, a dialog never broken), a lead's assigned section and skill levels."""

from __future__ import annotations

from datetime import date

from standin.messages import BotMessage
from tests.e2e.conftest import ADMIN_ID, MANAGER_ID, RunningBot, button_data, say
from tests.e2e.test_reminders_flow import pending, sweep_at
from tests.timekeeping.clock import shanghai
from training.questions import questions_of
from views.button_data import STALE_QUIZ

LEAD_ID = 300001


def right_option(bot: RunningBot, message: BotMessage) -> str:
    """The data of the right answer's button (the test knows the question bank)."""
    store = bot.app.bot_data.store
    round_id, position = (int(part) for part in button_data(message)[0].split(":")[2:4])
    practice_round = store.practice.round(MANAGER_ID, round_id)
    assert practice_round is not None
    key = practice_round.question_keys[position]
    [question] = [q for q in questions_of(bot.app.bot_data.knowledge.current.kb) if q.key == key]
    return f"qz:a:{round_id}:{position}:{question.answer}"


async def test_a_round_of_five_with_the_norm_after_each_answer(bot: RunningBot) -> None:
    question = await say(bot, "/quiz")
    assert question.plain_text.startswith("📚 每日一练 1/5")
    for number in range(2, 6):
        replies = await bot.driver.press(bot.manager, question, right_option(bot, question))
        answered, question = replies[0], replies[-1]
        assert "✅ 答对了！" in answered.plain_text
        assert "出处：" in answered.plain_text
        assert answered.buttons == []
        assert question.plain_text.startswith(f"📚 每日一练 {number}/5")
    [answered, end] = await bot.driver.press(bot.manager, question, right_option(bot, question))
    assert end.plain_text.startswith("🎉 本轮完成：答对 5/5。")
    assert "已连续练习 1 天。" in end.plain_text


async def test_an_old_question_says_it_was_answered(bot: RunningBot) -> None:
    question = await say(bot, "/quiz")
    right = right_option(bot, question)
    await bot.driver.press(bot.manager, question, right)
    await bot.driver.forged_press(bot.manager, MANAGER_ID, question.message_id, right)
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert answer["text"] == STALE_QUIZ


async def test_a_wrong_answer_shows_the_right_one(bot: RunningBot) -> None:
    question = await say(bot, "/quiz")
    right = right_option(bot, question)
    wrong = next(data for data in button_data(question) if data != right)
    [answered, *_] = await bot.driver.press(bot.manager, question, wrong)
    assert "❌ 答错了。正确答案：" in answered.plain_text


async def test_an_unknown_section_lists_those_that_exist(bot: RunningBot) -> None:
    reply = await say(bot, "/quiz 不存在的章节")
    assert reply.plain_text.startswith("没有找到「不存在的章节」。可以练习的章节：")
    assert "1.2.7 行为礼仪规范" in reply.plain_text


async def test_a_focused_round_keeps_to_its_section(bot: RunningBot) -> None:
    question = await say(bot, "/quiz 1.2.7")
    store = bot.app.bot_data.store
    open_round = store.practice.open_round(MANAGER_ID)
    assert open_round is not None
    assert all(key.startswith("1.2.7-") for key in open_round.question_keys)
    assert question.plain_text.startswith("📚 每日一练 1/5")


async def test_a_round_waits_while_a_dialog_is_open(bot: RunningBot) -> None:
    await say(bot, "/visit 华为")
    reply = await say(bot, "/quiz")
    assert reply.plain_text.startswith("您正在填写「记录拜访」")
    await say(bot, "/cancel")
    assert (await say(bot, "/quiz")).plain_text.startswith("📚 每日一练 1/5")


async def test_the_daily_push_comes_once_at_nine(bot: RunningBot) -> None:
    await say(bot, "/start")  # the update that plans the user's reminders
    assert [row.key for row in pending(bot) if row.kind == "practice"] == ["practice:2026-11-28"]
    assert await sweep_at(bot, shanghai(2026, 11, 28, 8, 59)) == []
    [push] = await sweep_at(bot, shanghai(2026, 11, 28, 9, 0))
    assert push.plain_text.startswith("📚 每日一练：今天的5道题")
    assert "1/5" in push.plain_text
    assert await sweep_at(bot, shanghai(2026, 11, 28, 9, 1)) == []


async def test_the_daily_push_never_breaks_a_dialog(bot: RunningBot) -> None:
    await say(bot, "/start")
    await say(bot, "/visit 华为")
    [push] = await sweep_at(bot, shanghai(2026, 11, 28, 9, 0))
    assert push.plain_text.startswith("📚 每日一练：今天的题已备好。您正在填写「记录拜访」")
    assert [b.text for b in push.buttons] == ["开始练习"]


async def test_practice_in_quiet_hours_moves_to_their_end(bot: RunningBot) -> None:
    await say(bot, "/settings 练习 07:00")  # inside the default quiet hours 22:00–08:00
    [row] = [row for row in pending(bot) if row.kind == "practice"]
    assert row.send_at == shanghai(2026, 11, 28, 8, 0)


async def test_a_lead_assigns_a_section_and_the_daily_round_draws_from_it(
    bot: RunningBot,
) -> None:
    bot.app.bot_data.staff.add(LEAD_ID, "钱组长", "lead", "政企一组", actor_id=ADMIN_ID)
    lead = bot.api.user(LEAD_ID, first_name="钱")
    reply = await bot.ask_one("/quiz 指派 1.2.7", lead)
    assert reply.plain_text.startswith("已给团队指派练习：1.2.7 行为礼仪规范。")
    manager_says = await bot.ask_one("/quiz 指派 1.2.7")
    assert manager_says.plain_text == "只有团队长可以给团队指派练习。"
    await say(bot, "/start")
    await sweep_at(bot, shanghai(2026, 11, 28, 9, 0))
    daily = bot.app.bot_data.store.practice.daily_round_on(MANAGER_ID, date(2026, 11, 28))
    assert daily is not None
    assert all(key.startswith("1.2.7-") for key in daily.question_keys)


async def test_levels_are_set_by_admins_and_leads_of_the_team(bot: RunningBot) -> None:
    bot.app.bot_data.staff.add(LEAD_ID, "钱组长", "lead", "政企二组", actor_id=ADMIN_ID)
    lead = bot.api.user(LEAD_ID, first_name="钱")
    assert (await bot.ask_one(f"/level {MANAGER_ID} 二级", lead)).plain_text == (
        "团队长只能设置本团队成员的级别。"
    )
    reply = await bot.ask_one(f"/level {MANAGER_ID} 二级", bot.admin)
    assert reply.plain_text.startswith("已把 李明 的技能级别设为二级。")
    assert bot.app.bot_data.store.practice.level(MANAGER_ID) == "二级"
    assert (await bot.ask_one(f"/level {MANAGER_ID} 二级")).plain_text.startswith("抱歉")


async def test_a_lead_sees_the_teams_mastery_and_weakest_norms(bot: RunningBot) -> None:
    bot.app.bot_data.staff.add(LEAD_ID, "钱组长", "lead", "政企一组", actor_id=ADMIN_ID)
    lead = bot.api.user(LEAD_ID, first_name="钱")
    await bot.ask("/quiz 指派 1.2.7", lead)
    question = await say(bot, "/quiz")
    right = right_option(bot, question)
    wrong = next(data for data in button_data(question) if data != right)
    await bot.driver.press(bot.manager, question, wrong)
    replies = await bot.ask("/team", lead)
    [practice] = [m for m in replies if m.plain_text.startswith("📚 政企一组 每日一练掌握情况")]
    assert "· 李明：ch1 0% · 1.1 0%" in practice.plain_text
    assert "指派练习 1.2.7：已掌握 80% 的有 （还没有）" in practice.plain_text
    assert "团队最薄弱的规范（答错比例）：" in practice.plain_text
    assert "（100%）" in practice.plain_text
    assert "赵强" not in practice.plain_text  # another team's member
