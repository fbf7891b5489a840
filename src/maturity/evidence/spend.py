"""Reading Transparency Code spend files ("expenditure over £500") whatever their headings.

Pure functions, no Django. A spend file is read in three steps:

1. `csv_reading.read_header` finds the header row and a few sample rows (and the encoding: UTF-8,
   with or without a byte order mark, else Windows-1252, which spreadsheet programs still write);
2. `spend_columns.propose_mapping` reads each heading against the table of synonyms in
   data/spend-columns.yaml; the lead confirms or corrects it, and `check_mapping` says what is
   still missing;
3. `read_spend` (this module) reads every row with the confirmed mapping and returns the payments added up per
   supplier and month (`SpendData`), or raises `SpendError` listing the rows that are wrong.

Rows are numbered as a spreadsheet shows them: the header is row 1. Credit notes (negative
amounts), payments under £500 and payments to redacted recipients ("Redacted personal data") are
kept and counted; rows with neither a date nor an amount (a "Total" line, a trailer) are skipped
and counted. The cells' values (dates, amounts, yes or no): spend_values.py.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from maturity.evidence.csv_reading import (
    MAX_PROBLEMS,
    OpenBinary,
    SpendError,
    check_text,
    csv_rows,
    find_header,
    undecodable,
)
from maturity.evidence.normalise import registration_number, supplier_key
from maturity.evidence.spend_columns import check_mapping
from maturity.evidence.spend_values import parse_amount, parse_date, yes_no

THRESHOLD = Decimal(500)

NAMED, REDACTED, UNNAMED = "named", "redacted", "unnamed"
_REDACTED = re.compile(r"^\W*redacted\b", re.IGNORECASE)


@dataclass
class SupplierMonth:
    kind: str
    key: str
    name: str
    month: datetime.date
    supplier_id: str = ""
    amount: Decimal = Decimal(0)
    payments: int = 0
    credit_notes: int = 0
    vcse: bool | None = None
    sme: bool | None = None
    charity_number: str = ""
    company_number: str = ""


@dataclass
class SpendData:
    lines: dict[tuple[str, str, datetime.date], SupplierMonth] = field(default_factory=dict)
    rows: int = 0
    payments: int = 0
    credit_notes: int = 0
    credit_total: Decimal = Decimal(0)
    under_threshold: int = 0
    redacted: int = 0
    unnamed: int = 0
    skipped: int = 0
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None
    encoding: str = "utf-8-sig"
    # What the file's organisation columns say (organisation_name, _uri, _code): a few values of each.
    organisations: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.values()), Decimal(0))

    @property
    def months(self) -> list[datetime.date]:
        return sorted({line.month for line in self.lines.values()})


class _Problems:
    """Problems by row: the first MAX_PROBLEMS rows (in row order) are shown, the others counted."""

    def __init__(self, name: str):
        self.name = name
        self.items: list[tuple[int, str]] = []
        self.count = 0

    def add(self, row: int, kind: str, message: str) -> None:
        self.count += 1
        if len(self.items) < 50 * MAX_PROBLEMS:
            self.items.append((row, message))

    def raise_if_any(self) -> None:
        if not self.count:
            return
        self.items.sort(key=lambda item: item[0])
        shown = [
            _("%(name)s, row %(row)s: %(problem)s") % {"name": self.name, "row": row, "problem": message}
            for row, message in self.items[:MAX_PROBLEMS]
        ]
        if self.count > MAX_PROBLEMS:
            shown.append(
                _("… and %(count)s more rows with problems like these.") % {"count": f"{self.count - MAX_PROBLEMS:,}"}
            )
        raise SpendError(shown)


def read_spend(
    open_binary: OpenBinary, mapping: list[str], *, name: str = "the file", encoding: str = "utf-8-sig"
) -> SpendData:
    """Every payment in the file, added up per supplier and month. Reads the whole file before
    returning; raises SpendError with the faulty rows (up to MAX_PROBLEMS), having stored nothing.
    A file that turns out not to be UTF-8 is read again as Windows-1252."""
    check_text(open_binary, name=name)
    try:
        return _read_spend(open_binary, mapping, name, encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":
            raise undecodable(open_binary, name) from None
        try:
            return _read_spend(open_binary, mapping, name, "cp1252")
        except UnicodeDecodeError:
            raise undecodable(open_binary, name) from None


def _read_spend(open_binary: OpenBinary, mapping: list[str], name: str, encoding: str) -> SpendData:
    with open_binary() as raw:
        rows = csv_rows(raw, encoding, name)
        __, columns = find_header(rows, name)
        if len(mapping) != len(columns):
            raise SpendError(
                [
                    _(
                        "%(name)s: the file has %(columns)s columns but %(chosen)s were chosen; choose the columns again."
                    )
                    % {"name": name, "columns": len(columns), "chosen": len(mapping)}
                ]
            )
        problems = check_mapping(mapping, columns)
        if problems:
            raise SpendError([_("%(name)s: %(problem)s.") % {"name": name, "problem": problem} for problem in problems])
        reader = _Reader(mapping, columns, name)
        reader.read(rows)
    data = reader.finish(again=lambda: _after_header(open_binary, encoding, name))
    data.encoding = encoding
    return data


def _after_header(open_binary: OpenBinary, encoding: str, name: str):
    with open_binary() as raw:
        rows = csv_rows(raw, encoding, name)
        find_header(rows, name)
        yield from rows


# The columns that say which organisation the file is about (its label, URI or code).
ORGANISATION_FIELDS = ("organisation_name", "organisation_uri", "organisation_code")
_NAMED_AT_MOST = 10  # different values kept of each
_READ = {
    "date",
    "amount",
    "supplier_name",
    "supplier_id",
    "vcse",
    "sme",
    "charity_number",
    "company_number",
    *ORGANISATION_FIELDS,
}


def organisations_named(rows, mapping: list[str]) -> dict[str, list[str]]:
    """The values of the organisation columns in these rows (a few of each, in order)."""
    named: dict[str, dict[str, None]] = {}
    for index, key in enumerate(mapping):
        if key in ORGANISATION_FIELDS:
            for row in rows:
                value = " ".join(row[index].split()) if index < len(row) else ""
                seen = named.setdefault(key, {})
                if value and len(seen) < _NAMED_AT_MOST:
                    seen[value] = None
    return {key: list(values) for key, values in named.items() if values}


class _Reader:
    """Reads every row, in one loop that does as little as it can: it files each amount, as
    written, under its (supplier name, date) as written; only the first row of each pair is read
    further (`_first`). The amounts are turned into money per supplier-month afterwards (in C, by
    map and sum); a faulty amount sends the file back through `_amount_problems` to find its row."""

    def __init__(self, mapping: list[str], columns: list[str], name: str):
        where = {key: index for index, key in enumerate(mapping) if key in _READ}
        self.i_date, self.i_amount, self.i_name = where["date"], where["amount"], where["supplier_name"]
        self.extras = [
            (key, where[key])
            for key in ("supplier_id", "vcse", "sme", "charity_number", "company_number")
            if key in where
        ]
        self.organisation_columns = [where[key] for key in ORGANISATION_FIELDS if key in where]
        self.mapping = mapping
        self.named_rows: list[list[str]] = []  # rows whose organisation columns differ from those before
        self.columns, self.width = columns, len(columns)
        self.suppliers: dict[str, tuple[str, str, str]] = {}  # name as written -> _supplier(name)
        self.data = SpendData()
        self.problems = _Problems(name)
        self.name = name
        self.dates: dict[str, tuple[datetime.date, datetime.date] | None] = {}
        # (name as written, date as written) -> the amounts (as written) of its supplier-month.
        self.targets: dict[tuple[str, str], list[str]] = {}
        self.texts: dict[tuple[str, str, datetime.date], list[str]] = {}

    def read(self, rows) -> None:
        width, targets = self.width, self.targets
        i_name, i_date, i_amount = self.i_name, self.i_date, self.i_amount
        for number, row in rows:
            if len(row) != width:
                row = self._fit(number, row)
                if row is None:
                    continue
            target = targets.get((row[i_name], row[i_date]))
            if target is None:
                target = self._first(number, row)
                if target is None:
                    continue
            target.append(row[i_amount])

    def _fit(self, number: int, row: list[str]) -> list[str] | None:
        """A row of another width than the header's: blank (None), with empty cells past the
        last column (cut), short (filled), or wrong (None, and a problem)."""
        if not any(cell.strip() for cell in row):
            return None
        if len(row) > self.width and not any(cell.strip() for cell in row[self.width :]):
            return row[: self.width]
        if len(row) < self.width:
            return row + [""] * (self.width - len(row))
        self.problems.add(
            number,
            "width",
            _("has %(values)s values but the header has %(columns)s columns.")
            % {"values": len(row), "columns": self.width},
        )
        return None

    def _first(self, number: int, row: list[str]) -> list | None:
        """The list of amounts for the supplier-month of a (name, date) pair not seen before, or
        None for a row that is skipped or wrong."""
        data, i_date = self.data, self.i_date
        date_text = row[i_date].strip()
        if not date_text and not row[self.i_amount].strip():
            if any(cell.strip() for cell in row):
                data.skipped += 1
            return None
        day = self.dates.get(date_text, False)
        if day is False:
            parsed = parse_date(date_text)
            day = self.dates[date_text] = (parsed, parsed.replace(day=1)) if parsed else None
        if day is None:
            message = (
                _("the %(column)s “%(value)s” is not a date (it is empty).")
                if not date_text
                else _("the %(column)s “%(value)s” is not a date.")
            )
            self.problems.add(
                number, "date", message % {"column": self.columns[i_date] or _("date"), "value": date_text}
            )
            return None
        kind, key, display = self.suppliers.get(row[self.i_name]) or self._supplier(row[self.i_name])
        where = (kind, key, day[1])
        line = data.lines.get(where)
        if line is None:
            line = data.lines[where] = SupplierMonth(kind=kind, key=key, name=display, month=day[1])
            self.texts[where] = []
        target = self.targets[(row[self.i_name], row[i_date])] = self.texts[where]
        if self.extras and kind is NAMED:
            _extras(line, row, self.extras)
        if self.organisation_columns and len(self.named_rows) < _NAMED_AT_MOST:
            self._named(row)
        if data.first_date is None or day[0] < data.first_date:
            data.first_date = day[0]
        if data.last_date is None or day[0] > data.last_date:
            data.last_date = day[0]
        return target

    def _named(self, row: list[str]) -> None:
        if not self.named_rows or any(row[i] != self.named_rows[-1][i] for i in self.organisation_columns):
            self.named_rows.append(row)

    def _supplier(self, raw_name: str) -> tuple[str, str, str]:
        found = self.suppliers[raw_name] = _supplier(raw_name)
        return found

    def finish(self, *, again) -> SpendData:
        """The amounts added up per supplier-month; raises SpendError for faulty rows."""
        data = self.data
        faulty = False
        for where, amounts in self.texts.items():
            line = data.lines[where]
            try:
                values = sorted(map(Decimal, amounts))
                total = sum(values, Decimal(0))
            except InvalidOperation:
                values, total = _lenient(amounts)
            if values is None or not total.is_finite():
                faulty = True
                continue
            credits = bisect.bisect_left(values, 0)
            small = bisect.bisect_left(values, THRESHOLD) - credits
            line.amount, line.payments, line.credit_notes = total, len(values), credits
            data.rows += len(values)
            data.credit_notes += credits
            data.credit_total += sum(values[:credits], Decimal(0))
            data.under_threshold += small
            if line.kind is REDACTED:
                data.redacted += len(values)
            elif line.kind is UNNAMED:
                data.unnamed += len(values)
        if faulty:
            for number, message in _amount_problems(again(), self.i_date, self.i_amount, self.columns):
                self.problems.add(number, "amount", message)
        self.problems.raise_if_any()
        if not data.rows:
            raise SpendError([_("%(name)s has a header but no payments.") % {"name": self.name}])
        data.payments = data.rows
        data.organisations = organisations_named(self.named_rows, self.mapping)
        return data


def _lenient(amounts: list[str]) -> tuple[list[Decimal] | None, Decimal]:
    """Amounts written with £, commas, brackets or CR, one by one; None if any is not money."""
    values = [parse_amount(text) for text in amounts]
    if any(value is None for value in values):
        return None, Decimal(0)
    values.sort()
    return values, sum(values, Decimal(0))


def _amount_problems(rows, i_date: int, i_amount: int, columns: list[str]):
    """The rows whose amount is not money, found by reading the file again (only once it failed)."""
    for number, row in rows:
        if len(row) <= max(i_date, i_amount):
            continue
        text = row[i_amount]
        if not text.strip() and not row[i_date].strip():
            continue
        if parse_amount(text) is None:
            message = (
                _("the %(column)s “%(value)s” is not an amount of money (it is empty).")
                if not text.strip()
                else _("the %(column)s “%(value)s” is not an amount of money.")
            )
            yield number, message % {"column": columns[i_amount] or _("amount"), "value": text.strip()}


def _extras(target: SupplierMonth, row: list[str], extras: list[tuple[str, int]]) -> None:
    for key, index in extras:
        value = row[index]
        if key == "supplier_id":
            if not target.supplier_id:
                target.supplier_id = value.strip()[:100]
        elif key == "vcse":
            target.vcse = _either(target.vcse, yes_no(value))
        elif key == "sme":
            target.sme = _either(target.sme, yes_no(value))
        elif key == "charity_number":
            if not target.charity_number and value.strip():
                target.charity_number = registration_number(value)[:20]
        elif key == "company_number" and not target.company_number and value.strip():
            target.company_number = registration_number(value)[:20]


def _supplier(raw_name: str) -> tuple[str, str, str]:
    display = " ".join(raw_name.split())
    if not display:
        return UNNAMED, "", ""
    if _REDACTED.match(display):
        return REDACTED, "", "Redacted"
    return NAMED, supplier_key(display)[:200] or display.lower()[:200], display[:300]


def _either(current: bool | None, new: bool | None) -> bool | None:
    if new is None:
        return current
    return bool(current) or new
