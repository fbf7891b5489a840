"""Importing a filled-in workbook: validated whole first, then saved in one transaction."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maturity.assessments import services
from maturity.assessments.models import Action, Assessment, Change, Event, Response
from maturity.reports import importer
from maturity.reports import workbook as wbk
from tests.assessments.helpers import beside_the_draft
from tests.factories import make_organisation
from tests.html import element, text_of, title_of
from tests.reports.conftest import report_url
from tests.reports.workbooks import add_action_row, edit, open_workbook, row_of_action, row_of_area, save
from tests.reports.zips import billion_laughs, utf16_entity, with_bad_checksum, zip_bomb

TODAY = timezone.localdate()
XLSX = wbk.CONTENT_TYPE


def snapshot(assessment):
    """Everything an import could change, to show that nothing did."""
    return (
        list(Response.objects.filter(assessment=assessment).order_by("pk").values()),
        list(Action.objects.filter(assessment=assessment).order_by("pk").values()),
        Change.objects.filter(assessment=assessment).count(),
        Event.objects.filter(assessment=assessment).count(),
    )


def run(assessment, user, data: bytes, name: str = "camden.xlsx") -> importer.ImportResult:
    return importer.import_workbook(assessment=assessment, name=name, data=data, user=user)


def refused(assessment, user, data: bytes, name: str = "camden.xlsx") -> list[str]:
    before = snapshot(assessment)
    with pytest.raises(importer.ImportRefused) as refusal:
        run(assessment, user, data, name)
    assert snapshot(assessment) == before, "a refused import must change nothing"
    return [str(problem) for problem in refusal.value.problems]


def upload(client, assessment, data: bytes, name: str = "camden.xlsx"):
    return client.post(
        report_url("import", assessment), {"workbook": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


@pytest.fixture
def exported(full):
    return wbk.export_workbook(full)


def first_area(assessment):
    return assessment.responses.select_related("area").order_by("area__position").first()


# --- Valid workbooks ---------------------------------------------------------------------------


def test_an_unchanged_workbook_changes_nothing(full, contributor, exported):
    before = snapshot(full)
    result = run(full, contributor, exported)
    assert not result.changed
    assert result.message == "The workbook matches the assessment, so nothing changed"
    assert snapshot(full) == before


def test_a_changed_answer_is_saved_and_recorded_in_the_history_as_an_import(full, contributor, exported):
    response = first_area(full)
    wb = open_workbook(exported)
    row = row_of_area(wb, response.area.key)
    data = edit(
        exported,
        [
            (wbk.AREAS, row, "Current level", "2 – Developing"),
            (wbk.AREAS, row, "Target level", "4 – Leader"),
            (wbk.AREAS, row, "Evidence", "New evidence\nover two lines"),
        ],
    )
    result = run(full, contributor, data)
    assert result.message == "1 answer updated"
    response.refresh_from_db()
    assert (response.current_level, response.target_level, response.evidence) == (2, 4, "New evidence\nover two lines")
    assert response.version == 1 and response.updated_by == contributor
    change = Change.objects.get(assessment=full)
    assert change.source == Change.Source.IMPORT and change.subject == Change.Subject.RESPONSE
    assert set(change.fields) == {"current_level", "target_level", "evidence"}
    event = full.events.get(kind=Event.Kind.IMPORTED)
    assert event.user == contributor and event.note == "1 answer updated"


def test_changed_and_new_actions_are_saved_as_an_import(full, contributor, exported):
    action = full.actions.order_by("pk").first()
    wb = open_workbook(exported)
    data = edit(
        exported,
        [
            (wbk.ACTIONS, row_of_action(wb, action.pk), "Owner name", "Priya Patel"),
            (wbk.ACTIONS, row_of_action(wb, action.pk), "Status", "Done"),
        ],
    )
    area = full.framework.areas.order_by("position").last()
    data, _ = add_action_row(
        data,
        {
            "Area": area.label,
            "Title": "Publish a forward plan",
            "Owner name": "Ali Khan",
            "Owner email": "ali.khan@camden.example.gov.uk",
            "Due date": "31/03/2027",
        },
    )
    result = run(full, contributor, data)
    assert result.message == "1 action updated, 1 action added"
    action.refresh_from_db()
    assert (action.owner_name, action.status, action.version) == ("Priya Patel", Action.Status.DONE, 1)
    new = full.actions.get(title="Publish a forward plan")
    assert (new.area, new.owner_name, new.due_date, new.status) == (
        area,
        "Ali Khan",
        datetime.date(2027, 3, 31),
        Action.Status.NOT_STARTED,
    )
    assert (
        Change.objects.filter(assessment=full, source=Change.Source.IMPORT, subject=Change.Subject.ACTION).count() == 2
    )


def test_a_due_date_typed_as_the_forms_message_shows_it_is_read(full, contributor, exported):
    """The form refuses a due date with "for example 31 3 2027": in a workbook that is a date too."""
    area = full.framework.areas.order_by("position").first()
    data, _ = add_action_row(
        exported, {"Area": area.key, "Title": "Train buyers", "Owner name": "Ali Khan", "Due date": "31 3 2027"}
    )
    assert run(full, contributor, data).message == "1 action added"
    assert full.actions.get(title="Train buyers").due_date == datetime.date(2027, 3, 31)


def test_an_action_without_an_area_gets_the_action_plans_message(full, contributor, exported):
    data, row = add_action_row(exported, {"Title": "Train buyers", "Owner name": "Ali Khan"})
    assert refused(full, contributor, data) == [f"Actions, row {row}, column Area: Choose the area the action is in"]


def test_the_result_message_says_what_changed():
    assert importer.ImportResult(3, 2, 0).message == "3 answers and 2 actions updated"
    assert importer.ImportResult(1, 0, 4).message == "1 answer updated, 4 actions added"
    assert importer.ImportResult(0, 0, 1).message == "1 action added"


def test_levels_can_be_typed_as_numbers_or_names(full, contributor, exported):
    responses = list(full.responses.select_related("area").order_by("area__position")[:2])
    wb = open_workbook(exported)
    data = edit(
        exported,
        [
            (wbk.AREAS, row_of_area(wb, responses[0].area.key), "Current level", 3),
            (wbk.AREAS, row_of_area(wb, responses[0].area.key), "Target level", "innovator"),
            (wbk.AREAS, row_of_area(wb, responses[1].area.key), "Target level", "5"),
        ],
    )
    run(full, contributor, data)
    assert [
        (r.current_level, r.target_level)
        for r in Response.objects.filter(pk__in=[r.pk for r in responses]).order_by("area__position")
    ] == [(3, 5), (responses[1].current_level, 5)]


def test_a_formula_typed_in_the_workbook_is_saved_as_text_and_exported_safely(full, contributor, exported):
    response = first_area(full)
    wb = open_workbook(exported)
    data = edit(exported, [(wbk.AREAS, row_of_area(wb, response.area.key), "Evidence", "'=1+1 as agreed")])
    run(full, contributor, data)
    response.refresh_from_db()
    assert response.evidence == "=1+1 as agreed"
    again = open_workbook(wbk.export_workbook(full))
    assert again[wbk.AREAS].cell(row_of_area(again, response.area.key), 7).value == "'=1+1 as agreed"


def test_a_target_year_already_saved_is_kept_even_if_now_in_the_past(full, contributor):
    response = first_area(full)
    Response.objects.filter(pk=response.pk).update(target_year=TODAY.year - 3)
    before = snapshot(full)
    assert not run(full, contributor, wbk.export_workbook(full)).changed
    assert snapshot(full) == before


# --- Invalid workbooks: every problem listed, nothing saved ------------------------------------


def test_every_problem_is_listed_by_sheet_row_and_column_and_nothing_changes(full, contributor, exported):
    responses = list(full.responses.select_related("area").order_by("area__position"))
    wb = open_workbook(exported)
    rows = [row_of_area(wb, r.area.key) for r in responses]
    action = full.actions.order_by("pk").first()
    action_row = row_of_action(wb, action.pk)
    data = edit(
        exported,
        [
            (wbk.AREAS, rows[5], "Current level", "7 – Wizard"),
            (wbk.AREAS, rows[6], "Target year", "soon"),
            (wbk.AREAS, rows[7], "Confidence", "Very"),
            (wbk.AREAS, rows[8], "Area key", "astrology"),
            (wbk.AREAS, rows[9], "Links", "not a link"),
            (wbk.AREAS, rows[10], "Target year", TODAY.year + 40),
            (wbk.ACTIONS, action_row, "Owner email", "not-an-email"),
            (wbk.ACTIONS, action_row + 1, "Due date", "next week"),
            (wbk.ACTIONS, action_row + 2, "Status", "Abandoned"),
            (wbk.ACTIONS, action_row + 3, "ID", 999999),
        ],
    )
    data, new_row = add_action_row(data, {"Area": "Astrology", "Owner name": "Ali"})
    problems = refused(full, contributor, data)
    # The web form's own messages (ResponseForm, PlanActionForm), where each field is in the workbook.
    assert problems == [
        f"Areas, row {rows[5]}, column Current level: Choose one of the levels for where your council is now",
        f"Areas, row {rows[6]}, column Target year: Enter the year as 4 digits, for example 2028",
        f"Areas, row {rows[7]}, column Confidence: Choose low, medium or high confidence",
        f"Areas, row {rows[8]}, column Area key: “astrology” is not an area of this framework: do not change this column",
        f"Areas, row {rows[9]}, column Links: Link 1 is not a web address: enter each link on its own line, "
        "starting with https://",
        f"Areas, row {rows[10]}, column Target year: Enter a year between {TODAY.year} and {TODAY.year + 10}",
        f"Actions, row {action_row}, column Owner email: Enter an email address in the correct format, "
        "like name@example.gov.uk",
        f"Actions, row {action_row + 1}, column Due date: Enter the due date as a real date, for example 31 3 2027",
        f"Actions, row {action_row + 2}, column Status: Choose one of the statuses",
        f"Actions, row {action_row + 3}, column ID: There is no action 999999 in this assessment: it may have been "
        "removed since the workbook was downloaded. Leave the ID empty to add it again",
        f"Actions, row {new_row}, column Area: Choose one of the areas of this assessment",
        f"Actions, row {new_row}, column Title: Enter what will be done",
    ]


def test_unknown_areas_and_levels_are_refused_and_nothing_changes(full, contributor, exported):
    wb = open_workbook(exported)
    data = edit(exported, [(wbk.AREAS, 2, "Area key", "not-an-area"), (wbk.AREAS, 3, "Target level", "6")])
    problems = refused(full, contributor, data)
    assert problems == [
        "Areas, row 2, column Area key: “not-an-area” is not an area of this framework: do not change this column",
        "Areas, row 3, column Target level: Choose one of the levels for what your council aims for",
    ]
    assert wb  # the workbook itself opened fine


def test_a_target_below_the_current_level_is_refused(full, contributor, exported):
    response = first_area(full)
    row = row_of_area(open_workbook(exported), response.area.key)
    data = edit(
        exported, [(wbk.AREAS, row, "Current level", "4 – Leader"), (wbk.AREAS, row, "Target level", "2 – Developing")]
    )
    assert refused(full, contributor, data) == [
        f"Areas, row {row}, column Target level: The level your council aims for must be the same as or higher than "
        "where it is now"
    ]


def test_an_area_twice_and_an_action_moved_to_another_area_are_refused(full, contributor, exported):
    action = full.actions.select_related("area").order_by("pk").first()
    other = full.framework.areas.exclude(pk=action.area_id).first()
    wb = open_workbook(exported)
    first_key = wb[wbk.AREAS].cell(2, 2).value
    data = edit(
        exported,
        [(wbk.AREAS, 3, "Area key", first_key), (wbk.ACTIONS, row_of_action(wb, action.pk), "Area", other.label)],
    )
    problems = refused(full, contributor, data)
    assert problems[0].startswith("Areas, row 3, column Area key: The area “") and "is also in row 2" in problems[0]
    assert problems[1].startswith(
        f"Actions, row {row_of_action(wb, action.pk)}, column Area: An action cannot move to another area"
    )


def test_a_workbook_with_a_missing_sheet_or_column_is_refused(full, contributor, exported):
    wb = open_workbook(exported)
    del wb[wbk.ACTIONS]
    wb[wbk.AREAS].cell(1, 4).value = "Now"
    problems = refused(full, contributor, save(wb))
    assert problems == [
        "Areas, row 1: The column “Current level” is missing: do not rename or remove columns",
        "The workbook has no “Actions” sheet: download a new workbook and fill that in",
    ]


def test_a_workbook_of_another_assessment_is_refused(full, contributor, lead, nps, camden):
    with beside_the_draft(camden, nps):  # one draft at a time: the other one is set aside meanwhile
        older = services.start_assessment(organisation=camden, framework=nps, title="Self-assessment 2025", user=lead)
    Assessment.objects.filter(pk=older.pk).update(status=Assessment.Status.SIGNED_OFF)
    assert refused(full, contributor, wbk.export_workbook(older)) == [
        "About: This workbook is for another assessment: download the workbook of this assessment and fill that in"
    ]


def test_a_workbook_of_another_organisation_is_refused(full, contributor, lead, nps):
    leeds = make_organisation("Leeds")
    theirs = services.start_assessment(organisation=leeds, framework=nps, title="Self-assessment 2026", user=lead)
    problems = refused(full, contributor, wbk.export_workbook(theirs))
    assert problems == [
        "About: This workbook is for another organisation’s assessment: download the workbook of "
        "this assessment and fill that in"
    ]


def test_a_workbook_without_its_about_sheet_is_refused(full, contributor, exported):
    wb = open_workbook(exported)
    del wb[wbk.ABOUT]
    assert refused(full, contributor, save(wb))[0].startswith("The workbook has no “About” sheet")


# --- Hostile and broken files ------------------------------------------------------------------


def test_a_zip_bomb_is_refused_and_nothing_changes(client, full, contributor):
    client.force_login(contributor)
    before = snapshot(full)
    response = upload(client, full, zip_bomb(60))
    assert "The selected file expands to far more data than a workbook holds" in response.content.decode()
    assert snapshot(full) == before


def test_an_entity_expansion_attack_is_refused(full, contributor, exported):
    assert refused(full, contributor, billion_laughs(exported)) == [
        "The selected file contains XML that a workbook never has, so it was not opened"
    ]


def test_an_internal_entity_in_utf16_sheet_xml_is_refused_and_never_reaches_an_answer(full, contributor, exported):
    """The attack: a byte scan for "<!DOCTYPE" misses UTF-16, and the entity was expanded into an
    answer. Every XML part is now parsed with entities and DTDs refused (defusedxml)."""
    assert refused(full, contributor, utf16_entity(exported)) == [
        "The selected file contains XML that a workbook never has, so it was not opened"
    ]
    assert not full.responses.filter(evidence__contains="Typed by an entity").exists()


def test_a_corrupted_workbook_is_refused(client, full, contributor, exported):
    client.force_login(contributor)
    before = snapshot(full)
    for data, message in (
        (with_bad_checksum(exported), "The selected file is corrupted: download a new workbook and try again"),
        (exported[: len(exported) // 2], "The selected file is not an Excel workbook (.xlsx), or it is corrupted"),
    ):
        response = upload(client, full, data)
        assert message in response.content.decode()
    assert snapshot(full) == before


def test_the_wrong_type_of_file_is_refused(client, full, contributor):
    client.force_login(contributor)
    before = snapshot(full)
    response = upload(client, full, b"Area,Current level\n", name="answers.csv")
    assert "The selected file must be an Excel workbook (.xlsx)" in response.content.decode()
    assert snapshot(full) == before


def test_an_oversized_file_is_refused(client, full, contributor):
    client.force_login(contributor)
    before = snapshot(full)
    response = upload(client, full, b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024))
    assert "The selected file must be smaller than 5 MB" in response.content.decode()
    assert snapshot(full) == before


def test_no_file_selected_gets_a_clear_error(client, full, contributor):
    client.force_login(contributor)
    response = client.post(report_url("import", full), {})
    page = response.content.decode()
    assert "Select the workbook to import" in page and "govuk-error-summary" in page


# --- The upload page ---------------------------------------------------------------------------


def test_a_valid_upload_saves_and_says_what_changed(client, full, contributor, exported):
    client.force_login(contributor)
    response = first_area(full)
    data = edit(exported, [(wbk.AREAS, row_of_area(open_workbook(exported), response.area.key), "Confidence", "High")])
    if response.confidence == "high":
        data = edit(
            exported, [(wbk.AREAS, row_of_area(open_workbook(exported), response.area.key), "Confidence", "Low")]
        )
    reply = upload(client, full, data)
    assert reply.status_code == 302 and reply["Location"] == report_url("index", full)
    page = client.get(reply["Location"]).content.decode()
    assert "Workbook imported: 1 answer updated." in page


def test_the_error_summary_lists_each_problem_with_sheet_row_and_column(client, full, contributor, exported):
    client.force_login(contributor)
    data = edit(exported, [(wbk.AREAS, 7, "Current level", "7 – Wizard")])
    page = upload(client, full, data).content.decode()
    assert element(page, "div", class_="govuk-error-summary")
    assert "Areas, row 7, column Current level: Choose one of the levels for where your council is now" in text_of(page)
    assert element(page, "table", id="problems", class_="govuk-table")
    assert title_of(page).startswith("Error: Import a workbook")


def test_the_upload_page_uses_the_file_upload_component(client, full, contributor):
    client.force_login(contributor)
    page = client.get(report_url("import", full)).content.decode()
    assert element(page, "input", type="file", class_="govuk-file-upload")
    assert element(page, "form", enctype="multipart/form-data")


def test_a_signed_off_assessment_cannot_be_changed_by_a_workbook(client, full, lead, contributor, exported):
    full.responses.update(carried_over=False)
    services.submit_for_sign_off(assessment=full, user=lead)
    services.sign_off(assessment=full, user=lead, signer_name="Cllr Jo Bloggs", signer_role="Cabinet member")
    client.force_login(contributor)
    assert "This assessment is not a draft" in client.get(report_url("import", full)).content.decode()
    before = snapshot(full)
    data = edit(exported, [(wbk.AREAS, 2, "Evidence", "Changed after sign-off")])
    page = upload(client, full, data).content.decode()
    assert "This assessment is not a draft, so a workbook cannot change it" in page
    assert snapshot(full) == before


def test_a_viewer_cannot_import(client, full, viewer, exported):
    client.force_login(viewer)
    before = snapshot(full)
    assert client.get(report_url("import", full)).status_code == 403
    assert upload(client, full, exported).status_code == 403
    assert snapshot(full) == before


def test_a_member_of_another_organisation_gets_404_and_changes_nothing(client, full, outsider, exported):
    client.force_login(outsider)
    before = snapshot(full)
    assert upload(client, full, exported).status_code == 404
    for name in ("index", "committee-pdf", "workbook", "responses-csv", "actions-csv", "import"):
        assert client.get(report_url(name, full)).status_code == 404, name
    assert snapshot(full) == before


def test_an_assessment_of_another_organisation_is_not_found_through_this_one(client, full, outsider, nps, manchester):
    theirs = services.start_assessment(organisation=manchester, framework=nps, title="Theirs", user=outsider)
    client.force_login(outsider)
    url = report_url("workbook", full).replace(f"/{full.pk}/", f"/{theirs.pk}/")
    assert client.get(url).status_code == 404
