"""The paperwork the norms demand, one tap away (issue 17), through the real Application: the
thank-you letter from a saved visit (its signature set once), 已送出; the written reply from
/letter; the bid summary; a dated next step becoming a plan; the compliance notes; snoozes that
stay before the deadline."""

from __future__ import annotations

import io
from datetime import timedelta

import docx

from standin.messages import BotMessage
from storage.models import NewBid, NewCustomer, NewLetter
from tests.e2e.conftest import OTHER_MANAGER_ID, RunningBot, press, say
from tests.e2e.test_reminder_buttons import deliver_due, sync
from tests.e2e.test_visit import fill_to_summary, reach_time_step, records
from tests.timekeeping.clock import shanghai
from views.drafts import DRAFT_GONE, NEED_SIGNATURE


async def saved_visit(bot: RunningBot) -> BotMessage:
    summary = await fill_to_summary(bot)
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    return saved


async def set_signature(bot: RunningBot, asked: BotMessage) -> BotMessage:
    """From the 设置落款 button to the saved signature (name and team prefilled)."""
    message = await press(bot, asked, "设置落款")
    message = await say(bot, "客户经理")  # title
    message = await say(bot, "13800138000")  # phone
    message = await say(bot, "中国电信某某分公司")  # company
    [*_, saved] = await bot.driver.press(bot.manager, message, "确认保存")
    return saved


def word_paragraphs(message: BotMessage) -> list[str]:
    assert message.document is not None
    return [p.text for p in docx.Document(io.BytesIO(message.document.data)).paragraphs]


async def test_a_thank_you_letter_is_drafted_from_the_saved_visit(bot: RunningBot) -> None:
    saved = await saved_visit(bot)
    assert "📝 起草感谢函" in [button.text for button in saved.buttons]
    assert "/customer 客户名称" not in saved.plain_text
    [asked] = await bot.driver.press(bot.manager, saved, "📝 起草感谢函")
    assert asked.plain_text == NEED_SIGNATURE
    signed = await set_signature(bot, asked)
    assert "落款已保存" in signed.plain_text
    drafted = await bot.driver.press(bot.manager, signed, "继续起草")
    [letter] = [m for m in drafted if m.kind == "text" and "感谢函草稿" in m.plain_text]
    [word] = [m for m in drafted if m.kind == "document"]
    assert "尊敬的信息中心张主任：" in letter.plain_text
    assert "感谢您于2026年11月26日在百忙之中接待我们的拜访。" in letter.plain_text
    assert "下周提供报价方案（11月30日前）" in letter.plain_text
    assert "对价格有顾虑" not in letter.plain_text  # the customer's views stay internal
    assert word.document is not None
    assert word.document.filename == "感谢函-华为技术有限公司-2026-11-26.docx"
    paragraphs = word_paragraphs(word)
    assert paragraphs[0] == "感谢函"
    assert "中国电信某某分公司" in paragraphs
    assert paragraphs[-1] == "2026年11月27日"

    await bot.driver.press(bot.manager, letter, "已送出")
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "按时送出" in answer["text"]
    [visit] = records(bot).visits.recent()
    assert visit.thank_you_sent_at == bot.clock.now
    pending = bot.app.bot_data.store.own_reminders(bot.manager.id).pending()
    assert not [row for row in pending if row.kind == "thank_you_letter"]


async def test_another_managers_forged_press_drafts_nothing(bot: RunningBot) -> None:
    await saved_visit(bot)
    [visit] = records(bot).visits.recent()
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    own = await bot.ask_one("/help", other)
    for data in (f"draft:ty:{visit.id}", f"draft:sent:{visit.id}"):
        sent = await bot.driver.forged_press(other, own.chat_id, own.message_id, data)
        assert bot.driver.last_callback_answer is not None
        assert bot.driver.last_callback_answer["text"] == DRAFT_GONE
        assert [m for m in sent if m.message_id != own.message_id] == []
    [unchanged] = records(bot).visits.recent()
    assert unchanged.thank_you_sent_at is None


async def test_a_written_reply_is_drafted_point_by_point(bot: RunningBot) -> None:
    customer = records(bot).customers.add(NewCustomer(name="市政务服务中心"))
    letter = records(bot).letters.add(
        NewLetter(
            customer_id=customer.id,
            received_at=bot.clock.now - timedelta(hours=3),
            subject="关于专线扩容和资费的函",
            reply_due_at=bot.clock.now + timedelta(days=2),
        )
    )
    listing = await say(bot, "/letter")
    [asked] = await bot.driver.press(bot.manager, listing, f"draft:rp:{letter.id}")
    await set_signature(bot, asked)
    listing = await say(bot, "/letter")
    message = (await bot.driver.press(bot.manager, listing, f"draft:rp:{letter.id}"))[-1]
    assert "来函提了哪些事项" in message.plain_text
    message = await say(bot, "把带宽升到1G")
    message = await press(bot, message, "可以办理")
    message = await say(bot, "在园区建5G专网")
    message = await press(bot, message, "本企业尚未开办或资源不满足")
    message = await press(bot, message, "完成，起草答复")
    drafted = await bot.driver.press(bot.manager, message, "确认保存")
    [text] = [m for m in drafted if "书面答复草稿" in m.plain_text]
    [word] = [m for m in drafted if m.kind == "document"]
    assert "一、关于把带宽升到1G：此项我们可以办理" in text.plain_text
    assert "二、关于在园区建5G专网：非常感谢贵单位的信任" in text.plain_text
    assert "1.2.2-04" in text.plain_text  # in the chat's notes …
    assert not any("1.2.2" in paragraph for paragraph in word_paragraphs(word))  # … not the letter
    assert "已书面答复" in [button.text for button in text.buttons]


async def test_a_dated_next_step_becomes_a_plan_in_one_tap(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点半")
    message = await press(bot, message, "独自拜访")
    for _ in range(3):
        message = await say(bot, "/skip")
    message = await press(bot, message, "没有了，下一步")
    summary = await say(bot, "下周二上午10点带方案再上门")
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    [plan_button] = [b for b in saved.buttons if b.text.startswith("计划下次拜访")]
    assert plan_button.text == "计划下次拜访（下周二上午10点）"
    [*_, planning] = await bot.driver.press(bot.manager, saved, plan_button.callback_data or "")
    assert "按“下周二上午10点”填好了客户和时间" in planning.plain_text
    assert "12月1日（周二）10:00" in planning.plain_text


async def test_a_risky_note_gets_one_caution_and_is_kept_as_typed(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点半")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, "/skip")  # people met
    note = "跟客户说联通的网络老掉线，别选他们"
    message = await say(bot, note)
    assert "⚠️ 提醒：避免对竞争对手进行不公正或贬低性及违反职业道德的评论" in message.plain_text
    assert "出处：1.2.6 与竞争对手接触的原则" in message.plain_text
    message = await say(bot, "提醒客户移动售后很差")  # the same norm again: no second caution
    assert "⚠️" not in message.plain_text
    message = await press(bot, message, "没有了，下一步")
    summary = await say(bot, "/skip")
    [*_, _saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    [visit] = records(bot).visits.recent()
    assert visit.learned == note


async def test_an_innocent_note_gets_no_caution(bot: RunningBot) -> None:
    message = await reach_time_step(bot)
    message = await say(bot, "昨天下午3点到4点半")
    message = await press(bot, message, "独自拜访")
    message = await say(bot, "/skip")
    message = await say(bot, "客户说移动也来报过价，比我们低一点")
    assert "⚠️" not in message.plain_text


async def test_a_bid_summary_is_drafted_after_the_bid(bot: RunningBot) -> None:
    bid = records(bot).bids.add(
        NewBid(
            customer_id=None,
            project="智慧园区专网",
            starts_at=bot.clock.now - timedelta(hours=3),
            place="市公共资源交易中心",
        )
    )
    own = await bot.ask_one("/help")
    drafted = await bot.driver.forged_press(
        bot.manager, own.chat_id, own.message_id, f"draft:bs:{bid.id}"
    )
    [text] = [m for m in drafted if "投标总结草稿" in m.plain_text]
    assert "项目：智慧园区专网" in text.plain_text
    assert [m for m in drafted if m.kind == "document"]


async def test_a_thank_you_reminder_two_hours_before_offers_no_tomorrow(bot: RunningBot) -> None:
    await saved_visit(bot)
    bot.clock.now = shanghai(2026, 11, 28, 14, 30)  # the letter is due at 16:30
    await sync(bot)
    await deliver_due(bot)
    reminders = [
        m for m in bot.api.messages(bot.manager.id) if m.plain_text.startswith("📮 感谢函")
    ]
    assert reminders
    labels = [button.text for button in reminders[-1].buttons]
    assert "明天再提醒" not in labels
    assert "📝 起草感谢函" in labels
