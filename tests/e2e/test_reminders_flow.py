"""Reminders end to end: records made through the bot, planned by the update that made them,
sent by the sweep at controlled times through the stand-in, each exactly once.

FIXED_NOW is Friday 2026-11-27 10:30 in Shanghai; the default quiet hours are 22:00–08:00 and
the digest comes at 08:30.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from reminders.jobs import reminder_composer
from reminders.sender import sweep
from reminders.sync import sync_owner
from standin.messages import BotMessage
from storage.models import WAY_ONSITE, NewBid, NewLetter, NewPlan
from storage.reminders import Reminder
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, RunningBot, button_data
from tests.e2e.seeding import add_customer, records_of
from tests.e2e.test_visit import fill_to_summary
from tests.timekeeping.clock import shanghai

# The sweep runs every 30 s; a reminder later than that plus the 60 s grace is （补发）.
LATE_AFTER = timedelta(seconds=90)


async def sweep_at(bot: RunningBot, moment: datetime) -> list[BotMessage]:
    """Run the sweep with the clock at `moment`; the reminders it sent to the manager."""
    bot.clock.now = moment
    services = bot.app.bot_data
    before = {message.message_id for message in bot.api.messages(MANAGER_ID)}
    await sweep(
        partial(services.send_to_chat, bot.app.bot),  # as the bot wires it: files in its pool
        services.store.reminders,
        reminder_composer(services, LATE_AFTER),
        bot.clock,
        late_after=LATE_AFTER,
    )
    return [
        message for message in bot.api.messages(MANAGER_ID) if message.message_id not in before
    ]


def shown_text(message: BotMessage) -> str:
    """What the user reads: a message's text, or a file's caption (the forecast workbook)."""
    return message.plain_text or message.caption or ""


def headlines(messages: list[BotMessage]) -> list[str]:
    return [shown_text(message).splitlines()[0] for message in messages]


def starting(messages: list[BotMessage], icon: str) -> list[BotMessage]:
    """The reminders whose headline starts with `icon` (the digest and others left out)."""
    return [message for message in messages if shown_text(message).startswith(icon)]


def hourly_sync(bot: RunningBot) -> None:
    """What the hourly job does for the manager (time alone opens obligations)."""
    services = bot.app.bot_data
    sync_owner(
        services.store,
        services.knowledge.current.kb,
        services.reminder_config,
        MANAGER_ID,
        bot.clock.now,
    )


def pending(bot: RunningBot) -> list[Reminder]:
    return bot.app.bot_data.store.own_reminders(MANAGER_ID).pending()


async def saved_visit(bot: RunningBot) -> None:
    """An on-site visit Thursday 15:00–16:30 with a commitment due Monday, logged by /visit."""
    summary = await fill_to_summary(bot)
    [*_, saved] = await bot.driver.press(bot.manager, summary, "确认保存")
    assert "拜访记录已保存" in saved.plain_text


async def poke(bot: RunningBot) -> None:
    """Any update from the manager: records put straight into the store get planned."""
    await bot.ask("/todo")


# -- the thank-you letter (norm 1.2.1-12) ----------------------------------------------------


async def test_thank_you_letter_is_reminded_24_and_2_hours_before_and_overdue_each_once(
    bot: RunningBot,
) -> None:
    await saved_visit(bot)  # due Saturday 16:30
    assert {row.kind for row in pending(bot)} >= {"thank_you_letter", "follow_up", "digest"}

    assert await sweep_at(bot, shanghai(2026, 11, 27, 16, 29)) == []
    [day_before] = await sweep_at(bot, shanghai(2026, 11, 27, 16, 30))
    assert day_before.plain_text.splitlines()[:3] == [
        "📮 感谢函提醒",
        "给华为技术有限公司送感谢函（拜访于 11月26日（周四）16:30 结束）",
        "截止：11月28日（周六）16:30（还剩 1天）",
    ]
    assert "出处：1.2.1 拜访客户规范—上门拜访" in day_before.plain_text
    assert [data.split(":")[:2] for data in button_data(day_before)] == [
        ["draft", "ty"],
        ["rem", "done"],
        ["rem", "snz"],
        ["rem", "snz"],
    ]
    assert await sweep_at(bot, shanghai(2026, 11, 27, 16, 31)) == []

    assert headlines(await sweep_at(bot, shanghai(2026, 11, 28, 8, 30))) == [
        "📋 今日待办 · 11月28日（周六）"
    ]
    sent = await sweep_at(bot, shanghai(2026, 11, 28, 14, 30))
    assert headlines(sent) == ["📚 每日一练：今天的5道题，几分钟就好。", "📮 感谢函提醒"]
    two_hours = sent[1]  # the day's practice went out with it: the sweep had not run since 9:00
    assert "截止：11月28日（周六）16:30（还剩 2小时）" in two_hours.plain_text
    [overdue] = await sweep_at(bot, shanghai(2026, 11, 28, 16, 30))
    assert overdue.plain_text.splitlines()[:3] == [
        "📮 感谢函已到期",
        "给华为技术有限公司送感谢函（拜访于 11月26日（周四）16:30 结束）",
        "截止：11月28日（周六）16:30（已到期）",
    ]
    assert await sweep_at(bot, shanghai(2026, 11, 28, 21, 0)) == []


async def test_the_morning_digest_lists_todays_deadlines(bot: RunningBot) -> None:
    await saved_visit(bot)
    await sweep_at(bot, shanghai(2026, 11, 27, 16, 30))  # the letter's first reminder
    assert await sweep_at(bot, shanghai(2026, 11, 28, 8, 29)) == []
    [digest] = await sweep_at(bot, shanghai(2026, 11, 28, 8, 30))
    assert digest.plain_text.splitlines()[:4] == [
        "📋 今日待办 · 11月28日（周六）",
        "",
        "📅 今天到期（1）：",
        "· 给华为技术有限公司送感谢函 —— 16:30前",
    ]
    # The next one was planned by the hourly sync; the letter sent, there is nothing to say.
    hourly_sync(bot)
    visit_id = next(row.key for row in pending(bot) if row.kind == "thank_you_letter")
    records_of(bot).visits.mark_thank_you_sent(int(visit_id.split(":")[2]), bot.clock.now)
    hourly_sync(bot)
    digests = [row for row in pending(bot) if row.kind == "digest"]
    assert [row.key for row in digests] == ["digest:2026-11-29"]
    assert await sweep_at(bot, shanghai(2026, 11, 29, 8, 30)) == []


async def test_done_in_the_bot_stops_the_letters_reminders(bot: RunningBot) -> None:
    await saved_visit(bot)
    [reminder] = await sweep_at(bot, shanghai(2026, 11, 27, 16, 30))
    [done] = [data for data in button_data(reminder) if data.startswith("rem:done:")]
    await bot.driver.press(bot.manager, reminder, done)  # 已完成
    assert not [row for row in pending(bot) if row.kind == "thank_you_letter"]
    assert "感谢函" not in " ".join(headlines(await sweep_at(bot, shanghai(2026, 11, 28, 17))))


async def test_quiet_hours_shift_a_reminder_to_their_end(bot: RunningBot) -> None:
    await saved_visit(bot)
    bot.app.bot_data.store.settings.update(MANAGER_ID, quiet_start="16:00", quiet_end="18:00")
    await poke(bot)  # the settings changed: the next update re-plans
    assert await sweep_at(bot, shanghai(2026, 11, 27, 16, 30)) == []
    [moved] = await sweep_at(bot, shanghai(2026, 11, 27, 18, 0))
    assert "还剩 22小时30分钟" in moved.plain_text


async def test_a_reminder_due_while_the_bot_was_down_is_sent_once_marked_late(
    bot: RunningBot,
) -> None:
    await saved_visit(bot)
    [late] = await sweep_at(bot, shanghai(2026, 11, 27, 19, 0))
    assert headlines([late]) == ["📮 感谢函提醒（补发）"]
    assert await sweep_at(bot, shanghai(2026, 11, 27, 19, 1)) == []


# -- replies, requests and commitments -------------------------------------------------------


async def test_the_commitment_is_reminded_the_morning_before_its_day_ends(bot: RunningBot) -> None:
    await saved_visit(bot)  # 下周提供报价方案, due Monday 30 November 23:59
    messages = await sweep_at(bot, shanghai(2026, 11, 30, 8, 0))
    [promise] = starting(messages, "🤝")
    # A day before is Sunday 23:59, in quiet hours; the deadline is later: Monday 08:00.
    assert promise.plain_text.splitlines()[:3] == [
        "🤝 承诺提醒",
        "履行对华为技术有限公司的承诺：下周提供报价方案（拜访中做出的承诺）",
        "截止：11月30日（周一）23:59（还剩 16小时）",
    ]
    assert "出处：1.2.1 拜访客户规范—拜访成果共享" in promise.plain_text


async def test_a_letters_reply_reminder_skips_the_weekend(bot: RunningBot) -> None:
    await bot.ask("/start")
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    calendar = bot.app.bot_data.calendar
    received = FIXED_NOW  # Friday
    due = calendar.add_working_days(received, 2)  # Monday, then Tuesday
    assert due == shanghai(2026, 12, 1, 23, 59, 59)
    records.letters.add(NewLetter(customer.id, received, "专线报价", due))
    await poke(bot)
    weekend = await sweep_at(bot, shanghai(2026, 11, 30, 7, 59))
    assert not [m for m in weekend if "书面答复" in m.plain_text]
    # A day before is Monday 23:59, in quiet hours; the deadline is later, so Tuesday 08:00.
    [day] = [
        m for m in await sweep_at(bot, shanghai(2026, 12, 1, 8, 0)) if "书面答复" in m.plain_text
    ]
    assert "截止：12月1日（周二）23:59（还剩 16小时）" in day.plain_text
    [evening] = await sweep_at(bot, shanghai(2026, 12, 1, 21, 59, 59))
    assert "还剩 2小时" in evening.plain_text
    [overdue] = await sweep_at(bot, shanghai(2026, 12, 2, 8, 0))
    assert headlines([overdue]) == ["✉️ 书面答复已逾期"]


# -- a planned visit (norms 1.2.1-04, 1.2.1-05, 1.2.1-15) ------------------------------------


async def test_a_planned_visit_is_confirmed_left_for_and_logged(bot: RunningBot) -> None:
    await bot.ask("/start")
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    plan = records.plans.add(
        NewPlan(
            customer.id,
            WAY_ONSITE,
            shanghai(2026, 11, 30, 10, 0),
            shanghai(2026, 11, 30, 11, 0),
            "介绍云专线方案",
        )
    )
    await poke(bot)
    [confirm] = await sweep_at(bot, shanghai(2026, 11, 29, 16, 0))
    assert headlines([confirm]) == ["📞 确认拜访预约"]
    [depart] = await sweep_at(bot, shanghai(2026, 11, 30, 9, 25))
    assert headlines([depart]) == ["🚗 该出发了：拜访华为技术有限公司"]
    assert "请在 09:25 前出发" in depart.plain_text
    [log] = await sweep_at(bot, shanghai(2026, 11, 30, 11, 15))
    assert headlines([log]) == ["📝 记录这次拜访"]
    assert button_data(log)[0] == f"plan:log:{plan.id}"
    replies = await bot.driver.press(bot.manager, log, f"plan:log:{plan.id}")
    assert "已按计划填好客户、方式、目的和时间" in replies[-1].plain_text


async def test_a_confirmed_booking_cancels_the_confirmation_reminder(bot: RunningBot) -> None:
    await bot.ask("/start")
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    start = shanghai(2026, 11, 30, 10, 0)
    plan = records.plans.add(NewPlan(customer.id, WAY_ONSITE, start, None, "介绍云专线方案"))
    await poke(bot)
    records.plans.confirm_booking(plan.id)
    await poke(bot)
    assert await sweep_at(bot, shanghai(2026, 11, 29, 16, 0)) == []


# -- a bid (norms 1.2.4-02, 1.2.4-03, 1.2.4-06) ----------------------------------------------


async def test_a_bid_gets_its_checklist_the_call_to_leave_and_the_summary_prompt(
    bot: RunningBot,
) -> None:
    await bot.ask("/start")
    bid = records_of(bot).bids.add(
        NewBid(None, "智慧园区专网", shanghai(2026, 12, 2, 9, 0), "市公共资源交易中心")
    )
    await poke(bot)
    [checklist] = await sweep_at(bot, shanghai(2026, 12, 1, 16, 0))
    assert headlines([checklist]) == ["⏰ 明天投标，请检查现场必需品"]
    assert f"bid:tick:{bid.id}:projector" in button_data(checklist)
    [ticked, *_] = await bot.driver.press(bot.manager, checklist, f"bid:tick:{bid.id}:projector")
    assert "✅ 检查投影仪" in ticked.plain_text
    [arrive] = await sweep_at(bot, shanghai(2026, 12, 2, 8, 15))
    assert headlines([arrive]) == ["🚗 该出发了：《智慧园区专网》投标"]
    # The tick re-planned the day's digest; the sweep at 13:00 sends it late, with the prompt.
    [summary] = starting(await sweep_at(bot, shanghai(2026, 12, 2, 13, 0)), "📝")
    assert headlines([summary]) == ["📝 投标总结：《智慧园区专网》"]
    assert button_data(summary)[0] == f"bid:sum:{bid.id}"


# -- customers: the monthly forecast and regular visits (norms 1.2.3-05, 1.2.3-09) -----------


async def test_monthly_forecast_overdue_at_month_end_then_next_months(bot: RunningBot) -> None:
    await bot.ask("/start")
    add_customer(records_of(bot), "华为技术有限公司")
    await poke(bot)
    [overdue] = starting(await sweep_at(bot, shanghai(2026, 12, 1, 8, 0)), "📈")
    assert overdue.document is not None  # the workbook to fill in, prefilled (1.2.3-05)
    assert overdue.document.filename.endswith(".xlsx")
    assert shown_text(overdue).splitlines()[:2] == [
        "📈 业务需求预测已逾期",
        "做好11月客户业务需求预测（1个客户）",
    ]
    hourly_sync(bot)  # December opened; its reminder is on the first working day at 09:00
    [december] = starting(await sweep_at(bot, shanghai(2026, 12, 1, 9, 0)), "📈")
    assert shown_text(december).splitlines()[:2] == [
        "📈 业务需求预测提醒",
        "做好12月客户业务需求预测（1个客户）",
    ]


async def test_a_customer_past_its_cadence_is_suggested_for_a_visit(bot: RunningBot) -> None:
    await bot.ask("/start")
    customer = add_customer(records_of(bot), "华为技术有限公司", visit_cadence_days=7)
    await poke(bot)
    # Added Friday 27 November; seven days later, Friday 4 December, the cadence runs out.
    assert not starting(await sweep_at(bot, shanghai(2026, 12, 4, 23, 59)), "🤝")
    suggested = [
        m for m in await sweep_at(bot, shanghai(2026, 12, 5, 8, 0)) if "拜访" in m.plain_text
    ]
    [visit] = [m for m in suggested if m.plain_text.startswith("🤝")]
    assert visit.plain_text.splitlines()[0] == "🤝 该拜访华为技术有限公司了"
    assert button_data(visit)[0] == f"cust:log:{customer.id}"
