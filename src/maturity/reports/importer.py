"""Import of a filled-in workbook (see workbook.py): validate everything, then save in one go.

1. The upload is inspected as a zip file before any XML is parsed (safety.check_workbook_upload).
2. The About sheet must name this assessment, or the workbook is refused outright.
3. Every row of the Areas and Actions sheets is read and checked against the assessment as it
   is now; every problem is collected with its sheet, row and column.
4. Only when there is no problem at all, the changed answers and actions are saved in one
   transaction through the assessment services (recorded as changes from a workbook import),
   and the import is recorded in the assessment's history.

A value that is the same as the one saved is always accepted, even if today's rules would refuse
it (a target year now in the past, say), so exporting and importing again changes nothing.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from maturity.assessments import services
from maturity.assessments.forms import MAX_LINKS, YEARS_AHEAD
from maturity.assessments.models import Action, Assessment, Change, Confidence, Event, Response
from maturity.reports import workbook as wbk
from maturity.reports.safety import LIMITS, Limits, UploadRefused, check_workbook_upload, restore
from maturity.reports.summary import join_words, plural

MAX_ERRORS = 500
MAX_AREA_ROWS = 500
MAX_ACTION_ROWS = 2000
LAST_ROW_READ = 100_000
MAX_EVIDENCE = 10_000
MAX_TEXT = 200
MAX_DESCRIPTION = 10_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, where it is, in words for the user."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [part for part in (
            self.sheet,
            f"row {self.row}" if self.row is not None else None,
            f"column {self.column}" if self.column else None,
        ) if part]
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


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
            return "The workbook matches the assessment, so nothing changed"
        updated = [plural(n, word) for n, word in ((self.answers_updated, "answer"), (self.actions_updated, "action")) if n]
        parts = [f"{join_words(updated)} updated"] if updated else []
        if self.actions_added:
            parts.append(f"{plural(self.actions_added, 'action')} added")
        return ", ".join(parts)


# --- Reading ---------------------------------------------------------------------------------

@dataclass
class Sheet:
    name: str
    columns: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def value(self, row: tuple[Any, ...], column: str) -> Any:
        index = self.columns.get(column)
        return row[index] if index is not None and index < len(row) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(wb, name: str, expected: list[str], max_rows: int, problems: list[Problem]) -> Sheet | None:
    if name not in wb.sheetnames:
        problems.append(Problem(f"The workbook has no “{name}” sheet: download a new workbook and fill that in"))
        return None
    ws = wb[name]
    rows = ws.iter_rows(min_row=1, max_row=LAST_ROW_READ, max_col=len(expected) + 5, values_only=True)
    header = next(rows, ())
    columns = {}
    for index, title in enumerate(header or ()):
        if isinstance(title, str) and title.strip() in expected:
            columns.setdefault(title.strip(), index)
    missing = [title for title in expected if title not in columns]
    if missing:
        problems.append(Problem(
            f"the {'column' if len(missing) == 1 else 'columns'} {join_words(['“' + m + '”' for m in missing])} "
            f"{'is' if len(missing) == 1 else 'are'} missing: do not rename or remove columns",
            sheet=name, row=1,
        ))
        return None
    sheet = Sheet(name=name, columns=columns)
    for number, row in enumerate(rows, start=2):
        if all(_blank(value) for value in row):
            continue
        if len(sheet.rows) >= max_rows:
            problems.append(Problem(f"the sheet has more than {max_rows} rows filled in", sheet=name, row=number))
            break
        sheet.rows.append((number, row))
    return sheet


def _about(wb) -> dict[str, Any]:
    if wbk.ABOUT not in wb.sheetnames:
        return {}
    facts = {}
    for row in wb[wbk.ABOUT].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            facts.setdefault(row[0].strip(), row[1] if len(row) > 1 else None)
    return facts


@dataclass
class ParsedWorkbook:
    about: dict[str, Any]
    areas: Sheet | None
    actions: Sheet | None
    problems: list[Problem]


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
        raise ImportRefused([Problem("The selected file could not be read as an Excel workbook: it may be corrupted. "
                                     "Download a new workbook and try again")]) from None
    try:
        problems: list[Problem] = []
        return ParsedWorkbook(
            about=_about(wb),
            areas=_read_sheet(wb, wbk.AREAS, wbk.AREA_COLUMNS, MAX_AREA_ROWS, problems),
            actions=_read_sheet(wb, wbk.ACTIONS, wbk.ACTION_COLUMNS, MAX_ACTION_ROWS, problems),
            problems=problems,
        )
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused([Problem("The selected file could not be read as an Excel workbook: it may be corrupted. "
                                     "Download a new workbook and try again")]) from None
    finally:
        wb.close()


# --- Values ----------------------------------------------------------------------------------

UNREADABLE = object()  # a cell whose value could not be read (its problem is already listed)


class Invalid(Exception):
    """A cell's value that cannot be used; the message is for the user."""


def quoted(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = str(value).strip()
    if len(text) > 60:
        text = text[:57] + "…"
    return f"“{text}”"


def text_of(value: Any) -> str:
    """A cell as text, as the product stores it: the formula guard undone, line breaks as \\n."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    return wbk.sheet_text(restore(str(value))).strip()


def comparable(stored: str) -> str:
    return wbk.sheet_text(stored or "").strip()


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        return int(value)
    return None


_LEVEL = re.compile(r"\s*(\d+)\s*(?:[–—-]\s*(.*?))?\s*", re.S)


def parse_level(value: Any, names: dict[int, str]) -> int | None:
    if _blank(value):
        return None
    example = wbk.level_label(*next(iter(sorted(names.items()))))
    invalid = Invalid(f"{quoted(value)} is not a level of this framework: choose one from the list, for example “{example}”")
    number = _whole_number(value)
    if number is None and isinstance(value, str):
        match = _LEVEL.fullmatch(value)
        if match:
            number = int(match.group(1))
            if match.group(2) and match.group(2).casefold() != names.get(number, "").casefold():
                raise invalid
        else:
            by_name = {name.casefold(): n for n, name in names.items()}
            number = by_name.get(value.strip().casefold())
    if number is None or number not in names:
        raise invalid
    return number


def parse_year(value: Any) -> int | None:
    if _blank(value):
        return None
    year = _whole_number(value)
    if year is None or not 1000 <= year <= 9999:
        raise Invalid("enter the year as 4 digits, for example 2028")
    return year


def parse_choice(value: Any, choices: list[tuple[str, str]], what: str) -> str:
    if _blank(value):
        return ""
    wanted = text_of(value).casefold()
    for stored, label in choices:
        if wanted in (stored.casefold(), str(label).casefold()):
            return stored
    options = join_words([f"“{label}”" for _, label in choices]).replace(" and ", " or ")
    raise Invalid(f"{quoted(value)} is not a {what}: choose {options}")


def parse_links(value: Any) -> list[str]:
    return [line.strip() for line in text_of(value).split("\n") if line.strip()]


def parse_date(value: Any) -> datetime.date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = text_of(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid("enter the due date as a date, for example 31/03/2027")


# --- Checking --------------------------------------------------------------------------------

@dataclass
class AnswerChange:
    response: Response
    answer: dict[str, Any]


@dataclass
class ActionChange:
    action: Action | None  # None: a new action
    area: Any
    values: dict[str, Any]


@dataclass
class Plan:
    answers: list[AnswerChange] = field(default_factory=list)
    actions: list[ActionChange] = field(default_factory=list)


class _Collector:
    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def add(self, message: str, sheet: str, row: int, column: str | None) -> None:
        self.problems.append(Problem(message, sheet=sheet, row=row, column=column))
        if len(self.problems) >= MAX_ERRORS:
            raise _TooMany


def check_about(assessment: Assessment, about: dict[str, Any]) -> list[Problem]:
    if not about:
        return [Problem("The workbook has no “About” sheet saying which assessment it is for: "
                        "download a new workbook from this assessment and fill that in")]
    organisation = text_of(about.get(wbk.ABOUT_ORGANISATION_ID))
    assessment_id = _whole_number(about.get(wbk.ABOUT_ASSESSMENT_ID))
    framework = text_of(about.get(wbk.ABOUT_FRAMEWORK_REF))
    if organisation != assessment.organisation.slug:
        return [Problem("This workbook is for another organisation’s assessment: download the workbook of this "
                        "assessment and fill that in", sheet=wbk.ABOUT)]
    if assessment_id != assessment.pk:
        return [Problem("This workbook is for another assessment: download the workbook of this assessment and "
                        "fill that in", sheet=wbk.ABOUT)]
    if framework != assessment.framework.ref:
        return [Problem("This workbook is for another version of the framework: download the workbook of this "
                        "assessment and fill that in", sheet=wbk.ABOUT)]
    return []


def _check_areas(assessment: Assessment, sheet: Sheet, responses: dict[str, Response], plan: Plan,
                 out: _Collector, today: datetime.date) -> None:
    names = assessment.framework.level_names
    seen: dict[str, int] = {}
    confidence_choices = list(Confidence.choices)
    link = URLValidator(schemes=["http", "https"])
    for number, row in sheet.rows:
        def cell(column: str) -> Any:
            return sheet.value(row, column)

        key = text_of(cell("Area key"))
        response = responses.get(key)
        if response is None:
            message = ("enter the area key: do not change this column" if not key
                       else f"{quoted(key)} is not an area of this framework: do not change this column")
            out.add(message, sheet.name, number, "Area key")
            continue
        if key in seen:
            out.add(f"the area {quoted(response.area.label)} is also in row {seen[key]}: keep one row per area",
                    sheet.name, number, "Area key")
            continue
        seen[key] = number
        saved = {name: getattr(response, name) for name in services.ANSWER_FIELDS}
        answer = dict(saved)
        problems_before = len(out.problems)

        def parsed(column: str, parse, *args):
            try:
                return parse(cell(column), *args)
            except Invalid as invalid:
                out.add(str(invalid), sheet.name, number, column)
                return UNREADABLE

        current = parsed("Current level", parse_level, names)
        target = parsed("Target level", parse_level, names)
        year = parsed("Target year", parse_year)
        confidence = parsed("Confidence", parse_choice, confidence_choices, "confidence level")
        evidence = text_of(cell("Evidence"))
        links = parse_links(cell("Links"))

        if current is not UNREADABLE:
            answer["current_level"] = current
        if target is not UNREADABLE:
            answer["target_level"] = target
        if year is not UNREADABLE and year != saved["target_year"]:
            last = today.year + YEARS_AHEAD
            if year is not None and not today.year <= year <= last:
                out.add(f"enter a year between {today.year} and {last}", sheet.name, number, "Target year")
            answer["target_year"] = year
        if confidence is not UNREADABLE:
            answer["confidence"] = confidence or ""
        if evidence != comparable(saved["evidence"]):
            if len(evidence) > MAX_EVIDENCE:
                out.add(f"evidence must be {MAX_EVIDENCE:,} characters or fewer", sheet.name, number, "Evidence")
            answer["evidence"] = evidence
        if links != [comparable(line) for line in (saved["evidence_links"] or [])]:
            if len(links) > MAX_LINKS:
                out.add(f"enter {MAX_LINKS} links or fewer", sheet.name, number, "Links")
            for index, line in enumerate(links, start=1):
                try:
                    link(line)
                except ValidationError:
                    out.add(f"link {index} ({quoted(line)}) is not a web address: put each link on its own line, "
                            "starting with https://", sheet.name, number, "Links")
                    break
            answer["evidence_links"] = links
        levels = (answer["current_level"], answer["target_level"])
        if (levels != (saved["current_level"], saved["target_level"]) and None not in levels
                and levels[1] < levels[0]):
            out.add("the level your council aims for must be the same as or higher than where it is now",
                    sheet.name, number, "Target level")
        if len(out.problems) == problems_before and answer != saved:
            plan.answers.append(AnswerChange(response=response, answer=answer))


def _area_lookup(assessment: Assessment) -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    areas = [response.area for response in assessment.responses.select_related("area")]
    for area in areas:
        lookup.setdefault(area.label.casefold(), area)
        lookup.setdefault(area.title.casefold(), area)
    for area in areas:
        lookup[area.key.casefold()] = area
    return lookup


def _check_actions(assessment: Assessment, sheet: Sheet, plan: Plan, out: _Collector) -> None:
    existing = {action.pk: action for action in assessment.actions.select_related("area")}
    areas = _area_lookup(assessment)
    statuses = list(Action.Status.choices)
    email = EmailValidator()
    seen: dict[int, int] = {}
    for number, row in sheet.rows:
        def cell(column: str) -> Any:
            return sheet.value(row, column)

        problems_before = len(out.problems)
        raw_id = cell("ID")
        action = None
        if not _blank(raw_id):
            action_id = _whole_number(raw_id)
            action = existing.get(action_id) if action_id is not None else None
            if action is None:
                out.add(f"there is no action {quoted(raw_id)} in this assessment: leave the ID empty to add a new action",
                        sheet.name, number, "ID")
                continue
            if action.pk in seen:
                out.add(f"action {action.pk} is also in row {seen[action.pk]}: keep one row per action",
                        sheet.name, number, "ID")
                continue
            seen[action.pk] = number

        area_text = text_of(cell("Area"))
        area = areas.get(area_text.casefold())
        if area is None:
            out.add("choose the area from the list" if not area_text
                    else f"{quoted(area_text)} is not an area of this framework: choose one from the list",
                    sheet.name, number, "Area")
        elif action is not None and area.pk != action.area_id:
            out.add(f"an action cannot move to another area in the workbook: keep {quoted(action.area.label)}, "
                    "or add a new action", sheet.name, number, "Area")

        values = {
            "title": text_of(cell("Title")),
            "description": text_of(cell("Description")),
            "owner_name": text_of(cell("Owner name")),
            "owner_email": text_of(cell("Owner email")),
        }
        try:
            values["due_date"] = parse_date(cell("Due date"))
        except Invalid as invalid:
            out.add(str(invalid), sheet.name, number, "Due date")
        status_value = cell("Status")
        if _blank(status_value) and action is None:
            values["status"] = Action.Status.NOT_STARTED
        else:
            try:
                values["status"] = parse_choice(status_value, statuses, "status") or None
                if values["status"] is None:
                    out.add("choose a status from the list", sheet.name, number, "Status")
            except Invalid as invalid:
                out.add(str(invalid), sheet.name, number, "Status")
        unreadable = len(out.problems) > problems_before
        before = None if action is None else {name: getattr(action, name) for name in services.ACTION_FIELDS}
        if before is not None:
            # Unchanged text is kept exactly as saved.
            for name in ("title", "description", "owner_name", "owner_email"):
                if values[name] == comparable(before[name]):
                    values[name] = before[name]
            if not unreadable and all(values[name] == before[name] for name in services.ACTION_FIELDS):
                continue

        def is_new(name: str) -> bool:
            return name in values and (before is None or values[name] != before[name])

        if is_new("title"):
            if not values["title"]:
                out.add("enter the action", sheet.name, number, "Title")
            elif len(values["title"]) > MAX_TEXT:
                out.add(f"the action must be {MAX_TEXT} characters or fewer", sheet.name, number, "Title")
        if is_new("description") and len(values["description"]) > MAX_DESCRIPTION:
            out.add(f"the description must be {MAX_DESCRIPTION:,} characters or fewer", sheet.name, number, "Description")
        if is_new("owner_name"):
            if not values["owner_name"]:
                out.add("enter the name of the action's owner", sheet.name, number, "Owner name")
            elif len(values["owner_name"]) > MAX_TEXT:
                out.add(f"the owner's name must be {MAX_TEXT} characters or fewer", sheet.name, number, "Owner name")
        if is_new("owner_email") and values["owner_email"]:
            try:
                email(values["owner_email"])
            except ValidationError:
                out.add(f"{quoted(values['owner_email'])} is not an email address, like name@example.gov.uk",
                        sheet.name, number, "Owner email")
        if not unreadable:
            plan.actions.append(ActionChange(action=action, area=area, values=values))


def check_workbook(assessment: Assessment, book: ParsedWorkbook, *, today: datetime.date) -> Plan:
    """What the workbook would change, or ImportRefused listing every problem found."""
    refused = check_about(assessment, book.about)
    if refused:
        raise ImportRefused(refused)
    problems = list(book.problems)
    plan = Plan()
    out = _Collector(problems)
    responses = {r.area.key: r for r in assessment.responses.select_related("area")}
    try:
        if book.areas is not None:
            _check_areas(assessment, book.areas, responses, plan, out, today)
        if book.actions is not None:
            _check_actions(assessment, book.actions, plan, out)
    except _TooMany:
        problems.append(Problem(f"There are more than {MAX_ERRORS} problems; only the first {MAX_ERRORS} are listed"))
    if problems:
        raise ImportRefused(problems)
    return plan


# --- Saving ----------------------------------------------------------------------------------

NOT_A_DRAFT = ("This assessment is not a draft, so a workbook cannot change it. A lead can reopen it, "
               "then you can import the workbook")


def import_workbook(*, assessment: Assessment, name: str, data: bytes, user,
                    today: datetime.date | None = None, limits: Limits = LIMITS) -> ImportResult:
    """Check the whole workbook, then apply it in one transaction; raises ImportRefused."""
    today = today or timezone.localdate()
    if not assessment.is_editable:
        raise ImportRefused([Problem(NOT_A_DRAFT)])
    book = read_workbook(name, data, limits)
    result = ImportResult()
    try:
        with transaction.atomic():
            locked = Assessment.objects.select_for_update().select_related("framework", "organisation").get(pk=assessment.pk)
            if not locked.is_editable:
                raise ImportRefused([Problem(NOT_A_DRAFT)])
            plan = check_workbook(locked, book, today=today)
            for change in plan.answers:
                services.save_response(response=change.response, answer=change.answer,
                                       based_on_version=change.response.version, user=user,
                                       source=Change.Source.IMPORT)
                result.answers_updated += 1
            for change in plan.actions:
                if change.action is None:
                    services.add_action(assessment=locked, area=change.area, values=change.values, user=user,
                                        source=Change.Source.IMPORT)
                    result.actions_added += 1
                else:
                    services.update_action(action=change.action, values=change.values,
                                           based_on_version=change.action.version, user=user,
                                           source=Change.Source.IMPORT)
                    result.actions_updated += 1
            if result.changed:
                services.record_event(locked, Event.Kind.IMPORTED, user, note=result.message)
    except services.StaleEdit:
        raise ImportRefused([Problem("Someone saved a change to this assessment while the workbook was being "
                                     "imported, so nothing was saved: upload the workbook again")]) from None
    except services.AssessmentError as error:
        raise ImportRefused([Problem(str(error))]) from None
    return result


def rows(problems: list[Problem]) -> Iterator[dict[str, str]]:
    for problem in problems:
        yield {
            "sheet": problem.sheet or "",
            "row": str(problem.row) if problem.row is not None else "",
            "column": problem.column or "",
            "message": problem.message[:1].upper() + problem.message[1:],
        }
