"""Isolation, proven: others try every command and every button kind on a manager's records.

A manager builds up real records through the bot (a visit with a commitment, a plan, a letter,
a bid, the customer view, lists, a reminder). Then a second manager of the same team, a team
lead of another team, a deactivated member and a stranger each send every command — with the
customer's name and with record ids as arguments — and replay every button the manager was
ever shown, as forged presses from their own chats. None of them may see anything of the
manager's, and nothing of the manager's may change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

import pytest

from handlers.replying import send_to_chat
from reminders.jobs import reminder_composer
from reminders.sender import sweep
from reminders.sync import sync_owner
from standin.messages import BotMessage
from standin.user import SimulatedUser
from storage.models import NewBid, NewCustomer, NewLetter, NewPlan
from storage.scope import Scope
from tests.e2e.conftest import ADMIN_ID, MANAGER_ID, RunningBot
from views.commands import COMMANDS

CUSTOMER = "华为技术有限公司"
SECRETS = (
    CUSTOMER,
    "机密云专线报价方案",
    "下周提供七折报价",
    "关于扩容的来函",
    "智慧园区二期",
    "信息中心张主任",
)
SAME_TEAM_MANAGER = 100002
OTHER_TEAM_LEAD = 100003
DEACTIVATED = 100004
STRANGER = 100005


async def _manager_builds_records(bot: RunningBot) -> None:
    records = bot.app.bot_data.store.records(Scope.own(MANAGER_ID))
    customer = records.customers.add(NewCustomer(name=CUSTOMER, contacts="信息中心张主任"))
    now = bot.clock()
    records.plans.add(
        NewPlan(
            customer_id=customer.id,
            way="onsite",
            starts_at=now + timedelta(days=3),
            ends_at=None,
            purpose="机密云专线报价方案",
        )
    )
    records.letters.add(
        NewLetter(
            customer_id=customer.id,
            received_at=now,
            subject="关于扩容的来函",
            reply_due_at=now + timedelta(days=2),
        )
    )
    records.bids.add(
        NewBid(
            customer_id=customer.id,
            project="智慧园区二期",
            starts_at=now + timedelta(days=5),
            place="市政府会议室",
        )
    )
    # A visit through the dialog, with a commitment.
    message = (await bot.ask(f"/visit {CUSTOMER}"))[-1]
    for step in ("上门拜访", "建立关系"):
        message = (await bot.driver.press(bot.manager, message, step))[-1]
    for text in ("机密云专线报价方案", "昨天下午3点到4点"):
        message = (await bot.ask(text))[-1]
    message = (await bot.driver.press(bot.manager, message, "独自拜访"))[-1]
    for text in ("信息中心张主任", "/skip", "/skip"):
        message = (await bot.ask(text))[-1]
    message = (await bot.driver.press(bot.manager, message, "添加我方承诺"))[-1]
    message = (await bot.ask("下周提供七折报价"))[-1]
    message = (await bot.driver.press(bot.manager, message, "3天后"))[-1]
    message = (await bot.driver.press(bot.manager, message, "没有了，下一步"))[-1]
    message = (await bot.ask("/skip"))[-1]
    await bot.driver.press(bot.manager, message, "确认保存")
    # Every view with buttons the manager can reach.
    for command in ("/customer 华为", "/visits", "/plan", "/letter", "/bid", "/todo", "/settings"):
        await bot.ask(command)
    view = bot.api.messages(MANAGER_ID)
    for message in list(view):
        for button in message.buttons:
            if button.callback_data and button.callback_data.startswith(("cust:", "vis:")):
                await bot.driver.press(bot.manager, message, button.callback_data)
    # A reminder message with its buttons.
    services = bot.app.bot_data
    sync_owner(
        services.store,
        services.knowledge.current.kb,
        services.reminder_config,
        MANAGER_ID,
        bot.clock(),
    )
    bot.clock.advance(hours=30)
    late = timedelta(minutes=5)
    await sweep(
        partial(send_to_chat, bot.app.bot),
        services.store.reminders,
        reminder_composer(services, late),
        bot.clock(),
        late_after=late,
    )


def _button_data(messages: Iterable[BotMessage]) -> set[str]:
    return {
        button.callback_data
        for message in messages
        for button in message.buttons
        if button.callback_data
    }


def _manager_state(bot: RunningBot) -> list[tuple[object, ...]]:
    db = bot.app.bot_data.store.db
    rows: list[tuple[object, ...]] = []
    for table in (
        "customers",
        "visits",
        "follow_up_items",
        "customer_letters",
        "bids",
        "planned_visits",
    ):
        rows += [
            (table, *row)
            for row in db.execute(
                f"SELECT * FROM {table} WHERE owner_id = ? ORDER BY id", [MANAGER_ID]
            ).fetchall()
        ]
    rows += db.execute(
        "SELECT id, state, send_at FROM reminders WHERE owner_id = ? ORDER BY id", [MANAGER_ID]
    ).fetchall()
    return rows


def _intruders(bot: RunningBot) -> dict[str, SimulatedUser]:
    registry = bot.app.bot_data.staff
    registry.add(SAME_TEAM_MANAGER, "赵强", "manager", "政企一组", actor_id=ADMIN_ID)
    registry.add(OTHER_TEAM_LEAD, "周组长", "lead", "政企二组", actor_id=ADMIN_ID)
    registry.add(DEACTIVATED, "吴离职", "manager", "政企一组", actor_id=ADMIN_ID)
    registry.deactivate(DEACTIVATED, actor_id=ADMIN_ID)
    return {
        "same-team manager": bot.api.user(SAME_TEAM_MANAGER, first_name="赵强"),
        "other team's lead": bot.api.user(OTHER_TEAM_LEAD, first_name="周组长"),
        "deactivated member": bot.api.user(DEACTIVATED, first_name="吴离职"),
        "stranger": bot.api.user(STRANGER, first_name="路人"),
    }


def _leaks(texts: Iterable[str]) -> list[str]:
    return [secret for text in texts for secret in SECRETS if secret in text]


@pytest.mark.parametrize(
    "who", ["same-team manager", "other team's lead", "deactivated member", "stranger"]
)
async def test_nobody_else_reaches_a_managers_records(bot: RunningBot, who: str) -> None:
    await _manager_builds_records(bot)
    buttons = _button_data(bot.api.messages(MANAGER_ID))
    assert any(data.startswith("rem:") for data in buttons)  # the matrix covers reminders
    assert any(data.startswith("cust:") for data in buttons)
    before = _manager_state(bot)
    intruder = _intruders(bot)[who]

    seen: list[str] = []
    for command in COMMANDS:
        for argument in ("", "华为", CUSTOMER, "1"):
            replies = await bot.ask(f"/{command.name} {argument}".strip(), intruder)
            # What the intruder typed may be echoed back; that reveals nothing.
            seen += [reply.plain_text.replace(argument, "") for reply in replies]
            if replies and "/cancel" in replies[-1].plain_text:
                await bot.ask("/cancel", intruder)  # leave the dialog the command opened
    for data in sorted(buttons):
        replies = await bot.driver.forged_press(intruder, intruder.id, 1, data)
        seen += [reply.plain_text for reply in replies]
        answer = bot.driver.last_callback_answer
        seen.append((answer or {}).get("text") or "")

    assert _leaks(seen) == []
    assert _manager_state(bot) == before
