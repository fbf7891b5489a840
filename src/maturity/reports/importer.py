"""Import of a filled-in workbook (see workbook.py): validate everything, then save in one go.

1. The upload is inspected as a zip file, and every XML part parsed with a hardened parser, before
   the workbook is opened (safety.check_workbook_upload).
2. The About sheet must name this assessment, or the workbook is refused outright.
3. Each row of the Areas and Actions sheets is read into the data a web form would post
   (rows.py). A row whose data still has the fingerprint it was exported with is one the file did
   not change: it is left alone, whatever was saved since. A row the file changed is checked by
   the web's own form (ResponseForm, or PlanActionForm: the action form with its area), bound to
   the row's values, so every rule and message is the one the web and the API give; its field
   errors are listed by sheet, row and column (AREA_FIELD_COLUMNS, ACTION_FIELD_COLUMNS). What
   only a workbook has stays here: its sheets and headings in either language, its versions, and
   the comparison shown when someone saved that answer or action after the version the workbook
   was made from (the row is refused unless the workbook holds exactly what they saved).
4. Only when there is no problem at all, the changed answers and actions are saved in one
   transaction through the assessment services, each based on the version the workbook was made
   from; the import is recorded in the assessment's history and the audit log.

A plain function from the file to the result (`import_workbook`): small workbooks are imported in
the request, large ones by a background job (reports/jobs.py), with the same guarantees.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity import audit
from maturity.assessments import services
from maturity.assessments.forms import PlanActionForm, ResponseForm
from maturity.assessments.models import Action, Assessment, Change, Confidence, Event, Response
from maturity.problems import Problems
from maturity.reports import rows
from maturity.reports import workbook as wbk
from maturity.reports.safety import LIMITS, Limits, UploadRefused, check_workbook_upload
from maturity.words import counted, date_uk, join_words

MAX_ERRORS = 500
MAX_AREA_ROWS = 500
MAX_ACTION_ROWS = 2000
LAST_ROW_READ = 100_000

AREA_FIELD_COLUMNS = {
    "current_level": "Current level",
    "target_level": "Target level",
    "target_year": "Target year",
    "evidence": "Evidence",
    "evidence_links": "Links",
    "confidence": "Confidence",
}
ACTION_FIELD_COLUMNS = {
    "area": "Area",
    "title": "Title",
    "description": "Description",
    "owner_name": "Owner name",
    "owner_email": "Owner email",
    "due_date": "Due date",
    "status": "Status",
}
NOT_A_DRAFT = gettext_lazy(
    "This assessment is not a draft, so a workbook cannot change it. A lead can reopen it, "
    "then you can import the workbook"
)
NO_VERSIONS = gettext_lazy(
    "The column “Version” is missing, so the import cannot tell what you changed from what "
    "others saved since: download a new workbook and make your changes there"
)


@dataclass(frozen=True)
class Conflict:
    """A row the workbook changed that someone else saved after the workbook was downloaded."""

    title: str
    saved_by: str
    saved_at: datetime.datetime | None
    rows: list[tuple[str, str, str]]  # (what, in the workbook, saved now)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, where it is, in words for the user."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    conflict: Conflict | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", str(self.message))  # a lazy text, in the language of now

    def __str__(self) -> str:
        # The sheet and column as the workbook names them, in the language of the page.
        where = [
            part
            for part in (
                _(self.sheet) if self.sheet else None,
                _("row %(row)s") % {"row": self.row} if self.row is not None else None,
                _("column %(column)s") % {"column": _(self.column)} if self.column else None,
            )
            if part
        ]
        return (
            _("%(where)s: %(message)s") % {"where": ", ".join(where), "message": self.message}
            if where
            else str(self.message)
        )


class ImportRefused(Problems):
    separator, named = "; ", 5

    @property
    def conflicts(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.conflict is not None]


class _TooMany(Exception):
    pass


@dataclass
class ImportResult:
    answers_updated: int = 0
    actions_updated: int = 0
    actions_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.answers_updated or self.actions_updated or self.actions_added)

    @property
    def message(self) -> str:
        """'3 answers and 2 actions updated, 1 action added'."""
        if not self.changed:
            return _("The workbook matches the assessment, so nothing changed")
        updated = []
        if self.answers_updated:
            updated.append(counted(self.answers_updated, "%(num)s answer", "%(num)s answers"))
        if self.actions_updated:
            updated.append(counted(self.actions_updated, "%(num)s action", "%(num)s actions"))
        parts = [_("%(items)s updated") % {"items": join_words(updated)}] if updated else []
        if self.actions_added:
            parts.append(counted(self.actions_added, "%(num)s action added", "%(num)s actions added"))
        return ", ".join(parts)

    @property
    def message_in_english(self) -> str:
        """The message for the audit log, whose details stay in English."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.message


# --- Reading ---------------------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    columns: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def cells(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return {title: row[index] if index < len(row) else None for title, index in self.columns.items()}


@dataclass
class ParsedWorkbook:
    about: dict[str, Any]
    areas: Sheet | None
    actions: Sheet | None
    problems: list[Problem]


def _sheet_named(wb, name: str):
    """The sheet of that name in whichever of the service's languages the workbook was made in."""
    names = rows.names_in_every_language(name)
    return next((wb[title] for title in wb.sheetnames if title.strip().casefold() in names), None)


def _read_sheet(wb, name: str, expected: list[str], max_rows: int, problems: list[Problem]) -> Sheet | None:
    ws = _sheet_named(wb, name)
    if ws is None:
        problems.append(
            Problem(
                _("The workbook has no “%(sheet)s” sheet: download a new workbook and fill that in")
                % {"sheet": _(name)}
            )
        )
        return None
    found = ws.iter_rows(min_row=1, max_row=LAST_ROW_READ, max_col=len(expected) + 5, values_only=True)
    header = next(found, ())
    headings = {alias: title for title in expected for alias, title in rows.names_in_every_language(title).items()}
    columns: dict[str, int] = {}
    for index, title in enumerate(header or ()):
        if isinstance(title, str) and title.strip().casefold() in headings:
            columns.setdefault(headings[title.strip().casefold()], index)
    missing = [title for title in expected if title not in columns and title != rows.VERSION]
    if missing:
        problems.append(
            Problem(
                translation.ngettext(
                    "The column %(columns)s is missing: do not rename or remove columns",
                    "The columns %(columns)s are missing: do not rename or remove columns",
                    len(missing),
                )
                % {"columns": join_words(["“" + _(m) + "”" for m in missing])},
                sheet=name,
                row=1,
            )
        )
    if rows.VERSION not in columns:
        problems.append(Problem(NO_VERSIONS, sheet=name, row=1))
    if missing or rows.VERSION not in columns:
        return None
    sheet = Sheet(name=name, columns=columns)
    for number, row in enumerate(found, start=2):
        if all(rows.blank(value) for value in row):
            continue
        if len(sheet.rows) >= max_rows:
            problems.append(
                Problem(
                    counted(
                        max_rows,
                        "The sheet has more than %(num)s row filled in",
                        "The sheet has more than %(num)s rows filled in",
                    ),
                    sheet=name,
                    row=number,
                )
            )
            break
        sheet.rows.append((number, row))
    return sheet


def _about(wb) -> dict[str, Any]:
    """The About sheet's facts, by their labels as the code knows them (in any language in the file)."""
    ws = _sheet_named(wb, wbk.ABOUT)
    if ws is None:
        return {}
    labels = {
        alias: label
        for label in (wbk.ABOUT_ORGANISATION_ID, wbk.ABOUT_ASSESSMENT_ID, wbk.ABOUT_FRAMEWORK_REF)
        for alias, label in rows.names_in_every_language(label).items()
    }
    facts = {}
    for row in ws.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            label = row[0].strip()
            facts.setdefault(labels.get(label.casefold(), label), row[1] if len(row) > 1 else None)
    return facts


UNREADABLE = gettext_lazy(
    "The selected file could not be read as an Excel workbook: it may be corrupted. "
    "Download a new workbook and try again"
)


def read_workbook(name: str, data: bytes, limits: Limits = LIMITS) -> ParsedWorkbook:
    """The sheets' rows as plain values, after the upload checks; raises ImportRefused."""
    try:
        check_workbook_upload(name, data, limits)
    except UploadRefused as refused:
        raise ImportRefused([Problem(str(refused))]) from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise ImportRefused([Problem(UNREADABLE)]) from None
    try:
        problems: list[Problem] = []
        return ParsedWorkbook(
            about=_about(wb),
            areas=_read_sheet(wb, wbk.AREAS, wbk.AREA_COLUMNS, MAX_AREA_ROWS, problems),
            actions=_read_sheet(wb, wbk.ACTIONS, wbk.ACTION_COLUMNS, MAX_ACTION_ROWS, problems),
            problems=problems,
        )
    except Exception:
        raise ImportRefused([Problem(UNREADABLE)]) from None
    finally:
        wb.close()


# --- Checking --------------------------------------------------------------------------------


@dataclass
class AnswerChange:
    response: Response
    answer: dict[str, Any]
    version: int


@dataclass
class ActionChange:
    action: Action | None  # None: a new action
    area: Any
    values: dict[str, Any]
    version: int = 0


@dataclass
class Plan:
    answers: list[AnswerChange] = field(default_factory=list)
    actions: list[ActionChange] = field(default_factory=list)


# Told how far the import has got: progress(done, total, stage=...), rows checked or saved.
Progress = Callable[..., None]
CHECKING = gettext_lazy("Checking every row")
SAVING = gettext_lazy("Saving your changes")


def _quiet(done: int, total: int, *, stage: str) -> None:
    pass


class _Collector:
    def __init__(self, problems: list[Problem], progress: Progress = _quiet, total: int = 0):
        self.problems = problems
        self.progress = progress
        self.total = total
        self.checked = 0

    def row_checked(self) -> None:
        self.checked += 1
        self.progress(self.checked, self.total, stage=CHECKING)

    def add(
        self, message: str, sheet: str, row: int, column: str | None = None, conflict: Conflict | None = None
    ) -> None:
        self.problems.append(Problem(message, sheet=sheet, row=row, column=column, conflict=conflict))
        if len(self.problems) >= MAX_ERRORS:
            raise _TooMany

    def form_errors(self, form, columns: dict[str, str], sheet: str, row: int) -> None:
        """The web form's own messages, each where its field is in the sheet."""
        for name, messages in form.errors.items():
            for message in messages:
                self.add(str(message), sheet, row, columns.get(name))


def quoted(value: Any) -> str:
    text = str(value).strip()
    if len(text) > 60:
        text = text[:57] + "…"
    return f"“{text}”"


def check_about(assessment: Assessment, about: dict[str, Any]) -> list[Problem]:
    if not about:
        return [
            Problem(
                _(
                    "The workbook has no “About” sheet saying which assessment it is for: "
                    "download a new workbook from this assessment and fill that in"
                )
            )
        ]
    organisation = rows.text_of(about.get(wbk.ABOUT_ORGANISATION_ID))
    assessment_id = rows.whole_number(about.get(wbk.ABOUT_ASSESSMENT_ID))
    framework = rows.text_of(about.get(wbk.ABOUT_FRAMEWORK_REF))
    if organisation != assessment.organisation.slug:
        return [
            Problem(
                _(
                    "This workbook is for another organisation’s assessment: download the workbook of this "
                    "assessment and fill that in"
                ),
                sheet=wbk.ABOUT,
            )
        ]
    if assessment_id != assessment.pk:
        return [
            Problem(
                _("This workbook is for another assessment: download the workbook of this assessment and fill that in"),
                sheet=wbk.ABOUT,
            )
        ]
    if framework != assessment.framework.ref:
        return [
            Problem(
                _(
                    "This workbook is for another version of the framework: download the workbook of this "
                    "assessment and fill that in"
                ),
                sheet=wbk.ABOUT,
            )
        ]
    return []


def _unchanged_by_file(values: dict[str, str], cells: dict[str, Any]) -> tuple[bool, rows.Stamp | None]:
    found = rows.read_stamp(cells.get(rows.VERSION))
    return found is not None and rows.fingerprint(values) == found.fingerprint, found


_BAD_STAMP = gettext_lazy(
    "This row’s version is missing or was changed, so the import cannot tell what you changed: "
    "download a new workbook and make your changes there"
)


YOU = gettext_lazy("you")


def _overwrite(who: str) -> str:
    return _("that") if who == str(YOU) else _("theirs")


def _saved_by(user, *, importer) -> str:
    """Who saved an answer or action: "you" for the person importing, else their name."""
    if user is not None and importer is not None and user.pk == importer.pk:
        return str(YOU)
    return _name(user) or _("someone else")


def _level_text(value: str, names: dict[int, str]) -> str:
    if not value:
        return _("Not answered")
    return rows.level_label(int(value), names[int(value)]) if value.isdigit() and int(value) in names else value


def _answer_comparison(
    yours: dict[str, str], theirs: dict[str, str], names: dict[int, str], kind: str
) -> list[tuple[str, str, str]]:
    confidence = dict(Confidence.choices)

    def show(values: dict[str, str]) -> list[str]:
        return [
            _level_text(values["current_level"], names),
            _level_text(values["target_level"], names),
            values["target_year"] or _("Not answered"),
            values["evidence"] or _("Not answered"),
            values["evidence_links"] or _("None"),
            str(confidence.get(values["confidence"], values["confidence"])) or _("Not answered"),
        ]

    where = _("Where your council is now") if kind == "council" else _("Where your organisation is now")
    labels = [where, _("The level it aims for"), _("By"), _("Evidence"), _("Links"), _("Confidence")]
    return list(zip(labels, show(yours), show(theirs)))


def _check_areas(
    assessment: Assessment, sheet: Sheet, responses: dict[str, Response], plan: Plan, out: _Collector, importer
) -> None:
    names = assessment.framework.level_names
    levels = assessment.framework.levels
    seen: dict[str, int] = {}
    for number, row in sheet.rows:
        out.row_checked()
        cells = sheet.cells(row)
        values = rows.area_values(cells, names)
        key = values.pop("area_key")
        response = responses.get(key)
        if response is None:
            out.add(
                _("Enter the area key: do not change this column")
                if not key
                else _("%(key)s is not an area of this framework: do not change this column") % {"key": quoted(key)},
                sheet.name,
                number,
                "Area key",
            )
            continue
        if key in seen:
            out.add(
                _("The area %(area)s is also in row %(row)s: keep one row per area")
                % {"area": quoted(response.area.label), "row": seen[key]},
                sheet.name,
                number,
                "Area key",
            )
            continue
        seen[key] = number
        unchanged, stamp = _unchanged_by_file({"area_key": key, **values}, cells)
        if unchanged:
            continue
        if stamp is None:
            out.add(_BAD_STAMP, sheet.name, number, rows.VERSION)
            continue
        saved = rows.saved_area_values(response, names)
        saved.pop("area_key")
        if stamp.version != response.version:
            if values != saved:
                who = _saved_by(response.updated_by, importer=importer)
                out.add(
                    _(
                        "%(area)s was saved by %(who)s after this workbook was downloaded, so your change to it would "
                        "overwrite %(whose)s: compare the two below"
                    )
                    % {"area": response.area.label, "who": who, "whose": _overwrite(who)},
                    sheet.name,
                    number,
                    conflict=Conflict(
                        title=response.area.label,
                        saved_by=who,
                        saved_at=response.updated_at,
                        rows=_answer_comparison(values, saved, names, assessment.organisation.kind),
                    ),
                )
            continue
        form = ResponseForm({**values, "version": str(response.version)}, levels=levels, saved=response)
        if not form.is_valid():
            out.form_errors(form, AREA_FIELD_COLUMNS, sheet.name, number)
            continue
        answer = {
            name: (getattr(response, name) if values[name] == saved[name] else form.cleaned_data[name])
            for name in services.ANSWER_FIELDS
        }
        if answer != {name: getattr(response, name) for name in services.ANSWER_FIELDS}:
            plan.answers.append(AnswerChange(response=response, answer=answer, version=stamp.version))


def _name(user) -> str | None:
    return (user.full_name or user.email) if user is not None else None


def _area_lookup(assessment: Assessment) -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    areas = [response.area for response in assessment.responses.select_related("area")]
    for area in areas:
        lookup.setdefault(area.label.casefold(), area)
        lookup.setdefault(area.title.casefold(), area)
    for area in areas:
        lookup[area.key.casefold()] = area
    return lookup


def _action_comparison(yours: dict[str, str], theirs: dict[str, str]) -> list[tuple[str, str, str]]:
    statuses = dict(Action.Status.choices)

    def show(values: dict[str, str]) -> list[str]:
        due = values["due_date"]
        try:
            due = date_uk(due) if due else _("None")
        except ValueError:
            pass
        return [
            values["area"],
            values["title"],
            values["description"] or _("None"),
            values["owner_name"],
            values["owner_email"] or _("None"),
            due,
            str(statuses.get(values["status"], values["status"])),
        ]

    labels = [
        _("Area"),
        _("What will be done"),
        _("Details"),
        _("Owner's name"),
        _("Owner's email address"),
        _("Due date"),
        _("Status"),
    ]
    return list(zip(labels, show(yours), show(theirs)))


def _last_change_by(assessment: Assessment, action: Action, importer) -> tuple[str, datetime.datetime | None]:
    change = (
        assessment.changes.select_related("user")
        .filter(subject=Change.Subject.ACTION, subject_id=action.pk)
        .order_by("-at", "-pk")
        .first()
    )
    if change is None:
        return _("someone else"), action.updated_at
    who = _saved_by(change.user, importer=importer) if change.user else (change.user_name or _("someone else"))
    return who, change.at


def _check_actions(assessment: Assessment, sheet: Sheet, plan: Plan, out: _Collector, importer) -> None:
    existing = {action.pk: action for action in assessment.actions.select_related("area")}
    areas = _area_lookup(assessment)
    choices = list({area.pk: area for area in areas.values()}.values())
    seen: dict[int, int] = {}
    for number, row in sheet.rows:
        out.row_checked()
        cells = sheet.cells(row)
        values = rows.action_values(cells)
        found = None  # the saved action the row changes, its stamp and its values as saved
        if values["id"]:
            found = _action_of_row(assessment, existing, values, cells, seen, out, sheet.name, number, importer)
            if found is None:
                continue
        elif not values["status"]:
            values["status"] = Action.Status.NOT_STARTED
        problems_before = len(out.problems)
        # The area as the action plan's form takes it: the key of one named in any way the workbook does.
        area = areas.get(values["area"].casefold())
        if found is not None and area is not None and area.pk != found[0].area_id:
            out.add(
                _("An action cannot move to another area in the workbook: keep %(area)s, or add a new action")
                % {"area": quoted(found[0].area.label)},
                sheet.name,
                number,
                "Area",
            )
        form = PlanActionForm.of_values({**values, "area": area.key if area else values["area"]}, areas=choices)
        if not form.is_valid():
            out.form_errors(form, ACTION_FIELD_COLUMNS, sheet.name, number)
        if len(out.problems) > problems_before:
            continue
        new = {name: form.cleaned_data[name] for name in services.ACTION_FIELDS}
        if found is None:
            plan.actions.append(ActionChange(action=None, area=area, values=new))
            continue
        action, stamp, saved = found
        before = {name: getattr(action, name) for name in services.ACTION_FIELDS}
        # What the row shows as saved stays exactly as saved (line breaks, spaces at the ends).
        new.update({name: before[name] for name in services.ACTION_FIELDS if values[name] == saved[name]})
        if new != before:
            plan.actions.append(ActionChange(action=action, area=area, values=new, version=stamp.version))


def _action_of_row(
    assessment: Assessment,
    existing: dict[int, Action],
    values: dict[str, str],
    cells: dict[str, Any],
    seen: dict[int, int],
    out: _Collector,
    sheet: str,
    number: int,
    importer,
) -> tuple[Action, rows.Stamp, dict[str, str]] | None:
    """The saved action a row with an ID changes, its stamp and its values as saved; None when
    the row changes nothing (the file did not change it) or cannot be imported (a problem is added)."""
    unchanged, stamp = _unchanged_by_file(values, cells)
    action_id = rows.whole_number(values["id"])
    action = existing.get(action_id) if action_id is not None else None
    if action is not None and action.pk in seen:
        out.add(
            _("Action %(id)s is also in row %(row)s: keep one row per action")
            % {"id": action.pk, "row": seen[action.pk]},
            sheet,
            number,
            "ID",
        )
        return None
    if action is not None:
        seen[action.pk] = number
    if unchanged:
        return None  # the file did not change this action (even if it was removed since)
    if action is None:
        out.add(
            _(
                "There is no action %(id)s in this assessment: it may have been removed since the workbook "
                "was downloaded. Leave the ID empty to add it again"
            )
            % {"id": quoted(values["id"])[1:-1]},
            sheet,
            number,
            "ID",
        )
        return None
    if stamp is None:
        out.add(_BAD_STAMP, sheet, number, rows.VERSION)
        return None
    saved = rows.saved_action_values(action)
    if stamp.version != action.version:
        if {**values, "id": ""} != {**saved, "id": ""}:
            who, when = _last_change_by(assessment, action, importer)
            out.add(
                _(
                    "The action %(action)s was changed by %(who)s after this workbook was downloaded, so your "
                    "change to it would overwrite %(whose)s: compare the two below"
                )
                % {"action": quoted(action.title), "who": who, "whose": _overwrite(who)},
                sheet,
                number,
                conflict=Conflict(
                    title=action.title, saved_by=who, saved_at=when, rows=_action_comparison(values, saved)
                ),
            )
        return None
    return action, stamp, saved


def check_workbook(assessment: Assessment, book: ParsedWorkbook, *, user=None, progress: Progress = _quiet) -> Plan:
    """What the workbook would change, or ImportRefused listing every problem found (`user`: who
    is importing, named "you" in conflicts with their own later saves)."""
    refused = check_about(assessment, book.about)
    if refused:
        raise ImportRefused(refused)
    problems = list(book.problems)
    plan = Plan()
    out = _Collector(problems, progress, total=sum(len(sheet.rows) for sheet in (book.areas, book.actions) if sheet))
    responses = {r.area.key: r for r in assessment.responses.select_related("area__section", "updated_by")}
    try:
        if book.areas is not None:
            _check_areas(assessment, book.areas, responses, plan, out, user)
        if book.actions is not None:
            _check_actions(assessment, book.actions, plan, out, user)
    except _TooMany:
        problems.append(
            Problem(_("There are more than %(max)s problems; only the first %(max)s are listed") % {"max": MAX_ERRORS})
        )
    if problems:
        raise ImportRefused(problems)
    return plan


# --- Saving ----------------------------------------------------------------------------------


def import_workbook(
    *,
    assessment: Assessment,
    name: str,
    data: bytes,
    user,
    limits: Limits = LIMITS,
    progress: Progress = _quiet,
    saved: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Check the whole workbook, then apply it in one transaction; raises ImportRefused.

    `progress(done, total, stage=...)` hears of each row checked, then each change saved; `saved(result)`
    is called inside the transaction once everything is saved, so that what it records (a job's
    result) is kept if and only if the import is."""
    if not assessment.is_editable:
        raise ImportRefused([Problem(NOT_A_DRAFT)])
    book = read_workbook(name, data, limits)
    result = ImportResult()
    try:
        with transaction.atomic():
            locked = (
                Assessment.objects.select_for_update().select_related("framework", "organisation").get(pk=assessment.pk)
            )
            if not locked.is_editable:
                raise ImportRefused([Problem(NOT_A_DRAFT)])
            plan = check_workbook(locked, book, user=user, progress=progress)
            changes = len(plan.answers) + len(plan.actions)
            progress(0, changes, stage=SAVING)
            for change in plan.answers:
                services.save_response(
                    response=change.response,
                    answer=change.answer,
                    based_on_version=change.version,
                    user=user,
                    source=Change.Source.IMPORT,
                )
                result.answers_updated += 1
                progress(result.answers_updated, changes, stage=SAVING)
            for change in plan.actions:
                if change.action is None:
                    services.add_action(
                        assessment=locked,
                        area=change.area,
                        values=change.values,
                        user=user,
                        source=Change.Source.IMPORT,
                    )
                    result.actions_added += 1
                else:
                    services.update_action(
                        action=change.action,
                        values=change.values,
                        based_on_version=change.version,
                        user=user,
                        source=Change.Source.IMPORT,
                    )
                    result.actions_updated += 1
                progress(result.answers_updated + result.actions_updated + result.actions_added, changes, stage=SAVING)
            if result.changed:
                services.record_event(locked, Event.Kind.IMPORTED, user, note=result.message)
            audit.record(
                kind="workbook-imported",
                actor=user,
                organisation=locked.organisation,
                subject=locked.title,
                details={"assessment": locked.pk, "file": name[:200], "result": result.message_in_english},
            )
            if saved is not None:
                saved(result)
    except services.StaleEdit:
        # Not reached while the assessment is locked; kept so that a change of locking cannot lose work.
        raise ImportRefused(
            [
                Problem(
                    _(
                        "Someone saved a change to this assessment while the workbook was being "
                        "imported, so nothing was saved: upload the workbook again"
                    )
                )
            ]
        ) from None
    except services.AssessmentError as error:
        raise ImportRefused([Problem(str(error))]) from None
    return result


def rows_of(problems: list[Problem]) -> Iterator[dict[str, str]]:
    """The problems found in the sheets, as rows of the table on the import page."""
    for problem in problems:
        if problem.sheet is None or problem.conflict is not None:
            continue
        yield {
            "sheet": _(problem.sheet),
            "row": str(problem.row) if problem.row is not None else "",
            "column": _(problem.column) if problem.column else "",
            "message": problem.message[:1].upper() + problem.message[1:],
        }
