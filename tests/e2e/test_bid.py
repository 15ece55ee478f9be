"""/bid end to end: recording a bid, its checklist from the bid norms, and the summary after."""

from __future__ import annotations

from datetime import UTC, datetime

from standin.messages import BotMessage
from storage.models import Bid, NewBid
from storage.scope import Scope
from storage.store import Records
from tests.e2e.conftest import MANAGER_ID, RunningBot, button_data, press, say, source_lines

THURSDAY_9AM = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def records(bot: RunningBot, user_id: int = MANAGER_ID) -> Records:
    return bot.app.bot_data.store.records(Scope.own(user_id))


def add_bid(bot: RunningBot, starts_at: datetime = THURSDAY_9AM) -> Bid:
    return records(bot).bids.add(
        NewBid(customer_id=None, project="智慧校园项目", starts_at=starts_at, place="交易中心")
    )


async def reach_time_step(bot: RunningBot) -> BotMessage:
    message = await say(bot, "/bid 市教育局智慧校园项目")
    assert "招标的客户是哪家" in message.plain_text
    message = await press(bot, message, "不关联客户")
    assert "什么时候开始" in message.plain_text
    return message


async def test_a_bid_is_recorded_and_shows_its_checklist(bot: RunningBot) -> None:
    footer = await say(bot, "/bid")
    assert "没有即将进行或待总结的投标" in footer.plain_text
    message = await press(bot, footer, "➕ 登记投标")
    assert "投标的是什么项目" in message.plain_text
    message = await say(bot, "市教育局智慧校园项目")
    message = await say(bot, "市教育局")
    message = await press(bot, message, "新客户：市教育局")
    message = await say(bot, "12月3日上午9点")
    assert "时间：12月3日（周四）09:00" in message.plain_text
    summary = await say(bot, "市公共资源交易中心3楼开标室")
    assert "登记投标（待确认）" in summary.plain_text

    [*_, saved, card] = await bot.driver.press(bot.manager, summary, "确认保存")

    assert "投标已登记" in saved.plain_text
    text = card.plain_text
    # Norm 1.2.4-02: at least 15 minutes early.
    assert "最晚 12月3日（周四）08:45 到达" in text
    assert "检查投影仪" in text
    assert "检查标书" in text
    assert "招标要求的其它文件" in text
    assert "着职业装" in text
    assert "应标检查清单（已完成 0/6）" in text
    assert source_lines(card) == ["出处：1.2.4 招投标工作规范"]
    [bid] = records(bot).bids.all()
    assert (bid.project, bid.place, bid.starts_at) == (
        "市教育局智慧校园项目",
        "市公共资源交易中心3楼开标室",
        THURSDAY_9AM,
    )
    assert bid.customer_id == records(bot).customers.all()[0].id
    assert f"bid:tick:{bid.id}:projector" in button_data(card)


async def test_the_customer_can_be_skipped(bot: RunningBot) -> None:
    await reach_time_step(bot)
    await say(bot, "12月3日上午9点")
    summary = await say(bot, "交易中心")
    assert "· 客户：—" in summary.plain_text
    await bot.driver.press(bot.manager, summary, "确认保存")
    [bid] = records(bot).bids.all()
    assert bid.customer_id is None


async def test_a_ticked_item_is_stored_and_can_be_unticked(bot: RunningBot) -> None:
    bid = add_bid(bot)
    [card, _footer] = await bot.ask("/bid")

    [ticked] = await bot.driver.press(bot.manager, card, f"bid:tick:{bid.id}:projector")

    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已勾选：投影仪" in answer["text"]
    assert ticked.message_id == card.message_id
    assert "✅ 检查投影仪" in ticked.plain_text
    assert "已完成 1/6" in ticked.plain_text
    assert records(bot).bids.get(bid.id).checklist_done == ("projector",)  # type: ignore[union-attr]
    # A fresh /bid shows what was stored.
    [again, _] = await bot.ask("/bid")
    assert "✅ 检查投影仪" in again.plain_text

    [unticked] = await bot.driver.press(bot.manager, ticked, f"bid:untick:{bid.id}:projector")
    assert "⬜ 检查投影仪" in unticked.plain_text
    assert records(bot).bids.get(bid.id).checklist_done == ()  # type: ignore[union-attr]


async def test_another_users_bid_id_is_refused(bot: RunningBot) -> None:
    bid = add_bid(bot)
    intruder = bot.api.user(100002, first_name="赵")
    [footer] = await bot.ask("/bid", user=intruder)
    for data in (f"bid:tick:{bid.id}:projector", f"bid:sum:{bid.id}"):
        replies = await bot.driver.forged_press(intruder, intruder.id, footer.message_id, data)
        assert replies == []
        answer = bot.driver.last_callback_answer
        assert answer is not None
        assert "没有找到这个投标" in answer["text"]
    assert records(bot).bids.get(bid.id).checklist_done == ()  # type: ignore[union-attr]


async def test_an_unknown_checklist_key_is_refused(bot: RunningBot) -> None:
    bid = add_bid(bot)
    [card, _] = await bot.ask("/bid")
    await bot.driver.forged_press(
        bot.manager, bot.manager.id, card.message_id, f"bid:tick:{bid.id}:nothing"
    )
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "失效" in answer["text"]
    assert records(bot).bids.get(bid.id).checklist_done == ()  # type: ignore[union-attr]


async def test_after_the_bid_a_summary_is_written(bot: RunningBot) -> None:
    bid = add_bid(bot)
    bot.clock.advance(days=7)
    [card, _] = await bot.ask("/bid")
    assert "招标结束后，应及时总结，以资借鉴" in card.plain_text
    assert source_lines(card) == ["出处：1.2.4 招投标工作规范"]

    question = await press(bot, card, "写总结")
    assert "「智慧校园项目」招标结束后" in question.plain_text
    summary = await say(bot, "中标。讲标时按招标书逐条解释，效果好")
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")

    assert "投标总结已保存" in saved.plain_text
    stored = records(bot).bids.get(bid.id)
    assert stored is not None
    assert stored.summary == "中标。讲标时按招标书逐条解释，效果好"
    assert stored.summarized_at == bot.clock.now
    # Summed up: no longer waiting on /bid; the card (still on screen) can change it.
    [footer] = await bot.ask("/bid")
    assert "没有即将进行或待总结的投标" in footer.plain_text
    question = await press(bot, card, "写总结")
    assert "现在的总结：中标。" in question.plain_text


async def test_no_summary_before_the_bid(bot: RunningBot) -> None:
    bid = add_bid(bot)
    [card, _] = await bot.ask("/bid")
    await bot.driver.forged_press(
        bot.manager, bot.manager.id, card.message_id, f"bid:sum:{bid.id}"
    )
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "还没开始" in answer["text"]


async def test_a_bid_time_in_the_past_is_refused(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "昨天上午9点")
    assert "已经过去" in message.plain_text
    assert "什么时候开始" in message.plain_text


async def test_bad_input_re_asks_the_step(bot: RunningBot) -> None:
    await reach_time_step(bot)
    message = await say(bot, "下周吧")
    assert "什么时候开始" in message.plain_text
    message = await say(bot, "12月3日")
    assert "请写上几点" in message.plain_text
    await say(bot, "12月3日上午9点")
    message = await say(bot, "地" * 5000)
    assert "太长" in message.plain_text
    assert "在哪里投标" in message.plain_text
    [reply] = await bot.driver.send_update(bot.manager.sticker())
    assert "贴纸" in reply.plain_text
    assert "在哪里投标" in reply.plain_text
