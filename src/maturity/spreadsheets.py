"""Text that spreadsheets open safely: the one CSV writer, and formula neutralising for every
CSV and XLSX file the product writes.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return could run as a
formula when a spreadsheet opens the file (OWASP "CSV injection"): a group named
`=HYPERLINK(...)` would become a link in a councillor's spreadsheet. Such text gets a leading
apostrophe, so spreadsheets show it as text. Text that already starts with an apostrophe gets one
too, so that `restore` undoes the prefix exactly (a workbook exported then imported changes
nothing). Numbers, dates and empty cells cannot run, and are written as they are.

Every CSV download goes through `csv_text`, and its view is marked `@csv_download`:
tests/test_csv_exports.py walks the URL configuration for every such view (and every address
ending in .csv), fills each with formula-like text and checks that no cell can run; it also fails
if any other module writes CSV or names the CSV content type. Plain Python, no Django.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

View = TypeVar("View")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
BYTE_ORDER_MARK = "\ufeff"
CSV_MEDIA_TYPE = "text/csv"  # the type alone, as uploads are checked against it
CSV_CONTENT_TYPE = f"{CSV_MEDIA_TYPE}; charset=utf-8"


def neutralise(value: Any) -> Any:
    """The value as safe spreadsheet text: text that a spreadsheet could run gets a leading `'`.

    Non-text values (numbers, dates, None) cannot run as formulas and are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES + (QUOTE,)):
        return QUOTE + value
    return value


def restore(value: Any) -> Any:
    """Undo `neutralise` on text read back from a spreadsheet."""
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:].startswith(FORMULA_PREFIXES + (QUOTE,)):
        return value[1:]
    return value


def csv_text(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], *, byte_order_mark: bool = True, line_end: str = "\r\n"
) -> str:
    """A CSV file: every cell neutralised, None as an empty cell.

    With `byte_order_mark` (the default), Excel reads the UTF-8 file's accents and curly quotes
    correctly; machine-read open data can leave it out.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow([neutralise(value) for value in header])
    for row in rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])
    return (BYTE_ORDER_MARK if byte_order_mark else "") + buffer.getvalue()


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], **options: Any) -> bytes:
    return csv_text(header, rows, **options).encode("utf-8")


def csv_download(view: View) -> View:
    """Marks a view that answers with a CSV file, so that the export test finds it wherever it is
    routed (the mark is kept by decorators that use functools.wraps, as Django's do)."""
    view.writes_csv = True  # type: ignore[attr-defined]
    return view
