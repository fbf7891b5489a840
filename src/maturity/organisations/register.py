"""Reading mySociety's register of UK local authorities (`uk_local_authority_names_and_codes`).

Plain functions and no database: `parse` checks a whole CSV file and either returns every row as
a `RegisterRecord` or raises `RegisterError` listing each problem by row and column. The writing
is `services.import_register`. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.text import slugify

from maturity.organisations.models import Nation, Organisation
from maturity.problems import Problems
from maturity.words import date_uk

ENGLAND = "England"
WALES = "Wales"
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
# The strategy's reach: English councils, and Welsh ones, which took part in the LGA's diagnostics.
DEFAULT_NATIONS = (ENGLAND, WALES)
# The register's nation names, and ours.
NATION_VALUES = {label: value for value, label in Nation.choices}
# mySociety's register, bundled as the product's reference data (CC BY 4.0; data/README.md).
BUNDLED = Path(__file__).resolve().parent / "data" / "uk_local_authorities_current.csv"

# The register's local-authority-type codes, and the kind of organisation each one is here.
TYPES: dict[str, str] = {
    "CTY": Organisation.Type.COUNTY,
    "NMD": Organisation.Type.DISTRICT,  # non-metropolitan district
    "UA": Organisation.Type.UNITARY,
    "MD": Organisation.Type.METROPOLITAN_DISTRICT,
    "LBO": Organisation.Type.LONDON_BOROUGH,
    "CC": Organisation.Type.LONDON_BOROUGH,  # the City of London Corporation
    "COMB": Organisation.Type.COMBINED_AUTHORITY,
    "SRA": Organisation.Type.OTHER,  # the Greater London Authority
    "SCO": Organisation.Type.UNITARY,  # Scottish unitary authority
    "WPA": Organisation.Type.WELSH_PRINCIPAL,  # Welsh principal (county or county borough) council
    "NID": Organisation.Type.OTHER,  # Northern Ireland district: fewer powers than an English district
}

REQUIRED_COLUMNS = (
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "alt-names",
    "pop-2020",
)

# Lengths of the Organisation fields, so that a long value is reported rather than cut or refused
# by the database half-way through a write.
_MAX_LENGTHS = {
    "local-authority-code": 10,
    "official-name": 300,
    "nice-name": 200,
    "gss-code": 9,
    "region": 100,
}
_REPORT_AT_MOST = 50
# Names in the register's lists are separated by a bare comma; a comma followed by a space is
# part of a name ("Bristol, City of").
_LIST_SEPARATOR = re.compile(r",(?!\s)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RegisterError(Problems):
    """The file is not a register this product can import; `problems` says where and why."""


@dataclass(frozen=True)
class RegisterRecord:
    """One organisation as the register describes it, in this product's terms."""

    row: int
    register_code: str
    name: str
    official_name: str
    gss_code: str
    type: str
    region: str
    nation: str
    population: int | None
    alternative_names: list[str]
    start_date: date | None
    end_date: date | None
    replaced_by: list[str]  # register codes of the successors (two or more when an area was split)

    @property
    def slug(self) -> str:
        return slugify(self.name)[:100] or slugify(self.register_code)

    @property
    def is_current(self) -> bool:
        return self.end_date is None


@dataclass
class Register:
    records: list[RegisterRecord]
    skipped_by_nation: Counter = field(default_factory=Counter)


def read(path: str | Path) -> str:
    """The text of a register file, or RegisterError if it cannot be read as UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RegisterError([f"There is no file at {path}"]) from None
    except IsADirectoryError:
        raise RegisterError([f"{path} is a folder, not a CSV file"]) from None
    except UnicodeDecodeError as error:
        raise RegisterError([f"{path} is not UTF-8 text (byte {error.start}): save it as UTF-8 CSV"]) from None


def parse(text: str, *, nations: Collection[str] | None = DEFAULT_NATIONS) -> Register:
    """Check every row of the register and return the rows of `nations` (None: all nations).

    Raises RegisterError with every problem found (up to a limit), so a file is fixed in one go.
    """
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip() for name in reader.fieldnames or []]
    if not columns:
        raise RegisterError(["The file is empty: expected a header row naming the register's columns"])
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise RegisterError(
            [f"Row 1 (the header) is missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"]
        )
    reader.fieldnames = columns

    problems: list[str] = []
    records: list[RegisterRecord] = []
    skipped: Counter = Counter()
    seen_codes: dict[str, int] = {}
    seen_gss: dict[str, int] = {}
    rows = 0
    for number, raw in enumerate(reader, start=2):
        rows += 1
        if None in raw:
            problems.append(f"Row {number} has more values than the header has columns")
            continue
        values = {name: (raw.get(name) or "").strip() for name in REQUIRED_COLUMNS}
        record, row_problems = _record(number, values)
        problems.extend(row_problems)
        for column, seen in (("local-authority-code", seen_codes), ("gss-code", seen_gss)):
            value = values[column]
            if value and value in seen:
                problems.append(f"Row {number}, column {column}: {value} is also on row {seen[value]}")
            elif value:
                seen[value] = number
        if record is None:
            continue
        if nations is None or record.nation in nations:
            records.append(record)
        else:
            skipped[record.nation] += 1
    if not rows:
        raise RegisterError(["The file has a header but no rows"])
    if problems:
        shown = problems[:_REPORT_AT_MOST]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more problems")
        raise RegisterError(shown)
    return Register(records=records, skipped_by_nation=skipped)


def _record(number: int, values: dict[str, str]) -> tuple[RegisterRecord | None, list[str]]:
    problems: list[str] = []

    def problem(column: str, message: str) -> None:
        problems.append(f"Row {number}, column {column}: {message}")

    for column in ("local-authority-code", "nice-name", "nation", "local-authority-type"):
        if not values[column]:
            problem(column, "is blank")
    for column, limit in _MAX_LENGTHS.items():
        if len(values[column]) > limit:
            problem(column, f"{values[column]!r} is longer than {limit} characters")
    if values["nation"] and values["nation"] not in NATIONS:
        problem("nation", f"{values['nation']!r} is not one of {', '.join(NATIONS)}")
    type_code = values["local-authority-type"]
    if type_code and type_code not in TYPES:
        problem("local-authority-type", f"{type_code!r} is not a type code this product knows ({', '.join(TYPES)})")
    start_date = _date(values["start-date"], "start-date", problem)
    end_date = _date(values["end-date"], "end-date", problem)
    if start_date and end_date and end_date < start_date:
        problem("end-date", f"{date_uk(end_date)} is before the start date {date_uk(start_date)}")
    population = _population(values["pop-2020"], problem)
    if problems:
        return None, problems
    name = values["nice-name"]
    return (
        RegisterRecord(
            row=number,
            register_code=values["local-authority-code"],
            name=name,
            official_name=values["official-name"],
            gss_code=values["gss-code"],
            type=TYPES[type_code],
            region=values["region"],
            nation=values["nation"],
            population=population,
            alternative_names=alternative_names(values["alt-names"], name=name),
            start_date=start_date,
            end_date=end_date,
            replaced_by=[code.strip() for code in values["replaced-by"].split(",") if code.strip()],
        ),
        [],
    )


def _date(value: str, column: str, problem) -> date | None:
    if not value:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        problem(column, f"{value!r} is not a date in the form YYYY-MM-DD")
        return None


def _population(value: str, problem) -> int | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        problem("pop-2020", f"{value!r} is not a number")
        return None
    if number != number or number < 0 or number > 2_000_000_000:  # NaN, negative or absurd
        problem("pop-2020", f"{value!r} is not a population")
        return None
    return round(number)


def alternative_names(value: str, *, name: str) -> list[str]:
    """The register's comma-separated names, without the name itself or case-insensitive repeats."""
    seen = {name.casefold()}
    names: list[str] = []
    for item in _LIST_SEPARATOR.split(value):
        item = " ".join(item.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            names.append(item)
    return names
