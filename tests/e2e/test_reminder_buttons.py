"""The buttons under a reminder, end to end: 已完成 by kind, snoozes, and presses not to trust.

Reminders come the real way: the bot's own jobs plan them from the records (the hourly sync)
and send the due ones (the sweep), composed from the records, through the stand-in.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from handlers.context import BotContext
from reminders.jobs import SWEEP_JOB, SYNC_JOB
from standin.messages import BotMessage
from storage.models import (
    KIND_COMMITMENT,
    WAY_ONSITE,
    Customer,
    FollowUpItem,
    NewItem,
    NewLetter,
    NewPlan,
)
from storage.reminders import Reminder
from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, RunningBot, button_data
from tests.e2e.seeding import add_customer, log_visit, records_of

# FIXED_NOW is Friday 2026-11-27 10:30 in Shanghai.
OTHER_ID = 100002


def shanghai(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def store_of(bot: RunningBot) -> Store:
    return bot.app.bot_data.store


@pytest.fixture
def huawei(bot: RunningBot) -> Customer:
    return add_customer(records_of(bot), "华为技术有限公司")


async def run_job(bot: RunningBot, name: str) -> None:
    """Run one of the reminder jobs now, as the JobQueue would."""
    assert bot.app.job_queue is not None
    [job, *_] = bot.app.job_queue.get_jobs_by_name(name)
    await job.callback(BotContext.from_job(job, bot.app))


async def sync(bot: RunningBot) -> None:
    await run_job(bot, SYNC_JOB)


async def deliver_due(bot: RunningBot) -> None:
    await run_job(bot, SWEEP_JOB)


def pending(bot: RunningBot, key: str) -> list[Reminder]:
    rows = store_of(bot).reminders.for_key(MANAGER_ID, key)
    return sorted((r for r in rows if r.state == "pending"), key=lambda r: r.send_at)


def message_of(bot: RunningBot, reminder_id: int) -> BotMessage:
    sent = store_of(bot).reminders.get(reminder_id)
    assert sent is not None
    assert sent.state == "sent", sent
    assert sent.message_id is not None
    return bot.api.message(MANAGER_ID, sent.message_id)


async def first_reminder(bot: RunningBot, key: str) -> BotMessage:
    """The obligation's first reminder, sent when it falls due (the clock moved on to it)."""
    await bot.ask("/start")  # a bot can only write to someone who wrote to it first
    await sync(bot)
    [first, *_] = pending(bot, key)
    bot.clock.now = max(bot.clock.now, first.send_at)
    await deliver_due(bot)
    return message_of(bot, first.id)


async def press(bot: RunningBot, message: BotMessage, button: str) -> str:
    """Press a button (by text or data); the callback answer's text."""
    await bot.driver.press(bot.manager, message, button)
    answer = bot.driver.last_callback_answer
    assert answer is not None
    return str(answer.get("text", ""))


def now_shown(message: BotMessage, bot: RunningBot) -> BotMessage:
    return bot.api.message(message.chat_id, message.message_id)


def a_promise(bot: RunningBot, customer: Customer) -> FollowUpItem:
    """A promise due Sunday 10:30: its first reminder comes a day before, Saturday 10:30."""
    return records_of(bot).follow_ups.add(
        customer.id, NewItem(KIND_COMMITMENT, "发送报价单", FIXED_NOW + timedelta(days=2))
    )


# -- 已完成 ------------------------------------------------------------------------------------


async def test_done_on_a_thank_you_letter_notes_it_and_stops_the_reminders(
    bot: RunningBot, huawei: Customer
) -> None:
    visit = log_visit(records_of(bot), huawei.id, FIXED_NOW - timedelta(hours=30))
    key = f"thank_you_letter:visit:{visit.id}"
    message = await first_reminder(bot, key)
    assert "感谢函" in message.plain_text
    assert pending(bot, key) != []  # the overdue one is still to come
    bot.clock.advance(minutes=5)

    answer = await press(bot, message, "已完成")

    assert "已记录为完成" in answer
    saved = records_of(bot).visits.get(visit.id)
    assert saved is not None
    assert saved.thank_you_sent_at == bot.clock.now
    assert pending(bot, key) == []
    edited = now_shown(message, bot)
    assert edited.plain_text.startswith(message.plain_text)
    assert edited.plain_text.endswith("✅ 已完成")
    assert edited.buttons == []


async def test_done_on_a_written_reply_answers_the_letter(
    bot: RunningBot, huawei: Customer
) -> None:
    letter = records_of(bot).letters.add(
        NewLetter(huawei.id, FIXED_NOW, "扩容申请", FIXED_NOW + timedelta(days=2))
    )
    key = f"written_reply:letter:{letter.id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "已完成")
    answered = records_of(bot).letters.get(letter.id)
    assert answered is not None
    assert answered.answered_at == bot.clock.now
    assert pending(bot, key) == []


async def test_done_on_a_promise_ticks_it_off(bot: RunningBot, huawei: Customer) -> None:
    item = a_promise(bot, huawei)
    key = f"follow_up:item:{item.id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "已完成")
    ticked = records_of(bot).follow_ups.get(item.id)
    assert ticked is not None
    assert ticked.done_at == bot.clock.now
    assert pending(bot, key) == []


async def test_done_on_a_booking_reminder_confirms_the_plan(
    bot: RunningBot, huawei: Customer
) -> None:
    plan = records_of(bot).plans.add(
        NewPlan(huawei.id, WAY_ONSITE, FIXED_NOW + timedelta(days=3), None, "介绍云专线")
    )
    key = f"plan_confirm:plan:{plan.id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "已完成")
    confirmed = records_of(bot).plans.get(plan.id)
    assert confirmed is not None
    assert confirmed.booking_confirmed
    assert pending(bot, key) == []
    # The plan itself goes on: the departure reminder is still planned.
    assert pending(bot, f"plan_depart:plan:{plan.id}") != []


async def test_done_on_the_monthly_forecast_records_the_month(
    bot: RunningBot, huawei: Customer
) -> None:
    key = "demand_forecast:2026-11"
    message = await first_reminder(bot, key)
    await press(bot, message, "已完成")
    assert store_of(bot).completions(MANAGER_ID).is_done(key)
    assert pending(bot, key) == []
    await sync(bot)  # re-planning does not bring it back
    assert pending(bot, key) == []


async def test_done_on_a_departure_reminder_just_stops_it(
    bot: RunningBot, huawei: Customer
) -> None:
    plan = records_of(bot).plans.add(
        NewPlan(huawei.id, WAY_ONSITE, FIXED_NOW + timedelta(days=3), None, "介绍云专线")
    )
    key = f"plan_depart:plan:{plan.id}"
    message = await first_reminder(bot, key)
    answer = await press(bot, message, "已完成")
    assert "不再提醒" in answer
    await sync(bot)
    assert pending(bot, key) == []
    still = records_of(bot).plans.get(plan.id)
    assert still is not None
    assert still.status == "planned"


# -- snoozes ---------------------------------------------------------------------------------


async def test_snooze_for_an_hour(bot: RunningBot, huawei: Customer) -> None:
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    assert bot.clock.now == shanghai(11, 28, 10, 30)

    answer = await press(bot, message, "1小时后提醒")

    [snoozed] = [r for r in pending(bot, key) if r.slot.startswith("snooze:")]
    assert snoozed.send_at == shanghai(11, 28, 11, 30)
    assert "将在 11月28日（周六）11:30 再提醒您" in answer
    edited = now_shown(message, bot)
    assert "已推迟到 11月28日（周六）11:30" in edited.plain_text
    assert [button.text for button in edited.buttons] == ["已完成"]


async def test_snooze_until_tomorrow_comes_back_at_nine(bot: RunningBot, huawei: Customer) -> None:
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    answer = await press(bot, message, "明天再提醒")
    [snoozed] = [r for r in pending(bot, key) if r.slot.startswith("snooze:")]
    assert snoozed.send_at == shanghai(11, 29, 9, 0)
    assert "11月29日（周日）09:00" in answer


async def test_snooze_into_quiet_hours_waits_for_their_end(
    bot: RunningBot, huawei: Customer
) -> None:
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    bot.clock.now = shanghai(11, 28, 21, 30)  # pressed that evening
    await press(bot, message, "1小时后提醒")
    [snoozed] = [r for r in pending(bot, key) if r.slot.startswith("snooze:")]
    assert snoozed.send_at == shanghai(11, 29, 8, 0)


async def test_snooze_follows_the_users_own_quiet_hours(bot: RunningBot, huawei: Customer) -> None:
    await bot.ask("/settings 免打扰 23:00-09:30")
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "明天再提醒")
    [snoozed] = [r for r in pending(bot, key) if r.slot.startswith("snooze:")]
    assert snoozed.send_at == shanghai(11, 29, 9, 30)


async def test_a_snoozed_reminder_comes_back_with_its_buttons(
    bot: RunningBot, huawei: Customer
) -> None:
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "1小时后提醒")
    bot.clock.advance(hours=1)
    await deliver_due(bot)
    [again] = [r for r in store_of(bot).reminders.for_key(MANAGER_ID, key) if r.slot == "snooze:1"]
    shown = message_of(bot, again.id)
    assert shown.message_id != message.message_id
    assert "发送报价单" in shown.plain_text
    assert [b.text for b in shown.buttons] == ["已完成", "1小时后提醒", "明天再提醒"]


async def test_snoozing_a_log_prompt_keeps_its_log_button(
    bot: RunningBot, huawei: Customer
) -> None:
    plan = records_of(bot).plans.add(
        NewPlan(huawei.id, WAY_ONSITE, FIXED_NOW + timedelta(hours=2), None, "介绍云专线")
    )
    key = f"plan_log:plan:{plan.id}"
    message = await first_reminder(bot, key)
    await press(bot, message, "1小时后提醒")
    edited = now_shown(message, bot)
    assert [b.callback_data for b in edited.buttons] == [f"plan:log:{plan.id}"]


# -- presses not to trust --------------------------------------------------------------------


async def test_another_users_reminder_is_not_found(bot: RunningBot, huawei: Customer) -> None:
    visit = log_visit(records_of(bot), huawei.id, FIXED_NOW - timedelta(hours=30))
    key = f"thank_you_letter:visit:{visit.id}"
    message = await first_reminder(bot, key)
    [done] = [data for data in button_data(message) if data.startswith("rem:done:")]
    snooze_hour = next(data for data in button_data(message) if data.startswith("rem:snz:"))
    waiting = pending(bot, key)
    other = bot.api.user(OTHER_ID, first_name="赵")
    own = await bot.ask_one("/help", other)

    for data in (done, snooze_hour):
        await bot.driver.forged_press(other, own.chat_id, own.message_id, data)
        answer = bot.driver.last_callback_answer
        assert answer is not None
        assert "没有找到这条提醒" in answer["text"]

    unchanged = records_of(bot).visits.get(visit.id)
    assert unchanged is not None
    assert unchanged.thank_you_sent_at is None
    assert pending(bot, key) == waiting
    assert now_shown(message, bot).buttons == message.buttons


async def test_a_second_done_press_is_answered_politely(
    bot: RunningBot, huawei: Customer, caplog: pytest.LogCaptureFixture
) -> None:
    item = a_promise(bot, huawei)
    message = await first_reminder(bot, f"follow_up:item:{item.id}")
    done = button_data(message)[0]
    await press(bot, message, done)
    first_time = bot.clock.now
    bot.clock.advance(hours=1)

    with caplog.at_level(logging.WARNING):
        await bot.driver.forged_press(bot.manager, message.chat_id, message.message_id, done)

    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已经完成" in answer["text"]
    ticked = records_of(bot).follow_ups.get(item.id)
    assert ticked is not None
    assert ticked.done_at == first_time
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_press_after_the_item_was_done_elsewhere_is_stale(
    bot: RunningBot, huawei: Customer
) -> None:
    item = a_promise(bot, huawei)
    key = f"follow_up:item:{item.id}"
    message = await first_reminder(bot, key)
    records_of(bot).follow_ups.mark_done(item.id, bot.clock.now)  # ticked in /customer
    answer = await press(bot, message, "明天再提醒")
    assert "已经完成" in answer
    assert [r for r in pending(bot, key) if r.slot.startswith("snooze:")] == []
    assert now_shown(message, bot).buttons == []


async def test_a_deleted_record_stops_its_reminders(bot: RunningBot, huawei: Customer) -> None:
    item = a_promise(bot, huawei)
    key = f"follow_up:item:{item.id}"
    message = await first_reminder(bot, key)
    records_of(bot).follow_ups.delete(item.id)
    answer = await press(bot, message, "已完成")
    assert "没有找到这条提醒对应的记录" in answer
    assert pending(bot, key) == []


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ("rem:done:abc", "失效"),
        ("rem:snz:1:x", "失效"),
        ("rem:zap:1", "失效"),
        ("rem:done:99999", "没有找到这条提醒"),
    ],
)
async def test_odd_reminder_presses_get_a_short_answer(
    bot: RunningBot, data: str, said: str
) -> None:
    own = await bot.ask_one("/help")
    await bot.driver.forged_press(bot.manager, own.chat_id, own.message_id, data)
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert said in answer["text"]


async def test_reminder_buttons_in_a_group_do_nothing(bot: RunningBot, huawei: Customer) -> None:
    key = f"follow_up:item:{a_promise(bot, huawei).id}"
    message = await first_reminder(bot, key)
    group = bot.api.group(-100500, title="政企部")
    await bot.driver.forged_press(bot.manager, group.id, 1, button_data(message)[0])
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "私聊" in answer["text"]
    assert pending(bot, key) != []


async def test_reminder_buttons_work_in_the_middle_of_a_dialog(
    bot: RunningBot, huawei: Customer
) -> None:
    item = a_promise(bot, huawei)
    message = await first_reminder(bot, f"follow_up:item:{item.id}")
    await bot.ask("/visit")  # a dialog is open and waits for its answer
    await press(bot, message, "已完成")
    ticked = records_of(bot).follow_ups.get(item.id)
    assert ticked is not None
    assert ticked.done_at is not None
    [*_, still_asking] = await bot.ask("/cancel")
    assert "已取消" in still_asking.plain_text
