"""The Excel export: a real workbook, read back with openpyxl, Chinese and local times intact."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from fieldwork.export import ExportData, build_workbook, collect, export_filename
from storage.models import (
    COMPANIONS_PROJECT_GROUP,
    KIND_COMMITMENT,
    KIND_REQUEST,
    STAGE_RELATIONSHIP,
    WAY_ONSITE,
    NewCustomer,
    NewItem,
    NewLetter,
    NewVisit,
)
from storage.scope import Scope
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from timekeeping.zone import SHANGHAI

OWNER_ID = 100001
OTHER_ID = 100002


def wall(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """Shanghai wall time without a zone, as an Excel cell holds it."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI).replace(tzinfo=None)


def read(content: bytes) -> Workbook:
    return load_workbook(BytesIO(content))


@pytest.fixture
def records(fresh_store: Store) -> Records:
    return fresh_store.records(Scope.own(OWNER_ID))


def log_visit(records: Records, customer_id: int, started: datetime, **changes: object) -> None:
    values: dict[str, object] = {
        "customer_id": customer_id,
        "way": WAY_ONSITE,
        "stage": STAGE_RELATIONSHIP,
        "purpose": "介绍云专线方案",
        "started_at": started,
        "ended_at": started + timedelta(hours=1),
        "companions": COMPANIONS_PROJECT_GROUP,
        **changes,
    }
    records.visits.add(
        NewVisit(**values),  # type: ignore[arg-type]
        [NewItem(KIND_REQUEST, "开通专线测试", FIXED_NOW - timedelta(days=1))],
    )


@pytest.fixture
def filled(records: Records) -> Records:
    huawei = records.customers.add(NewCustomer("华为技术有限公司", finance_info="年营收约5亿元"))
    log_visit(records, huawei.id, FIXED_NOW - timedelta(days=3), learned="明年扩建机房")
    log_visit(records, huawei.id, FIXED_NOW - timedelta(days=1), purpose="=SUM(A1:A9)")
    records.follow_ups.add(
        huawei.id, NewItem(KIND_COMMITMENT, "下周提供报价方案", FIXED_NOW + timedelta(days=5))
    )
    records.letters.add(
        NewLetter(huawei.id, FIXED_NOW, "关于扩容的函", FIXED_NOW + timedelta(days=2))
    )
    return records


def test_workbook_has_the_four_sheets_with_chinese_headers(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    assert book.sheetnames == ["拜访记录", "要求与承诺", "客户来函", "客户"]
    visits = book["拜访记录"]
    assert [cell.value for cell in visits[1]][:6] == [
        "开始时间",
        "结束时间",
        "客户",
        "方式",
        "阶段",
        "目的",
    ]
    assert [cell.value for cell in book["客户来函"][1]][:3] == ["客户", "收到时间", "主题"]


def test_visits_are_newest_first_in_local_time_with_chinese_text(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    rows = list(book["拜访记录"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2
    newest, older = rows
    # FIXED_NOW is 02:30 UTC, 10:30 in Shanghai.
    assert newest[0] == wall(2026, 11, 26, 10, 30)
    assert newest[1] == wall(2026, 11, 26, 11, 30)
    assert newest[2:5] == ("华为技术有限公司", "上门拜访", "建立关系")
    assert older[8] == "明年扩建机房"
    assert newest[11] == 1  # the request it raised


def test_text_that_looks_like_a_formula_stays_text(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    cell = book["拜访记录"]["F2"]
    assert cell.value == "=SUM(A1:A9)"
    assert cell.data_type == "s"


def test_items_show_kind_due_time_and_overdue_status(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    rows = list(book["要求与承诺"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[2], row[4]) for row in rows] == [
        ("客户要求", "开通专线测试", "已逾期"),
        ("客户要求", "开通专线测试", "已逾期"),
        ("我方承诺", "下周提供报价方案", "未完成"),
    ]
    assert rows[-1][3] == wall(2026, 12, 2, 10, 30)


def test_letters_and_customers_are_exported(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    [letter] = book["客户来函"].iter_rows(min_row=2, values_only=True)
    assert letter[:3] == ("华为技术有限公司", wall(2026, 11, 27, 10, 30), "关于扩容的函")
    assert letter[4] == "待答复"
    [customer] = book["客户"].iter_rows(min_row=2, values_only=True)
    assert customer[0] == "华为技术有限公司"
    assert customer[3] == "年营收约5亿元"
    assert customer[9] == 2  # visits
    assert customer[10] == wall(2026, 11, 26, 10, 30)  # latest visit


def test_header_row_is_frozen_and_columns_have_widths(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width > 8
        assert sheet["A1"].font.bold


def test_date_cells_carry_a_date_time_format(filled: Records) -> None:
    book = read(build_workbook(collect(filled), FIXED_NOW))
    assert book["拜访记录"]["A2"].number_format == "yyyy-mm-dd hh:mm"


def test_another_owners_records_are_not_exported(fresh_store: Store, filled: Records) -> None:
    theirs = fresh_store.records(Scope.own(OTHER_ID))
    theirs.customers.add(NewCustomer("别人的客户"))
    data = collect(filled)
    assert [customer.name for customer in data.customers] == ["华为技术有限公司"]
    assert collect(theirs).visits == []


def test_empty_export_is_a_valid_workbook_saying_nothing_yet() -> None:
    data = ExportData(customers=[], visits=[], items=[], letters=[])
    assert data.empty
    book = read(build_workbook(data, FIXED_NOW))
    assert book["拜访记录"]["A2"].value == "（暂无记录）"
    assert book["拜访记录"]["A1"].value == "开始时间"


def test_control_characters_are_dropped_rather_than_breaking_the_file(records: Records) -> None:
    customer = records.customers.add(NewCustomer("华信\x07制造"))
    book = read(build_workbook(collect(records), FIXED_NOW))
    assert book["客户"]["A2"].value == "华信制造"
    assert customer.name == "华信\x07制造"


def test_file_name_carries_the_local_date() -> None:
    late_evening_utc = datetime.fromisoformat("2026-11-27T17:00:00+00:00")  # 01:00 on the 28th
    assert export_filename(FIXED_NOW) == "客户经理助手导出_20261127.xlsx"
    assert export_filename(late_evening_utc) == "客户经理助手导出_20261128.xlsx"
