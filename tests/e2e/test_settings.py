"""/settings end to end: quiet hours, the digest and the travel time, changed in place."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from standin.messages import BotMessage
from storage.models import WAY_ONSITE, NewPlan
from storage.settings import UserSettings
from tests.e2e.conftest import MANAGER_ID, RunningBot
from tests.e2e.seeding import add_customer, log_visit, records_of


def saved(bot: RunningBot) -> UserSettings:
    return bot.app.bot_data.store.settings.get(MANAGER_ID)


async def press(bot: RunningBot, message: BotMessage, button: str) -> BotMessage:
    await bot.driver.press(bot.manager, message, button)
    return bot.api.message(message.chat_id, message.message_id)


async def test_settings_show_the_defaults_with_buttons(bot: RunningBot) -> None:
    reply = await bot.ask_one("/settings")
    assert "免打扰：22:00–次日08:00" in reply.plain_text
    assert "早间汇总：每天 08:30" in reply.plain_text
    assert "路上时间：30分钟" in reply.plain_text
    assert [b.text for b in reply.buttons] == [
        "🌙 修改免打扰",
        "☀️ 修改早间汇总",
        "🚗 修改路上时间",
        "📚 修改每日一练",
        "✍️ 修改落款",
    ]
    assert "每日一练：每天 09:00" in reply.plain_text


async def test_quiet_hours_are_changed_in_place(bot: RunningBot) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, "🌙 修改免打扰")
    assert "✓ 22:00–08:00" in [b.text for b in menu.buttons]
    after = await press(bot, menu, "23:00–07:00")
    assert after.message_id == overview.message_id
    assert "免打扰：23:00–次日07:00" in after.plain_text
    assert "已保存" in after.plain_text
    assert (saved(bot).quiet_start, saved(bot).quiet_end) == (time(23, 0), time(7, 0))


async def test_quiet_hours_can_be_turned_off(bot: RunningBot) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, "🌙 修改免打扰")
    after = await press(bot, menu, "关闭免打扰")
    assert "免打扰：关闭" in after.plain_text
    assert not saved(bot).has_quiet_hours


async def test_the_digest_can_be_moved_and_turned_off(bot: RunningBot) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, "☀️ 修改早间汇总")
    after = await press(bot, menu, "07:30")
    assert "早间汇总：每天 07:30" in after.plain_text
    assert saved(bot).digest_at == time(7, 30)
    menu = await press(bot, after, "☀️ 修改早间汇总")
    after = await press(bot, menu, "关闭早间汇总")
    assert "早间汇总：关闭" in after.plain_text
    assert saved(bot).digest_at is None


async def test_the_travel_time_is_changed(bot: RunningBot) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, "🚗 修改路上时间")
    after = await press(bot, menu, "45分钟")
    assert "路上时间：45分钟" in after.plain_text
    assert saved(bot).travel_minutes == 45


async def test_back_leaves_everything_as_it_was(bot: RunningBot) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, "🚗 修改路上时间")
    back = await press(bot, menu, "« 返回")
    assert "路上时间：30分钟" in back.plain_text
    assert bot.app.bot_data.store.db.table("user_settings").count == 0


async def test_typed_settings_are_saved(bot: RunningBot) -> None:
    reply = await bot.ask_one("/settings 免打扰 22:30-07:30")
    assert "已保存" in reply.plain_text
    assert "免打扰：22:30–次日07:30" in reply.plain_text
    await bot.ask_one("/settings 汇总 关闭")
    await bot.ask_one("/settings 路上 40")
    assert saved(bot) == UserSettings(MANAGER_ID, time(22, 30), time(7, 30), None, 40)


async def test_unclear_typed_settings_say_how_and_change_nothing(bot: RunningBot) -> None:
    reply = await bot.ask_one("/settings 路上 一会儿")
    assert "0–240" in reply.plain_text
    assert saved(bot) == UserSettings(MANAGER_ID)


async def test_forged_settings_buttons_change_nothing(bot: RunningBot) -> None:
    own = await bot.ask_one("/settings")
    for data in ("set:travel:999", "set:quiet:2200-2200", "set:zap"):
        await bot.driver.forged_press(bot.manager, own.chat_id, own.message_id, data)
        answer = bot.driver.last_callback_answer
        assert answer is not None
        assert "失效" in answer["text"]
    assert saved(bot) == UserSettings(MANAGER_ID)


async def test_settings_in_a_group_point_to_the_private_chat(bot: RunningBot) -> None:
    group = bot.api.group(-100200, "政企一组")
    [answer] = await bot.driver.send(bot.manager, "/settings@kehu_zhushou_bot", chat=group)
    assert "私聊" in answer.plain_text


# -- a change re-plans the pending reminders -------------------------------------------------


def shanghai(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def pending_send_times(bot: RunningBot, key: str) -> list[datetime]:
    rows = bot.app.bot_data.store.reminders.for_key(MANAGER_ID, key)
    return sorted(row.send_at for row in rows if row.state == "pending")


async def change(bot: RunningBot, topic: str, preset: str) -> None:
    overview = await bot.ask_one("/settings")
    menu = await press(bot, overview, topic)
    await press(bot, menu, preset)


async def test_a_new_travel_time_moves_the_departure_reminder(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    # Monday 14:00; norm 1.2.1-05: there 5 minutes early, so leave at 13:25 with 30 minutes.
    plan = records.plans.add(
        NewPlan(customer.id, WAY_ONSITE, shanghai(11, 30, 14), None, "介绍云专线")
    )
    key = f"plan_depart:plan:{plan.id}"
    await bot.ask("/start")  # any update re-plans the user's reminders
    assert pending_send_times(bot, key) == [shanghai(11, 30, 13, 25)]

    await change(bot, "🚗 修改路上时间", "60分钟")

    assert pending_send_times(bot, key) == [shanghai(11, 30, 12, 55)]


async def test_turning_quiet_hours_off_sends_at_the_planned_hour(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    # An early visit this morning, ended 05:30: the letter is due Sunday 05:30 (norm
    # 1.2.1-12), so the reminder two hours before falls at 03:30 — moved to 21:59 before.
    visit = log_visit(records, customer.id, shanghai(11, 27, 4, 30))
    key = f"thank_you_letter:visit:{visit.id}"
    await bot.ask("/start")
    assert shanghai(11, 28, 21, 59) in pending_send_times(bot, key)

    await change(bot, "🌙 修改免打扰", "关闭免打扰")

    times = pending_send_times(bot, key)
    assert shanghai(11, 29, 3, 30) in times
    assert shanghai(11, 28, 21, 59) not in times


async def test_the_digest_follows_its_setting(bot: RunningBot) -> None:
    records = records_of(bot)
    add_customer(records, "华为技术有限公司")  # something to report: the monthly forecast
    await bot.ask("/start")
    tomorrow = "digest:2026-11-28"
    assert pending_send_times(bot, tomorrow) == [shanghai(11, 28, 8, 30)]

    await change(bot, "☀️ 修改早间汇总", "07:30")
    assert pending_send_times(bot, tomorrow) == [shanghai(11, 28, 7, 30)]

    await change(bot, "☀️ 修改早间汇总", "关闭早间汇总")
    assert pending_send_times(bot, tomorrow) == []
