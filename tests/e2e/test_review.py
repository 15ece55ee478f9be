"""Curators fix misses in chat: /review groups what the bot did not answer outright, one tap
teaches it, and everyone gets the answer at once and after a restart. Nobody else sees others'
questions, and forged review buttons do nothing."""

from __future__ import annotations

from pathlib import Path

from knowledge.service import Knowledge, KnowledgeService
from standin.messages import BotMessage
from tests.e2e.conftest import MANAGER_ID, OTHER_MANAGER_ID, RunningBot, source_lines, start_bot
from views.ask import DECLINE_TEXT, UNSURE_TEXT
from views.staff import NOT_FOR_YOUR_ROLE

CURATOR_ID = 700001
UNSURE_QUESTION = "去客户那要带礼品吗"  # the bot offers candidates, 拜访准备 among them
PICKED_NORM = "1.2.1-02"  # 明确拜访目的，准备拜访预案
ODD_QUESTION = "谒见完毕后鸣谢笺几时呈上"  # the bot declines it


def make_curator(bot: RunningBot) -> None:
    bot.app.bot_data.staff.add(CURATOR_ID, "培训部孙老师", "curator", actor_id=0)


async def curator_says(bot: RunningBot, text: str) -> BotMessage:
    return (await bot.driver.send(bot.api.user(CURATOR_ID, first_name="孙"), text))[-1]


async def curator_presses(bot: RunningBot, message: BotMessage, button: str) -> BotMessage:
    return (await bot.driver.press(bot.api.user(CURATOR_ID, first_name="孙"), message, button))[-1]


async def pick_the_preparation_norm(bot: RunningBot, user_id: int) -> None:
    user = bot.api.user(user_id)
    [offer] = await bot.driver.send(user, UNSURE_QUESTION)
    assert offer.plain_text.startswith(UNSURE_TEXT)
    choice = next(b for b in offer.buttons if (b.callback_data or "").endswith(PICKED_NORM))
    await bot.driver.press(user, offer, choice.callback_data or "")


async def test_a_suggestion_accepted_in_one_tap_answers_everyone(bot: RunningBot) -> None:
    make_curator(bot)
    await pick_the_preparation_norm(bot, MANAGER_ID)
    await pick_the_preparation_norm(bot, OTHER_MANAGER_ID)

    queue = await curator_says(bot, "/review")
    assert "〔建议〕" + UNSURE_QUESTION in queue.plain_text
    assert str(MANAGER_ID) not in queue.plain_text  # never who asked
    card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
    assert "共 2 次，2 人问过" in card.plain_text
    assert f"建议归入：{PICKED_NORM}" in card.plain_text
    done = await curator_presses(bot, card, card.buttons[0].callback_data or "")
    assert done.plain_text.startswith(f"已归入 {PICKED_NORM}")

    answer = await bot.ask_one(UNSURE_QUESTION, bot.api.user(OTHER_MANAGER_ID))
    assert source_lines(answer) == ["出处：1.2.1 拜访客户规范—拜访准备"]
    assert "提前准备拜访预案" in answer.plain_text


async def test_a_declined_question_is_assigned_through_search(bot: RunningBot) -> None:
    make_curator(bot)
    assert (await bot.ask_one(ODD_QUESTION)).plain_text == DECLINE_TEXT
    queue = await curator_says(bot, "/review")
    card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
    hint = await curator_presses(bot, card, "归入其他规范…")
    assert "/search" in hint.plain_text
    results = await curator_says(bot, "/search 感谢函")
    norm_button = next(b for b in results.buttons if (b.callback_data or "") == "norm:1.2.1-12")
    [norm_card] = await bot.driver.press(
        bot.api.user(CURATOR_ID), results, norm_button.callback_data or ""
    )
    done = await curator_presses(bot, norm_card, "📌 归入这条规范")
    assert done.plain_text.startswith("已归入 1.2.1-12")

    answer = await bot.ask_one(ODD_QUESTION)
    assert "48个小时内送出感谢函" in answer.plain_text
    assert source_lines(answer)


async def test_a_synonym_taught_by_buttons_helps_new_wordings(bot: RunningBot) -> None:
    make_curator(bot)
    await bot.ask("鸣谢笺呈上")
    queue = await curator_says(bot, "/review")
    card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
    words = await curator_presses(bot, card, "教同义词")
    terms = await curator_presses(bot, words, "鸣谢")
    assert "「鸣谢」指的是材料里的哪个术语" in terms.plain_text
    reply = await curator_says(bot, "/synonym 鸣谢笺=感谢函")
    assert reply.plain_text.startswith("已记下同义词：「鸣谢笺」→「感谢函」")
    answer = await bot.ask_one("拜访结束鸣谢笺最晚多久送出")
    assert "48个小时内送出感谢函" in answer.plain_text


async def test_a_misleading_synonym_is_refused_with_the_reason(bot: RunningBot) -> None:
    make_curator(bot)
    reply = await curator_says(bot, "/synonym 客户=感谢函")
    assert reply.plain_text.startswith("没有记下：")
    assert "太常见" in reply.plain_text


async def test_out_of_scope_is_declined_for_similar_questions_too(bot: RunningBot) -> None:
    make_curator(bot)
    similar = "拜访客户需不需要带伴手礼"
    assert (await bot.ask_one(similar)).plain_text != DECLINE_TEXT
    await bot.ask("拜访客户要不要带伴手礼")
    queue = await curator_says(bot, "/review")
    card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
    done = await curator_presses(bot, card, "范围外")
    assert done.plain_text.startswith("已标为范围外")
    assert (await bot.ask_one(similar)).plain_text == DECLINE_TEXT


async def test_a_decision_can_be_listed_and_undone(bot: RunningBot) -> None:
    make_curator(bot)
    await bot.ask(ODD_QUESTION)
    queue = await curator_says(bot, "/review")
    card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
    [first_candidate] = [b for b in card.buttons if (b.text or "").startswith("归入：")][:1]
    await curator_presses(bot, card, first_candidate.callback_data or "")
    listing = await curator_says(bot, "/review")
    decisions = await curator_presses(bot, listing, "已做的决定（可撤销）")
    assert "归入规范" in decisions.plain_text
    undone = await curator_presses(bot, decisions, decisions.buttons[0].callback_data or "")
    assert undone.plain_text.startswith("已撤销")
    assert (await bot.ask_one(ODD_QUESTION)).plain_text == DECLINE_TEXT


async def test_review_is_for_curators_and_admins_only(bot: RunningBot) -> None:
    await bot.ask(ODD_QUESTION)
    assert (await bot.ask_one("/review")).plain_text == NOT_FOR_YOUR_ROLE
    admin_view = await bot.ask_one("/review", bot.admin)
    assert ODD_QUESTION in admin_view.plain_text


async def test_a_forged_review_press_by_a_manager_does_nothing(bot: RunningBot) -> None:
    await bot.ask(ODD_QUESTION)
    key = bot.app.bot_data.store.unanswered.awaiting_review()[0].id
    await bot.driver.forged_press(bot.manager, MANAGER_ID, 1, f"rev:a:{key}:1.2.1-12")
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert answer.get("text") == NOT_FOR_YOUR_ROLE
    assert bot.app.bot_data.store.review.count() == 0
    assert (await bot.ask_one(ODD_QUESTION)).plain_text == DECLINE_TEXT


async def test_what_was_learned_is_served_after_a_restart(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    async for bot in start_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        make_curator(bot)
        await bot.ask(ODD_QUESTION)
        queue = await curator_says(bot, "/review")
        card = await curator_presses(bot, queue, queue.buttons[0].callback_data or "")
        await curator_presses(bot, card, "归入其他规范…")
        results = await curator_says(bot, "/search 感谢函")
        [norm_card] = await bot.driver.press(bot.api.user(CURATOR_ID), results, "norm:1.2.1-12")
        await curator_presses(bot, norm_card, "📌 归入这条规范")
    async for restarted in start_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        answer = await restarted.ask_one(ODD_QUESTION)
        assert "48个小时内送出感谢函" in answer.plain_text
