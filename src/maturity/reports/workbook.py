"""The assessment as an Excel workbook that colleagues can fill in offline (import: importer.py).

Sheets:
- Areas: one row per area; current and target level and confidence are drop-down lists.
  The first three columns identify the area and are locked.
- Actions: the action plan; a row with no ID adds an action. Area and status are drop-downs.
- Documents: the evidence documents attached to the answers, by name (locked; files are attached
  on the website).
- Descriptors: what each level means in each area, as plain text (locked).
- About: which organisation, assessment and framework the workbook is for, and instructions.
- Lists (hidden): the values of the drop-down lists.

The last column of the Areas and Actions sheets (Version, hidden and locked) holds the version of
each answer and action the workbook was made from, with a fingerprint of the row (rows.py), so
that an import changes only what the file changed and never what someone saved since.
Every text cell goes through `rows.cell_text`, so no cell can run as a formula.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from maturity.assessments.models import AREA_ORDER, Action, Assessment, Confidence
from maturity.documents import presenters as document_presenters
from maturity.reports import rows
from maturity.reports.rows import ACTION_COLUMNS, AREA_COLUMNS, cell_text, level_label, sheet_text
from maturity.text import plain
from maturity.words import when_uk

__all__ = [
    "ACTION_COLUMNS",
    "AREA_COLUMNS",
    "build_workbook",
    "cell_text",
    "export_workbook",
    "filename",
    "level_label",
    "sheet_text",
]

# The sheets' names, the headings of the Areas and Actions sheets (rows.py) and the About sheet's IDs
# are read back by the import, so they stay in English whatever the language of the download; the
# rest (the other sheets' headings, the About sheet's words, the drop-downs' messages) follow it.
# The sheets' names as the code knows them; each is shown in the workbook's language (`_sheet`), but
# for the hidden Lists sheet, which the drop-downs' formulas name.
AREAS, ACTIONS, DOCUMENTS, DESCRIPTORS, ABOUT = (
    N_("Areas"),
    N_("Actions"),
    N_("Documents"),
    N_("Descriptors"),
    N_("About"),
)
LISTS = "Lists"
DOCUMENT_COLUMNS = [
    gettext_lazy("Area"),
    gettext_lazy("Document"),
    gettext_lazy("File name"),
    gettext_lazy("Evidence from"),
    gettext_lazy("Type"),
    gettext_lazy("Size"),
]
AREA_EDITABLE = AREA_COLUMNS[3:-1]

ABOUT_ORGANISATION = gettext_lazy("Organisation")
ABOUT_ORGANISATION_ID = N_("Organisation ID")
ABOUT_ASSESSMENT = gettext_lazy("Assessment")
ABOUT_ASSESSMENT_ID = N_("Assessment ID")
ABOUT_FRAMEWORK = gettext_lazy("Framework")
ABOUT_FRAMEWORK_REF = N_("Framework reference")
ABOUT_EXPORTED_AT = gettext_lazy("Exported at")

# Rows of the Actions sheet that get drop-down lists, beyond the existing actions.
SPARE_ACTION_ROWS = 200
DATE_FORMAT = "dd/mm/yyyy"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)


def filename(assessment: Assessment, suffix: str) -> str:
    return f"{assessment.organisation.slug}-{slugify(assessment.title) or 'assessment'}{suffix}"


def _put(ws: Worksheet, row: int, column: int, value: Any, *, wrap: bool = False):
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # never a formula, an error code or a number
    else:
        cell.value = value
    if wrap:
        cell.alignment = _WRAP
    return cell


def _header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    """The headings in the workbook's language (the import reads them in any)."""
    for index, (title, width) in enumerate(zip(columns, widths), start=1):
        _put(ws, 1, index, _(str(title))).font = _BOLD
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _hide_last_column(ws: Worksheet, column: int) -> None:
    """The Version column: hidden, and locked like every cell that is not an answer."""
    ws.column_dimensions[get_column_letter(column)].hidden = True


def _protect(ws: Worksheet) -> None:
    """Locked against accidental edits (no password); columns and rows can still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _list_validation(ws: Worksheet, source: str, cells: str, prompt: str) -> None:
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not in the list"),
        error=prompt,
        showDropDown=False,
    )
    validation.add(cells)
    ws.add_data_validation(validation)


def _lists(wb: Workbook, columns: list[list[str]]) -> list[str]:
    """A hidden sheet holding the drop-down values; returns a range reference for each column."""
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    refs = []
    for index, values in enumerate(columns, start=1):
        for row, value in enumerate(values, start=1):
            _put(ws, row, index, value)
        letter = get_column_letter(index)
        refs.append(f"{LISTS}!${letter}$1:${letter}${max(len(values), 1)}")
    _protect(ws)
    return refs


def build_workbook(assessment: Assessment, *, now: datetime.datetime | None = None) -> Workbook:
    now = now or timezone.now()
    framework = assessment.framework
    levels = [level_label(n, name) for n, name in sorted(framework.level_names.items())]
    names = framework.level_names
    responses = list(assessment.responses.select_related("area__section").order_by(*AREA_ORDER))
    areas = [r.area for r in responses]
    actions = list(assessment.actions.select_related("area").order_by(*AREA_ORDER, "due_date", "pk"))
    confidences = [label for _value, label in Confidence.choices]
    statuses = [label for _value, label in Action.Status.choices]

    wb = Workbook()
    ws = wb.active
    ws.title = _(AREAS)
    _header(ws, AREA_COLUMNS, [22, 16, 34, 18, 18, 12, 60, 40, 13, 20])
    for row, response in enumerate(responses, start=2):
        cells = rows.area_cells(response, names)
        for column, title in enumerate(AREA_COLUMNS[:-1], start=1):
            cell = _put(ws, row, column, cells[title], wrap=title != "Area key")
            if title in AREA_EDITABLE:
                cell.protection = _UNLOCKED
            elif title == "Area key":
                cell.alignment = _TOP
        version = rows.stamp(response.version, rows.area_values(rows.as_written(cells), names))
        _put(ws, row, len(AREA_COLUMNS), str(version))
    _hide_last_column(ws, len(AREA_COLUMNS))
    last = max(len(responses) + 1, 2)

    actions_ws = wb.create_sheet(_(ACTIONS))
    _header(actions_ws, ACTION_COLUMNS, [8, 30, 40, 50, 22, 30, 13, 14, 20])
    for row, action in enumerate(actions, start=2):
        cells = rows.action_cells(action)
        for column, title in enumerate(ACTION_COLUMNS[:-1], start=1):
            cell = _put(actions_ws, row, column, cells[title], wrap=title not in ("ID", "Owner email", "Status"))
            if title == "Due date":
                cell.number_format = DATE_FORMAT
        version = rows.stamp(action.version, rows.action_values(rows.as_written(cells)))
        _put(actions_ws, row, len(ACTION_COLUMNS), str(version))
    _hide_last_column(actions_ws, len(ACTION_COLUMNS))
    actions_last = len(actions) + 1 + SPARE_ACTION_ROWS

    _documents_sheet(wb.create_sheet(_(DOCUMENTS)), assessment, responses)

    descriptors_ws = wb.create_sheet(_(DESCRIPTORS))
    _header(descriptors_ws, [_("Section"), _("Area"), *levels], [22, 30] + [45] * len(levels))
    for row, area in enumerate(areas, start=2):
        _put(descriptors_ws, row, 1, area.section.title, wrap=True)
        _put(descriptors_ws, row, 2, area.label, wrap=True)
        for column, number in enumerate(sorted(names), start=3):
            _put(descriptors_ws, row, column, plain(area.descriptor(number)), wrap=True)
    _protect(descriptors_ws)

    about = wb.create_sheet(_(ABOUT))
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 90
    facts = [
        (ABOUT_ORGANISATION, assessment.organisation.name),
        (ABOUT_ORGANISATION_ID, assessment.organisation.slug),
        (ABOUT_ASSESSMENT, assessment.title),
        (ABOUT_ASSESSMENT_ID, assessment.pk),
        (ABOUT_FRAMEWORK, framework.title),
        (ABOUT_FRAMEWORK_REF, framework.ref),
        (ABOUT_EXPORTED_AT, when_uk(now)),
    ]
    for row, (key, value) in enumerate(facts, start=1):
        _put(about, row, 1, _(str(key))).font = _BOLD
        _put(about, row, 2, value, wrap=True)
    sheets = {
        "areas": _(AREAS),
        "actions": _(ACTIONS),
        "descriptors": _(DESCRIPTORS),
        "area_key": _("Area key"),
        "version": _(rows.VERSION),
    }
    instructions = [
        _("How to use this workbook"),
        _(
            "Record each area's answer on the %(areas)s sheet: choose the current and target level and the confidence "
            "from the lists, give the target year as 4 digits, and put each evidence link on its own line."
        )
        % sheets,
        _("The %(descriptors)s sheet says what each level means in each area.") % sheets,
        _(
            "On the %(actions)s sheet, change an action in its row, or add a row with an empty ID for a new action. "
            "Deleting a row does not delete the action: remove actions on the website."
        )
        % sheets,
        _(
            "Do not change the %(area_key)s column, the hidden %(version)s columns, this sheet, or the sheet names. The "
            "%(version)s columns tell the import which answers and actions you changed, and whether someone saved them "
            "on the website after you downloaded this workbook: if they did, the import shows both and saves nothing."
        )
        % sheets,
        _(
            "Then upload the workbook on the assessment's reports page. Every row is checked first: if anything is "
            "wrong, you get a list of the problems by sheet, row and column, and nothing is saved."
        ),
    ]
    start = len(facts) + 2
    for offset, line in enumerate(instructions):
        cell = _put(about, start + offset, 1 if offset == 0 else 2, line, wrap=True)
        if offset == 0:
            cell.font = _BOLD
    _protect(about)

    level_ref, confidence_ref, area_ref, status_ref = _lists(
        wb, [levels, confidences, [a.label for a in areas], statuses]
    )
    _list_validation(ws, level_ref, f"D2:E{last}", _("Choose a level from the list"))
    _list_validation(ws, confidence_ref, f"I2:I{last}", _("Choose Low, Medium or High"))
    _list_validation(actions_ws, area_ref, f"B2:B{actions_last}", _("Choose an area from the list"))
    _list_validation(actions_ws, status_ref, f"H2:H{actions_last}", _("Choose a status from the list"))
    _protect(ws)
    wb.active = 0
    return wb


def _documents_sheet(ws: Worksheet, assessment: Assessment, responses: list) -> None:
    """The evidence documents by name, area by area (read only: files are attached on the website)."""
    _header(ws, DOCUMENT_COLUMNS, [30, 40, 40, 16, 24, 12])
    documents = document_presenters.report_documents(assessment)
    listed = [(response.area.label, row) for response in responses for row in documents.get(response.area_id, [])]
    for number, (area, row) in enumerate(listed, start=2):
        for column, value in enumerate(
            (area, row["title"], row["filename"], row["date"], row["kind"], row["size"]), start=1
        ):
            _put(ws, number, column, value, wrap=column < 4)
    if not listed:
        _put(ws, 2, 1, _("No documents are attached to the answers."))
    _protect(ws)


def export_workbook(assessment: Assessment, *, now: datetime.datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    build_workbook(assessment, now=now).save(buffer)
    return buffer.getvalue()
