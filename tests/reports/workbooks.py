"""Reading and editing workbooks in tests, as a colleague would in Excel."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from maturity.reports import rows
from maturity.reports import workbook as wbk


def sheet_of(wb, name: str):
    """The sheet the code calls `name`, in whichever language the workbook was downloaded."""
    names = rows.names_in_every_language(name)
    return next(wb[title] for title in wb.sheetnames if title.casefold() in names)


def open_workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column(sheet: str, title: str) -> int:
    columns = wbk.AREA_COLUMNS if sheet == wbk.AREAS else wbk.ACTION_COLUMNS
    return columns.index(title) + 1


def row_of_area(wb, key: str) -> int:
    ws = sheet_of(wb, wbk.AREAS)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, column(wbk.AREAS, "Area key")).value == key:
            return row
    raise KeyError(key)


def row_of_action(wb, action_id: int) -> int:
    ws = sheet_of(wb, wbk.ACTIONS)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value == action_id:
            return row
    raise KeyError(action_id)


def edit(data: bytes, changes: list[tuple[str, int, str, Any]]) -> bytes:
    """The workbook with cells changed: (sheet, row, column title, value)."""
    wb = open_workbook(data)
    for name, row, title, value in changes:
        sheet_of(wb, name).cell(row, column(name, title)).value = value
    return save(wb)


def add_action_row(data: bytes, values: dict[str, Any]) -> tuple[bytes, int]:
    wb = open_workbook(data)
    ws = sheet_of(wb, wbk.ACTIONS)
    row = ws.max_row + 1
    for title, value in values.items():
        ws.cell(row, column(wbk.ACTIONS, title)).value = value
    return save(wb), row
