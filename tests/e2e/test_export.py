"""/export through the real PTB stack: a real .xlsx document, only the user's own records."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from storage.models import KIND_REQUEST, NewItem, NewLetter
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import RunningBot
from tests.e2e.seeding import add_customer, log_visit, records_of

OTHER_MANAGER_ID = 100002


def seed(bot: RunningBot) -> None:
    records = records_of(bot)
    customer = add_customer(records, "华为技术有限公司", finance_info="年营收约5亿元")
    log_visit(
        records,
        customer.id,
        FIXED_NOW - timedelta(days=1),
        "介绍云专线方案",
        items=[NewItem(KIND_REQUEST, "开通专线测试", FIXED_NOW + timedelta(days=2))],
    )
    records.letters.add(
        NewLetter(customer.id, FIXED_NOW, "关于扩容的函", FIXED_NOW + timedelta(days=2))
    )


async def test_export_sends_a_real_xlsx_document(bot: RunningBot) -> None:
    seed(bot)
    [document] = await bot.ask("/export")
    assert document.kind == "document"
    assert document.document is not None
    assert document.document.filename == "客户经理助手导出_20261127.xlsx"
    book = load_workbook(BytesIO(document.document.data))
    assert book.sheetnames == ["拜访记录", "要求与承诺", "客户来函", "客户"]
    assert book["拜访记录"]["C2"].value == "华为技术有限公司"
    assert book["拜访记录"]["F2"].value == "介绍云专线方案"
    assert book["要求与承诺"]["C2"].value == "开通专线测试"
    assert book["客户来函"]["C2"].value == "关于扩容的函"


async def test_export_caption_counts_records_and_states_the_data_rule(bot: RunningBot) -> None:
    seed(bot)
    [document] = await bot.ask("/export")
    assert document.caption is not None
    assert "拜访记录 1 条、要求与承诺 1 条、客户来函 1 封、客户 1 个" in document.caption
    assert "资料属企业共有财产" in document.caption
    assert "出处：" in document.caption
    assert ("upload_document") in [action for _, action in bot.api.chat_actions]


async def test_export_with_nothing_recorded_says_so(bot: RunningBot) -> None:
    reply = await bot.ask_one("/export")
    assert reply.kind == "text"
    assert "还没有可导出的记录" in reply.plain_text


async def test_export_holds_only_the_users_own_records(bot: RunningBot) -> None:
    seed(bot)
    other = bot.api.user(OTHER_MANAGER_ID, first_name="赵")
    add_customer(records_of(bot, OTHER_MANAGER_ID), "赵的客户")
    [document] = await bot.ask("/export", other)
    assert document.document is not None
    book = load_workbook(BytesIO(document.document.data))
    assert [row[0] for row in book["客户"].iter_rows(min_row=2, values_only=True)] == ["赵的客户"]
    assert book["拜访记录"]["A2"].value == "（暂无记录）"


async def test_export_in_a_group_is_refused(bot: RunningBot) -> None:
    seed(bot)
    group = bot.api.group(-100500, title="政企部")
    [reply] = await bot.driver.send(bot.manager, "/export", chat=group)
    assert reply.kind == "text"
    assert "私聊" in reply.plain_text
