"""The monthly demand forecast (norm 1.2.3-05: 每月做好客户的各类业务需求预测) as an Excel file
prefilled with the manager's customers — the last visit, what was learned then, what is still
open — and empty columns for the forecast itself."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from storage.models import KIND_REQUEST, Customer, FollowUpItem, Visit
from timekeeping.zone import local_date

KNOWN_COLUMNS = ("客户", "上次拜访", "上次了解到的情况", "未完成的客户要求")
FORECAST_COLUMNS = ("业务", "预计时间", "预计金额", "说明")
WIDTHS = (24, 12, 40, 40, 16, 12, 12, 30)
TO_FILL = PatternFill("solid", start_color="FFF2CC")  # the columns the manager fills in


@dataclass(frozen=True)
class CustomerForecastRow:
    customer: Customer
    last_visit: Visit | None
    open_requests: tuple[FollowUpItem, ...]


def forecast_workbook(rows: Sequence[CustomerForecastRow], month: date) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{month.year}年{month.month}月需求预测"
    sheet.append([*KNOWN_COLUMNS, *FORECAST_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sorted(rows, key=lambda row: row.customer.name):
        visit = row.last_visit
        requests = "\n".join(
            f"{item.text}（{local_date(item.due_at):%m-%d}前）"
            for item in sorted(row.open_requests, key=lambda item: item.due_at)
            if item.kind == KIND_REQUEST
        )
        sheet.append(
            [
                row.customer.name,
                local_date(visit.started_at).isoformat() if visit else "",
                (visit.learned or "") if visit else "",
                requests,
                "",
                "",
                "",
                "",
            ]
        )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in line[len(KNOWN_COLUMNS) :]:
            cell.fill = TO_FILL
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
