"""The user's records as an Excel workbook: visits, requests and commitments, letters, customers.

`build_workbook` is pure — plain records in, .xlsx bytes out — so it is tested by reading the
file back. Times are Shanghai wall time as real Excel date-times, so the sheets sort and filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fieldwork.labels import COMPANION_LABELS, KIND_LABELS, STAGE_LABELS, WAY_LABELS
from storage.models import Customer, CustomerLetter, FollowUpItem, Visit
from storage.store import Records
from timekeeping.zone import local_date, to_local

CELL_LIMIT = 32_767  # Excel's limit for one cell's text
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"
NOTHING_YET = "（暂无记录）"


@dataclass(frozen=True)
class ExportData:
    customers: Sequence[Customer]
    visits: Sequence[Visit]
    items: Sequence[FollowUpItem]
    letters: Sequence[CustomerLetter]

    @property
    def empty(self) -> bool:
        return not (self.customers or self.visits or self.items or self.letters)


def collect(records: Records) -> ExportData:
    """Everything the user's scope may read, for the export."""
    return ExportData(
        customers=records.customers.all(),
        visits=records.visits.all_between(None, None),
        items=records.follow_ups.all(),
        letters=records.letters.all(),
    )


def export_filename(now: datetime) -> str:
    return f"客户经理助手导出_{local_date(now):%Y%m%d}.xlsx"


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # in Excel's character units; CJK characters take about two
    wrap: bool = False


def _when(instant: datetime | None) -> datetime | None:
    """Shanghai wall time without a zone: what an Excel cell can hold."""
    return None if instant is None else to_local(instant).replace(tzinfo=None)


def _write_sheet(
    sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]
) -> None:
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
    if not rows:
        sheet.append([NOTHING_YET])
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row_cells in sheet.iter_rows(min_row=2):
        for cell, column in zip(row_cells, columns, strict=False):
            if isinstance(cell.value, datetime):
                cell.number_format = DATE_TIME_FORMAT
            if isinstance(cell.value, str) and cell.value.startswith("="):
                # A note that begins with "=" is text, never a formula to run.
                cell.data_type = "s"
            cell.alignment = wrapped if column.wrap else top
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT]
    return value


def _label(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda key: labels.get(key, key)


VISIT_COLUMNS = (
    Column("开始时间", 17),
    Column("结束时间", 17),
    Column("客户", 24, wrap=True),
    Column("方式", 10),
    Column("阶段", 16),
    Column("目的", 36, wrap=True),
    Column("同行", 16),
    Column("见到的客户人员", 24, wrap=True),
    Column("了解到的情况", 50, wrap=True),
    Column("客户的看法", 40, wrap=True),
    Column("下一步", 30, wrap=True),
    Column("要求与承诺（条）", 10),
    Column("记录时间", 17),
)
ITEM_COLUMNS = (
    Column("客户", 24, wrap=True),
    Column("类型", 10),
    Column("内容", 50, wrap=True),
    Column("期限", 17),
    Column("状态", 10),
    Column("完成时间", 17),
    Column("来自拜访（开始时间）", 17),
    Column("记录时间", 17),
)
LETTER_COLUMNS = (
    Column("客户", 24, wrap=True),
    Column("收到时间", 17),
    Column("主题", 40, wrap=True),
    Column("答复期限", 17),
    Column("状态", 10),
    Column("答复时间", 17),
    Column("记录时间", 17),
)
CUSTOMER_COLUMNS = (
    Column("客户名称", 24, wrap=True),
    Column("行业", 14, wrap=True),
    Column("联系人", 30, wrap=True),
    Column("财务信息", 36, wrap=True),
    Column("生产信息", 36, wrap=True),
    Column("销售信息", 36, wrap=True),
    Column("管理资源信息", 36, wrap=True),
    Column("行业和产品等市场信息", 36, wrap=True),
    Column("拜访周期（天）", 10),
    Column("拜访次数", 10),
    Column("最近拜访", 17),
)


def _item_status(item: FollowUpItem, now: datetime) -> str:
    if item.done_at is not None:
        return "已完成"
    return "已逾期" if item.due_at < now else "未完成"


def _letter_status(letter: CustomerLetter, now: datetime) -> str:
    if letter.answered_at is not None:
        return "已答复"
    return "已逾期" if letter.reply_due_at < now else "待答复"


def build_workbook(data: ExportData, now: datetime) -> bytes:
    """The .xlsx file: one sheet per kind of record, Chinese headers, header row frozen."""
    names = {customer.id: customer.name for customer in data.customers}
    way, stage, companions, kind = (
        _label(WAY_LABELS),
        _label(STAGE_LABELS),
        _label(COMPANION_LABELS),
        _label(KIND_LABELS),
    )
    items_per_visit = Counter(item.visit_id for item in data.items if item.visit_id is not None)
    visit_starts = {visit.id: visit.started_at for visit in data.visits}
    newest_first = sorted(
        data.visits, key=lambda visit: (visit.started_at, visit.id), reverse=True
    )
    last_visit: dict[int, datetime] = {}
    visit_count: Counter[int] = Counter()
    for visit in data.visits:
        visit_count[visit.customer_id] += 1
        if visit.customer_id not in last_visit or visit.started_at > last_visit[visit.customer_id]:
            last_visit[visit.customer_id] = visit.started_at

    workbook = Workbook()
    visits_sheet = workbook.active
    assert visits_sheet is not None
    visits_sheet.title = "拜访记录"
    _write_sheet(
        visits_sheet,
        VISIT_COLUMNS,
        [
            (
                _when(visit.started_at),
                _when(visit.ended_at),
                names.get(visit.customer_id, ""),
                way(visit.way),
                stage(visit.stage),
                visit.purpose,
                companions(visit.companions),
                visit.people_met,
                visit.learned,
                visit.customer_views,
                visit.next_step,
                items_per_visit.get(visit.id, 0),
                _when(visit.created_at),
            )
            for visit in newest_first
        ],
    )
    _write_sheet(
        workbook.create_sheet("要求与承诺"),
        ITEM_COLUMNS,
        [
            (
                names.get(item.customer_id, ""),
                kind(item.kind),
                item.text,
                _when(item.due_at),
                _item_status(item, now),
                _when(item.done_at),
                _when(visit_starts.get(item.visit_id)) if item.visit_id is not None else None,
                _when(item.created_at),
            )
            for item in sorted(data.items, key=lambda item: (item.due_at, item.id))
        ],
    )
    _write_sheet(
        workbook.create_sheet("客户来函"),
        LETTER_COLUMNS,
        [
            (
                names.get(letter.customer_id, ""),
                _when(letter.received_at),
                letter.subject,
                _when(letter.reply_due_at),
                _letter_status(letter, now),
                _when(letter.answered_at),
                _when(letter.created_at),
            )
            for letter in sorted(
                data.letters, key=lambda letter: (letter.received_at, letter.id), reverse=True
            )
        ],
    )
    _write_sheet(
        workbook.create_sheet("客户"),
        CUSTOMER_COLUMNS,
        [
            (
                customer.name,
                customer.industry,
                customer.contacts,
                customer.finance_info,
                customer.production_info,
                customer.sales_info,
                customer.management_info,
                customer.market_info,
                customer.visit_cadence_days,
                visit_count.get(customer.id, 0),
                _when(last_visit.get(customer.id)),
            )
            for customer in data.customers
        ],
    )
    # Norm 1.2.5-01: the data are the company's, for its business only.
    workbook.properties.title = "客户经理助手导出"
    workbook.properties.description = "资料属企业共有财产，只能用于正常的经营，不得擅自外传。"
    workbook.properties.created = _when(now)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
