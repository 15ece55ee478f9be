"""/todo end to end: every open obligation, overdue first, then by deadline, in day groups."""

from __future__ import annotations

from datetime import timedelta

from storage.models import KIND_COMMITMENT, KIND_REQUEST, NewItem, NewLetter
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import MANAGER_ID, RunningBot
from tests.e2e.seeding import add_customer, log_visit, records_of
from views.common import MESSAGE_LIMIT

# FIXED_NOW is Friday 2026-11-27 10:30 in Shanghai.
OTHER_ID = 100002


def section(text: str, heading: str) -> list[str]:
    """The lines under one heading of the /todo message, up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


async def test_nothing_open_gets_an_encouraging_line(bot: RunningBot) -> None:
    reply = await bot.ask_one("/todo")
    assert "目前没有待办事项" in reply.plain_text


async def test_overdue_first_then_today_then_later(bot: RunningBot) -> None:
    records = records_of(bot)
    huawei = add_customer(records, "华为技术有限公司")
    zte = add_customer(records, "中兴通讯")
    # An on-site visit three days ago: its thank-you letter was due yesterday (norm 1.2.1-12).
    log_visit(records, huawei.id, FIXED_NOW - timedelta(days=3))
    # A promise due this afternoon, a request due this evening, a letter due next week.
    records.follow_ups.add(
        zte.id, NewItem(KIND_REQUEST, "发送报价单", FIXED_NOW + timedelta(hours=8))
    )
    records.follow_ups.add(
        zte.id, NewItem(KIND_COMMITMENT, "回电确认带宽", FIXED_NOW + timedelta(hours=4))
    )
    records.letters.add(NewLetter(huawei.id, FIXED_NOW, "扩容申请", FIXED_NOW + timedelta(days=4)))

    text = (await bot.ask_one("/todo")).plain_text

    assert text.index("已逾期") < text.index("今天") < text.index("之后")
    [overdue] = section(text, "⚠️ 已逾期")
    assert overdue.startswith("· 11月26日（周四）11:30 给华为技术有限公司送感谢函")
    assert "逾期23小时" in overdue
    assert section(text, "📌 今天") == [
        "· 11月27日（周五）14:30 履行对中兴通讯的承诺：回电确认带宽",
        "· 11月27日（周五）18:30 落实中兴通讯的要求：发送报价单",
    ]
    later = section(text, "🗓 之后")
    assert later[0] == "· 11月30日（周一）23:59 做好11月客户业务需求预测（2个客户）"
    assert later[1] == "· 12月1日（周二）10:30 书面答复华为技术有限公司的来函《扩容申请》"


async def test_done_items_are_not_listed(bot: RunningBot) -> None:
    records = records_of(bot)
    zte = add_customer(records, "中兴通讯")
    item = records.follow_ups.add(
        zte.id, NewItem(KIND_COMMITMENT, "回电确认带宽", FIXED_NOW + timedelta(hours=4))
    )
    records.follow_ups.mark_done(item.id, FIXED_NOW)
    assert "回电确认带宽" not in (await bot.ask_one("/todo")).plain_text


async def test_a_long_list_fits_one_message_with_a_tail(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司")
    for number in range(150):
        due = FIXED_NOW + timedelta(days=2, hours=number)
        records.follow_ups.add(
            customer.id, NewItem(KIND_REQUEST, f"第{number}项：准备详细的方案与报价材料", due)
        )

    text = (await bot.ask_one("/todo")).plain_text

    assert len(text) <= MESSAGE_LIMIT
    shown = sum(1 for line in text.splitlines() if line.startswith("· "))
    assert f"……还有{151 - shown}项" in text  # the 150 requests and the monthly forecast
    assert "第0项" in text


async def test_only_the_users_own_obligations(bot: RunningBot) -> None:
    theirs = records_of(bot, OTHER_ID)
    customer = add_customer(theirs, "别人的客户")
    theirs.follow_ups.add(
        customer.id, NewItem(KIND_REQUEST, "别人的事", FIXED_NOW + timedelta(hours=2))
    )
    text = (await bot.ask_one("/todo")).plain_text
    assert "别人" not in text
    assert records_of(bot, MANAGER_ID).customers.names() == []


async def test_todo_in_a_group_points_to_the_private_chat(bot: RunningBot) -> None:
    group = bot.api.group(-100200, "政企一组")
    [answer] = await bot.driver.send(bot.manager, "/todo@kehu_zhushou_bot", chat=group)
    assert "私聊" in answer.plain_text
