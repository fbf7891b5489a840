"""What one row of the workbook says, read the same way when it is written and when it comes back.

A row is read into plain text values, as a web form would post them: `area_values` for a row of
the Areas sheet, `action_values` for one of the Actions sheet. The export reads each row it writes
the same way and keeps a fingerprint of the result, with the answer's or action's version, in the
row's Version cell (`stamp`). On import, a row whose values still have that fingerprint is one the
file did not change, whatever was saved since; a row the file changed is saved only if nobody saved
that answer or action after the version the workbook was made from (docs/adr/0017).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop as N_

from maturity.assessments.models import Action, Confidence, Response
from maturity.spreadsheets import neutralise, restore

# The headings as the code knows them; a workbook shows them in the language it is downloaded in,
# and the import reads a heading in any of the service's languages (`names_in_every_language`).
AREA_COLUMNS = [
    N_("Section"),
    N_("Area key"),
    N_("Area"),
    N_("Current level"),
    N_("Target level"),
    N_("Target year"),
    N_("Evidence"),
    N_("Links"),
    N_("Confidence"),
    N_("Version"),
]
ACTION_COLUMNS = [
    N_("ID"),
    N_("Area"),
    N_("Title"),
    N_("Description"),
    N_("Owner name"),
    N_("Owner email"),
    N_("Due date"),
    N_("Status"),
    N_("Version"),
]
VERSION = "Version"


def names_in_every_language(text: str) -> dict[str, str]:
    """A fixed word of the workbook (a sheet's name, a heading, a label of the About sheet) as each
    of the service's languages writes it, folded, each mapped to the word as the code knows it: a
    workbook downloaded in Welsh is read by someone whose pages are in English, and the other way."""
    names = {text.casefold(): text}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.setdefault(translation.gettext(text).casefold(), text)
    return names


# Characters that XML 1.0 (so a worksheet) cannot hold.
_UNSHEETABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LEVEL = re.compile(r"\s*(\d+)\s*(?:[–—-]\s*(.*?))?\s*", re.S)
_STAMP = re.compile(r"\s*(\d{1,9})-([0-9a-f]{16})\s*")
# "%d %m %Y" too: the web form's message gives its example that way ("31 3 2027").
DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y")


def sheet_text(value: str) -> str:
    """Text as a worksheet keeps it: no XML-illegal characters, and line breaks as \\n."""
    return _UNSHEETABLE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def cell_text(value: str) -> str:
    """Text as the export writes it in a cell: sheet text that no spreadsheet can run as a formula."""
    return neutralise(sheet_text(value))


def level_label(number: int, name: str) -> str:
    return f"{number} – {name}"


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell as text, as the product stores it: the formula guard undone, line breaks as \\n."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    return sheet_text(restore(str(value))).strip()


def whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        return int(value)
    return None


def number_text(value: Any) -> str:
    """A whole number as a form would receive it; anything else as typed, for the form to refuse."""
    number = whole_number(value)
    return str(number) if number is not None else text_of(value)


def level_text(value: Any, names: dict[int, str]) -> str:
    """A level as its number ("3"), from "3 – Mature", "3", 3 or "Mature"; anything else as typed."""
    number = whole_number(value)
    if number is not None:
        return str(number)
    text = text_of(value)
    match = _LEVEL.fullmatch(text)
    if match:
        number, name = int(match.group(1)), match.group(2)
        if not name or name.casefold() == names.get(number, "").casefold():
            return str(number)
        return text
    by_name = {name.casefold(): n for n, name in names.items()}
    return str(by_name[text.casefold()]) if text.casefold() in by_name else text


_CHOICE_NAMES: dict[tuple[str, ...], dict[str, str]] = {}


def _choice_names(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """Every name of each choice, folded: its value and its label in each language of the service
    (a workbook downloaded in Welsh may be imported by someone reading English)."""
    key = tuple(str(stored) for stored, _ in choices)
    if key not in _CHOICE_NAMES:
        names: dict[str, str] = {}
        for code, _ in settings.LANGUAGES:
            with translation.override(code):
                for stored, label in choices:  # a label kept in English (N_) or lazy, in this language
                    names.setdefault(translation.gettext(str(label)).casefold(), stored)
        for stored, _ in choices:
            names[stored.casefold()] = stored
        _CHOICE_NAMES[key] = names
    return _CHOICE_NAMES[key]


def choice_text(value: Any, choices: Iterable[tuple[str, str]]) -> str:
    """A choice as its stored value, from the value or its label (in any language); anything else as typed."""
    text = text_of(value)
    return _choice_names(list(choices)).get(text.casefold(), text)


def date_text(value: Any) -> str:
    """A date as YYYY-MM-DD, from a date cell or text in a usual British form; anything else as typed."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = text_of(value)
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return text


def links_text(value: Any) -> str:
    return "\n".join(line.strip() for line in text_of(value).split("\n") if line.strip())


def area_values(cells: dict[str, Any], names: dict[int, str]) -> dict[str, str]:
    """A row of the Areas sheet as ResponseForm's data (with the area key it is for)."""
    return {
        "area_key": text_of(cells.get("Area key")),
        "current_level": level_text(cells.get("Current level"), names),
        "target_level": level_text(cells.get("Target level"), names),
        "target_year": number_text(cells.get("Target year")),
        "evidence": text_of(cells.get("Evidence")),
        "evidence_links": links_text(cells.get("Links")),
        "confidence": choice_text(cells.get("Confidence"), Confidence.choices),
    }


def action_values(cells: dict[str, Any]) -> dict[str, str]:
    """A row of the Actions sheet as ActionForm's fields (the due date as YYYY-MM-DD), with its
    ID and the area's name as typed."""
    return {
        "id": number_text(cells.get("ID")),
        "area": text_of(cells.get("Area")),
        "title": text_of(cells.get("Title")),
        "description": text_of(cells.get("Description")),
        "owner_name": text_of(cells.get("Owner name")),
        "owner_email": text_of(cells.get("Owner email")),
        "due_date": date_text(cells.get("Due date")),
        "status": choice_text(cells.get("Status"), Action.Status.choices),
    }


# --- Rows as the export writes them ----------------------------------------------------------------


def area_cells(response: Response, names: dict[int, str]) -> dict[str, Any]:
    """The cells of a response's row, as values before the formula guard (Version aside)."""
    area = response.area

    def level(number: int | None) -> str | None:
        return level_label(number, names.get(number, "?")) if number else None

    return {
        "Section": area.section.title,
        "Area key": area.key,
        "Area": area.label,
        "Current level": level(response.current_level),
        "Target level": level(response.target_level),
        "Target year": response.target_year,
        "Evidence": response.evidence or None,
        "Links": "\n".join(response.evidence_links or []) or None,
        "Confidence": response.get_confidence_display() if response.confidence else None,
    }


def action_cells(action: Action) -> dict[str, Any]:
    return {
        "ID": action.pk,
        "Area": action.area.label,
        "Title": action.title,
        "Description": action.description or None,
        "Owner name": action.owner_name,
        "Owner email": action.owner_email or None,
        "Due date": action.due_date,
        "Status": action.get_status_display(),
    }


def saved_area_values(response: Response, names: dict[int, str]) -> dict[str, str]:
    """What a workbook downloaded now would hold for the response, read as an import reads it."""
    return area_values(as_written(area_cells(response, names)), names)


def saved_action_values(action: Action) -> dict[str, str]:
    return action_values(as_written(action_cells(action)))


def as_written(cells: dict[str, Any]) -> dict[str, Any]:
    """The cells as a spreadsheet holds them (what an unchanged row gives back)."""
    return {title: cell_text(value) if isinstance(value, str) else value for title, value in cells.items()}


# --- Stamps: the version a row was made from, and its fingerprint ------------------------------------


@dataclass(frozen=True)
class Stamp:
    version: int
    fingerprint: str

    def __str__(self) -> str:
        return f"{self.version}-{self.fingerprint}"


def fingerprint(values: dict[str, str]) -> str:
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def stamp(version: int, values: dict[str, str]) -> Stamp:
    return Stamp(version=version, fingerprint=fingerprint(values))


def read_stamp(value: Any) -> Stamp | None:
    match = _STAMP.fullmatch(value) if isinstance(value, str) else None
    return Stamp(version=int(match.group(1)), fingerprint=match.group(2)) if match else None
