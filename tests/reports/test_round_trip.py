"""Export then import leaves the assessment unchanged, whatever its answers and actions hold."""

from __future__ import annotations

import datetime
import string

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.assessments.models import Action, Change, Confidence, Response
from maturity.reports import importer, rows
from maturity.reports import workbook as wbk

YEAR = datetime.date.today().year
AWKWARD_STARTS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "'",
    "'=",
    "''",
    " =",
    "==",
    "=1+1",
    "@SUM(A1)",
    "-2+3",
    '=HYPERLINK("https://evil.example")',
    "#N/A",
    "TRUE",
    "2028",
    "3 – Mature",
    "0012",
    "1e5",
    "_x000D_",
]
# Any character PostgreSQL can store (not NUL, not surrogates).
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
awkward = st.one_of(
    st.text(characters, max_size=60),
    st.builds(lambda start, rest: start + rest, st.sampled_from(AWKWARD_STARTS), st.text(characters, max_size=30)),
    st.sampled_from(
        [
            "Line one\nline two",
            "Line\r\nbreak\r\n",
            "Café – naïve “quotes” ‘one team’ 🙂",
            "  padded  ",
            "tab\tinside",
            "ends with a quote'",
        ]
    ),
)
links = st.lists(
    st.builds(
        lambda path: f"https://example.gov.uk/{path}",
        st.text(string.ascii_lowercase + string.digits + "-/", max_size=20),
    ),
    max_size=3,
)
emails = st.one_of(
    st.just(""),
    st.builds(lambda name: f"{name}@camden.example.gov.uk", st.text(string.ascii_lowercase, min_size=1, max_size=12)),
)
dates = st.one_of(st.none(), st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))


@st.composite
def answers(draw, levels: list[int]):
    current = draw(st.one_of(st.none(), st.sampled_from(levels)))
    target = draw(st.one_of(st.none(), st.sampled_from([n for n in levels if current is None or n >= current])))
    return {
        "current_level": current,
        "target_level": target,
        "target_year": draw(st.one_of(st.none(), st.integers(YEAR - 5, YEAR + 10))),
        "evidence": draw(awkward),
        "evidence_links": draw(links),
        "confidence": draw(st.sampled_from([""] + [value for value, _ in Confidence.choices])),
        "carried_over": draw(st.booleans()),
    }


@st.composite
def actions(draw, areas: int):
    return {
        "area": draw(st.integers(0, areas - 1)),
        "title": draw(awkward.map(lambda text: text[:200])),
        "description": draw(awkward),
        "owner_name": draw(awkward.map(lambda text: text[:200])),
        "owner_email": draw(emails),
        "due_date": draw(dates),
        "status": draw(st.sampled_from([value for value, _ in Action.Status.choices])),
    }


def rows_the_file_changed(assessment, exported: bytes) -> list[int]:
    """Rows whose values no longer match the fingerprint the export gave them: none, for an
    untouched workbook, or the import would take them for changes (and conflicts, once someone
    saves after the download)."""
    book = importer.read_workbook("round-trip.xlsx", exported)
    names = assessment.framework.level_names
    changed = []
    for sheet, read in ((book.areas, lambda cells: rows.area_values(cells, names)), (book.actions, rows.action_values)):
        for number, row in sheet.rows:
            cells = sheet.cells(row)
            if rows.read_stamp(cells[rows.VERSION]).fingerprint != rows.fingerprint(read(cells)):
                changed.append(number)
    return changed


def state(assessment):
    responses = list(Response.objects.filter(assessment=assessment).order_by("pk").values())
    actions_ = list(Action.objects.filter(assessment=assessment).order_by("pk").values())
    return responses, actions_


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_export_then_import_leaves_responses_and_actions_unchanged(assessment, contributor, data):
    levels = assessment.framework.level_numbers
    areas = list(assessment.framework.areas.order_by("position"))
    with transaction.atomic():
        for response in assessment.responses.order_by("area__position"):
            Response.objects.filter(pk=response.pk).update(**data.draw(answers(levels)))
        for values in data.draw(st.lists(actions(len(areas)), max_size=8)):
            Action.objects.create(assessment=assessment, **{**values, "area": areas[values["area"]]})
        before = state(assessment)

        exported = wbk.export_workbook(assessment)
        result = importer.import_workbook(
            assessment=assessment, name="round-trip.xlsx", data=exported, user=contributor
        )

        assert not result.changed, result.message
        assert rows_the_file_changed(assessment, exported) == []
        assert state(assessment) == before
        assert not Change.objects.filter(assessment=assessment).exists()
        transaction.set_rollback(True)
