"""/letter end to end: recording a customer's letter, its reply deadline, marking it answered."""

from __future__ import annotations

from datetime import UTC, datetime

from standin.messages import BotMessage
from storage.models import CustomerLetter, NewCustomer, NewLetter
from storage.scope import Scope
from storage.store import Records
from tests.e2e.conftest import MANAGER_ID, RunningBot, button_data, press, say, source_lines

CUSTOMER = "市教育局"


def records(bot: RunningBot, user_id: int = MANAGER_ID) -> Records:
    return bot.app.bot_data.store.records(Scope.own(user_id))


def add_letter(bot: RunningBot, subject: str, due: datetime) -> CustomerLetter:
    customer = records(bot).customers.by_name(CUSTOMER) or records(bot).customers.add(
        NewCustomer(name=CUSTOMER)
    )
    return records(bot).letters.add(
        NewLetter(
            customer_id=customer.id,
            received_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
            subject=subject,
            reply_due_at=due,
        )
    )


async def reach_received_step(bot: RunningBot) -> BotMessage:
    records(bot).customers.add(NewCustomer(name=CUSTOMER))
    message = await say(bot, f"/letter {CUSTOMER}")
    assert "哪天收到的来函" in message.plain_text
    return message


async def test_a_letter_received_on_friday_is_due_on_tuesday(bot: RunningBot) -> None:
    listing = await say(bot, "/letter")
    assert "没有待答复的客户来函" in listing.plain_text
    message = await press(bot, listing, "➕ 登记新来函")
    assert "是哪个客户的书面来函" in message.plain_text
    message = await say(bot, "市政务服务中心")
    message = await press(bot, message, "新客户：市政务服务中心")
    message = await press(bot, message, "今天")  # Friday 27 November
    assert "收到日期：11月27日（周五）" in message.plain_text
    summary = await say(bot, "关于专线扩容报价的函")
    assert "登记来函（待确认）" in summary.plain_text

    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")

    # Norm 1.2.2-01: 2 working days, the weekend not counted — Monday and Tuesday.
    assert "请在 12月1日（周二）之内以书面形式答复客户（2个工作日内）" in saved.plain_text
    assert source_lines(saved) == ["出处：1.2.2 回复客户要求规范"]
    [letter] = records(bot).letters.open_letters()
    assert letter.subject == "关于专线扩容报价的函"
    assert letter.received_at == bot.clock.now
    assert letter.reply_due_at == datetime(2026, 12, 1, 15, 59, 59, tzinfo=UTC)  # 23:59:59 local
    [customer] = records(bot).customers.all()
    assert customer.name == "市政务服务中心"


async def test_a_typed_date_is_taken_as_the_day_received(bot: RunningBot) -> None:
    await reach_received_step(bot)
    message = await say(bot, "11月25日")  # a Wednesday
    assert "收到日期：11月25日（周三）" in message.plain_text
    summary = await say(bot, "关于网络故障的函")
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    assert "请在 11月27日（周五）之内" in saved.plain_text


async def test_an_overdue_letter_says_so_when_saved(bot: RunningBot) -> None:
    await reach_received_step(bot)
    await say(bot, "11月20日")
    summary = await say(bot, "关于网络故障的函")
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    assert "已超过答复期限" in saved.plain_text


async def test_a_letter_cannot_be_received_in_the_future(bot: RunningBot) -> None:
    await reach_received_step(bot)
    message = await say(bot, "明天")
    assert "不能晚于今天" in message.plain_text
    assert "哪天收到的来函" in message.plain_text


async def test_bad_input_re_asks_the_step(bot: RunningBot) -> None:
    await reach_received_step(bot)
    message = await say(bot, "不记得了")
    assert "没看懂这个时间。可以这样写：今天、昨天" in message.plain_text
    message = await press(bot, message, "昨天")
    assert "收到日期：11月26日（周四）" in message.plain_text
    message = await say(bot, "字" * 5000)
    assert "太长" in message.plain_text
    assert "来函的事由" in message.plain_text
    [reply] = await bot.driver.send_update(bot.manager.sticker())
    assert "来函的事由" in reply.plain_text


async def test_open_letters_are_listed_by_due_date_with_overdue_marked(bot: RunningBot) -> None:
    later = add_letter(bot, "关于续约的函", datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC))
    overdue = add_letter(bot, "关于故障的函", datetime(2026, 11, 24, 15, 59, 59, tzinfo=UTC))
    answered = add_letter(bot, "已答复的函", datetime(2026, 12, 3, 15, 59, 59, tzinfo=UTC))
    records(bot).letters.mark_answered(answered.id, bot.clock.now)

    listing = await say(bot, "/letter")

    text = listing.plain_text
    assert "待书面答复的来函（2）" in text
    assert text.index("关于故障的函") < text.index("关于续约的函")
    assert "已答复的函" not in text
    overdue_line = next(line for line in text.splitlines() if "11月24日" in line)
    assert "已逾期" in overdue_line
    assert text.count("已逾期") == 1
    data = button_data(listing)
    done = [item for item in data if item.startswith("letter:done:")]
    assert done == [f"letter:done:{overdue.id}", f"letter:done:{later.id}"]
    assert data[:2] == [f"draft:rp:{overdue.id}", f"letter:done:{overdue.id}"]
    assert data[-1] == "letter:new"


async def test_the_answered_button_closes_the_letter_and_is_audited(bot: RunningBot) -> None:
    letter = add_letter(bot, "关于续约的函", datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC))
    listing = await say(bot, "/letter")

    [after] = await bot.driver.press(bot.manager, listing, "1. 已书面答复")

    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已标记为已书面答复" in answer["text"]
    assert after.message_id == listing.message_id  # the list is redrawn in place
    assert "没有待答复的客户来函" in after.plain_text
    stored = records(bot).letters.get(letter.id)
    assert stored is not None
    assert stored.answered_at == bot.clock.now
    history = records(bot).audit.history("customer_letters", letter.id)
    assert history[-1].action == "update"
    assert history[-1].actor_id == MANAGER_ID


async def test_another_users_letter_id_is_refused(bot: RunningBot) -> None:
    letter = add_letter(bot, "关于续约的函", datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC))
    intruder = bot.api.user(100002, first_name="赵")
    listing = await bot.ask_one("/letter", user=intruder)
    assert "关于续约的函" not in listing.plain_text

    replies = await bot.driver.forged_press(
        intruder, intruder.id, listing.message_id, f"letter:done:{letter.id}"
    )

    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "没有找到这封来函" in answer["text"]
    stored = records(bot).letters.get(letter.id)
    assert stored is not None
    assert stored.answered_at is None


async def test_a_forged_oversized_id_is_answered_not_crashed(bot: RunningBot) -> None:
    listing = await say(bot, "/letter")
    await bot.driver.forged_press(
        bot.manager, bot.manager.id, listing.message_id, "letter:done:" + "9" * 40
    )
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "没有找到这封来函" in answer["text"]
