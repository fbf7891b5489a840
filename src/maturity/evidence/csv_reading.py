"""Reading the CSV files people bring (spend files, grant lists) in flat memory: the encoding
(UTF-8, with or without a byte order mark, else Windows-1252, which spreadsheet programs still
write), the header row and a few sample rows, every row within the limits of limits.py, and the
one error that lists what is wrong and where.

Pure functions, no Django models. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from maturity.evidence.limits import LIMITS, Limits, megabytes
from maturity.problems import Problems
from maturity.words import counted

MAX_PROBLEMS = 20
SAMPLE_ROWS = 3

OpenBinary = Callable[[], IO[bytes]]


class SpendError(Problems):
    """The file cannot be imported; `problems` says what was wrong and where."""


@dataclass(frozen=True)
class Header:
    columns: list[str]
    samples: list[list[str]]
    encoding: str
    header_row: int  # 1 unless blank lines come first


def read_header(open_binary: OpenBinary, *, name: str = "the file") -> Header:
    """The header row and the first few rows, and the encoding to read the file with."""
    check_text(open_binary, name=name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with open_binary() as raw:
                rows = csv_rows(raw, encoding, name)
                header_row, columns = find_header(rows, name)
                samples = []
                for __, row in rows:
                    if any(cell.strip() for cell in row):
                        samples.append(row)
                    if len(samples) >= SAMPLE_ROWS:
                        break
            return Header(columns=columns, samples=samples, encoding=encoding, header_row=header_row)
        except UnicodeDecodeError:
            continue
    raise undecodable(open_binary, name)


def undecodable(open_binary: OpenBinary, name: str) -> SpendError:
    """The error for a file that is neither UTF-8 nor Windows-1252, naming the first row with a
    byte that is neither (Windows-1252 leaves five bytes undefined: 0x81, 0x8D, 0x8F, 0x90, 0x9D)."""
    with open_binary() as raw:
        for number, line in enumerate(iter(lambda: raw.readline(LIMITS.line_bytes), b""), 1):
            try:
                line.decode("utf-8")
                continue
            except UnicodeDecodeError:
                pass
            try:
                line.decode("cp1252")
            except UnicodeDecodeError as error:
                byte = line[error.start]
                return SpendError(
                    [
                        _(
                            "%(name)s, row %(row)s: the byte %(byte)s is not a character in UTF-8 or in "
                            "Windows-1252, so the file cannot be read. Save it from your spreadsheet as "
                            "“CSV UTF-8” and try again."
                        )
                        % {"name": name, "row": number, "byte": f"0x{byte:02X}"}
                    ]
                )
    return SpendError(
        [
            _(
                "%(name)s mixes UTF-8 and Windows-1252 text, so it cannot be read. Save it from your "
                "spreadsheet as “CSV UTF-8” and try again."
            )
            % {"name": name}
        ]
    )


def check_text(open_binary: OpenBinary, *, name: str = "the file") -> None:
    """Refuses an empty file, UTF-16 text and files that are not text (a workbook or an archive
    saved with a .csv name)."""
    with open_binary() as raw:
        head = raw.read(4096)
    if not head.strip() or head.strip() == codecs.BOM_UTF8:
        raise SpendError([_("%(name)s is empty.") % {"name": name}])
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise SpendError(
            [
                _(
                    "%(name)s is a spreadsheet workbook or an archive, not a CSV file. "
                    "Save it from your spreadsheet as “CSV UTF-8” and try again."
                )
                % {"name": name}
            ]
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        raise SpendError(
            [
                _(
                    "%(name)s is in the wrong encoding (UTF-16, or not text at all). "
                    "Save it as “CSV UTF-8” and try again."
                )
                % {"name": name}
            ]
        )


def csv_rows(
    raw: IO[bytes], encoding: str, name: str = "the file", *, limits: Limits = LIMITS
) -> Iterator[tuple[int, list[str]]]:
    """(row number, values) for every row of the file, read by the csv module (a quoted value may
    run over lines: its row is numbered by the line it starts on). Raises SpendError for a line
    or a value too long, or too many rows (limits.py), and UnicodeDecodeError when the bytes are
    not `encoding`."""
    buffered = raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw, 1 << 20)
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    reader = csv.reader(_bounded_lines(text, name, limits.line_bytes), strict=True)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise SpendError(
                    [
                        _('%(name)s, row %(row)s: a quoted value is never closed (a " is missing).')
                        % {"name": name, "row": number + 1}
                    ]
                ) from None
            raise SpendError(
                [
                    _("%(name)s, row %(row)s: the CSV is malformed (%(error)s).")
                    % {"name": name, "row": number + 1, "error": error}
                ]
            ) from None
        start, number = number + 1, reader.line_num
        if start > limits.rows:
            raise SpendError(
                [
                    _(
                        "%(name)s has more than %(rows)s, the limit for one file: split it "
                        "(by year or quarter) and import each part."
                    )
                    % {"name": name, "rows": counted(limits.rows, "%(num)s row", "%(num)s rows")}
                ]
            )
        yield start, row


def _bounded_lines(text: IO[str], name: str, line_bytes: int) -> Iterator[str]:
    """The lines of a text stream, none longer than line_bytes (counted in characters, which
    bytes are never fewer than)."""
    number = 0
    while line := text.readline(line_bytes + 1):
        number += 1
        if len(line) > line_bytes:
            raise SpendError(
                [
                    _(
                        "%(name)s, row %(row)s is longer than %(size)s, the limit for one row: "
                        "this is not a spend file we can read."
                    )
                    % {"name": name, "row": number, "size": megabytes(line_bytes)}
                ]
            )
        yield line


def find_header(rows, name: str) -> tuple[int, list[str]]:
    for number, row in rows:
        if any(cell.strip() for cell in row):
            columns = [cell.strip() for cell in row]
            if len([c for c in columns if c]) < 2:
                raise SpendError(
                    [
                        _(
                            "%(name)s, row %(row)s: this does not look like the header of a CSV spend file "
                            "(“%(headings)s”): expected column headings separated by commas."
                        )
                        % {"name": name, "row": number, "headings": ", ".join(columns)[:60]}
                    ]
                )
            return number, columns
    raise SpendError([_("%(name)s is empty.") % {"name": name}])
