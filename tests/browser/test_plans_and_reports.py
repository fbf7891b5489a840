"""The action plan, sign-off, reopening and the reports, in Chromium, with axe-core on every page visited."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import Page, expect

from maturity.assessments import services
from maturity.assessments.models import Action, Assessment, Response
from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit

YEAR = timezone.localdate().year


def url(assessment, rest: str = "") -> str:
    return f"/organisations/{assessment.organisation.slug}/assessments/{assessment.pk}/{rest}"


def answer(assessment, user, *, current: int = 2, target: int = 3, only=None) -> None:
    """Complete areas through the ORM: every area, or only the one given."""
    responses = Response.objects.filter(assessment=assessment)
    if only is not None:
        responses = responses.filter(area=only)
    responses.update(
        current_level=current,
        target_level=target,
        target_year=YEAR + 1,
        evidence="Minutes of the procurement board",
        confidence="high",
        updated_by=user,
    )


def first_area(assessment):
    return assessment.framework.areas.order_by("position").first()


def error_summary(page: Page):
    return page.locator(".govuk-error-summary")


def expect_error(page: Page, message: str) -> None:
    """The GOV.UK error pattern: 'Error:' in the title, the summary with a link, the summary focused."""
    assert page.title().startswith("Error:"), page.title()
    summary = error_summary(page)
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(summary).to_be_focused()


@pytest.fixture
def bsubmitted(bassessment, blead):
    """Every area answered, then submitted for sign-off by the lead."""
    answer(bassessment, blead)
    return services.submit_for_sign_off(assessment=bassessment, user=blead)


@pytest.fixture
def bsigned_off(bsubmitted, blead):
    return services.sign_off(
        assessment=bsubmitted, user=blead, signer_name="Lena Lead", signer_role="Head of Procurement"
    )


# --- 1. Actions ----------------------------------------------------------------------------------


def test_a_contributor_adds_an_action_to_an_area_with_a_gap_updates_it_and_finds_it_in_the_filtered_plan(
    page, base_url, bassessment, blead, bcontributor
):
    area = first_area(bassessment)
    answer(bassessment, blead, current=2, target=4, only=area)
    sign_in_with_cookie(page, base_url, bcontributor)

    visit(page, url(bassessment, f"areas/{area.key}/"))
    expect(page.get_by_text("There is a gap of 2 levels here and no action yet.")).to_be_visible()
    submit(page, page.get_by_role("link", name=f"Add an action to {area.label}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")

    # Everything but the title: the error summary explains, and the rest is kept.
    page.get_by_label("Owner's name").fill("Olu Owner")
    page.get_by_label("Owner's email address (optional)").fill("olu.owner@example.gov.uk")
    due = page.get_by_role("group", name="Due date (optional)")
    due.get_by_label("Day").fill("31")
    due.get_by_label("Month").fill("3")
    due.get_by_label("Year").fill(str(YEAR + 1))
    page.get_by_role("group", name="Status").get_by_label("In progress", exact=True).check()
    submit(page, page.get_by_role("button", name="Save action"))
    expect_error(page, "Enter what will be done")
    expect(page.get_by_label("Owner's name")).to_have_value("Olu Owner")
    expect(due.get_by_label("Year")).to_have_value(str(YEAR + 1))
    error_summary(page).get_by_role("link", name="Enter what will be done").click()
    expect(page.get_by_label("What will be done")).to_be_focused()

    page.get_by_label("What will be done").fill("Publish a pipeline of tenders")
    submit(page, page.get_by_role("button", name="Save action"))
    expect(
        page.get_by_text(f"The action “Publish a pipeline of tenders” has been added to {area.label}.")
    ).to_be_visible()
    actions = page.get_by_role("table", name=f"Actions in {area.label}")
    row = actions.get_by_role("row").filter(has_text="Publish a pipeline of tenders")
    expect(row).to_contain_text("Olu Owner")
    expect(row).to_contain_text(f"31 March {YEAR + 1}")
    expect(row).to_contain_text("In progress")

    # Its own page: a progress note, then a new status.
    submit(page, row.get_by_role("link", name="Publish a pipeline of tenders", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish a pipeline of tenders")
    expect(page.get_by_text("No progress notes yet.")).to_be_visible()
    page.get_by_label("Add a progress note").fill("Draft pipeline shared with the procurement board.")
    submit(page, page.get_by_role("button", name="Add note"))
    expect(page.get_by_text("Your progress note has been added.")).to_be_visible()
    expect(page.get_by_text("Draft pipeline shared with the procurement board.", exact=True)).to_be_visible()
    page.get_by_label("Blocked", exact=True).check()
    submit(page, page.get_by_role("button", name="Update status"))
    expect(page.get_by_text("The status is now “Blocked”.")).to_be_visible()
    expect(page.get_by_label("Blocked", exact=True)).to_be_checked()

    # Another action, owned by someone else, so that the filters have something to leave out.
    services.add_action(
        assessment=bassessment,
        area=area,
        user=blead,
        values={
            "title": "Train buyers in social value",
            "description": "",
            "owner_name": "Sam Second",
            "owner_email": "",
            "due_date": None,
            "status": Action.Status.DONE,
        },
    )

    # The plan lists both; filtering by owner, then by status, leaves ours.
    visit(page, url(bassessment, "actions/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    expect(page.get_by_role("table", name="2 of 2 actions")).to_be_visible()
    page.get_by_role("combobox", name="Owner").select_option("Olu Owner")
    submit(page, page.get_by_role("button", name="Filter actions"))
    assert "owner=Olu+Owner" in page.url
    table = page.get_by_role("table", name="1 of 2 actions match the filters")
    expect(table.get_by_role("link", name="Publish a pipeline of tenders", exact=True)).to_be_visible()
    expect(table.get_by_text("Train buyers in social value")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Owner")).to_have_value("Olu Owner")

    submit(page, page.get_by_role("link", name="Clear filters"))
    page.get_by_role("combobox", name="Status").select_option(label="Done")
    submit(page, page.get_by_role("button", name="Filter actions"))
    table = page.get_by_role("table", name="1 of 2 actions match the filters")
    expect(table.get_by_role("link", name="Train buyers in social value", exact=True)).to_be_visible()
    expect(table.get_by_text("Publish a pipeline of tenders")).to_have_count(0)

    page.get_by_role("combobox", name="Owner").select_option("Olu Owner")
    submit(page, page.get_by_role("button", name="Filter actions"))
    expect(page.get_by_text("No actions match the filters.")).to_be_visible()

    saved = Action.objects.get(assessment=bassessment, title="Publish a pipeline of tenders")
    assert (saved.owner_email, saved.due_date.isoformat(), saved.status) == (
        "olu.owner@example.gov.uk",
        f"{YEAR + 1}-03-31",
        Action.Status.BLOCKED,
    )
    assert list(saved.notes.values_list("text", flat=True)) == ["Draft pipeline shared with the procurement board."]


# --- 2. Sign-off ---------------------------------------------------------------------------------


def test_a_lead_signs_off_a_submitted_assessment_after_confirming_it_and_its_answers_become_read_only(
    page, base_url, bsubmitted, blead
):
    area = first_area(bsubmitted)
    sign_in_with_cookie(page, base_url, blead)
    visit(page, url(bsubmitted))
    expect(page.locator(".govuk-inset-text")).to_contain_text("This assessment is complete and awaits sign-off")

    submit(page, page.get_by_role("link", name="Sign off the assessment"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign off the assessment")
    expect(page.get_by_label("Your name as it will appear in reports")).to_have_value("Lena Lead")
    page.get_by_label("Your role").fill("Head of Procurement")
    submit(page, page.get_by_role("button", name="Sign off"))
    expect_error(page, "Confirm that the assessment is a fair account before signing it off")
    bsubmitted.refresh_from_db()
    assert bsubmitted.status == Assessment.Status.SUBMITTED

    page.get_by_label("Your name as it will appear in reports").fill("Lena Lead MBE")
    expect(page.get_by_label("Your role")).to_have_value("Head of Procurement")
    page.get_by_label("I confirm this assessment is a fair account").check()
    submit(page, page.get_by_role("button", name="Sign off"))

    expect(page.get_by_text(f"“{bsubmitted.title}” is signed off. Its answers are now read-only.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Signed off by Lena Lead MBE, Head of Procurement, on")
    expect(page.get_by_role("link", name="Reopen the assessment")).to_be_visible()
    expect(page.get_by_role("link", name="Sign off the assessment")).to_have_count(0)

    submit(page, page.get_by_role("link", name=area.label, exact=True))
    expect(page.get_by_role("heading", name="Your council's answer")).to_be_visible()
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^Add an action"))).to_have_count(0)

    bsubmitted.refresh_from_db()
    assert (bsubmitted.status, bsubmitted.signer_name, bsubmitted.signer_role) == (
        Assessment.Status.SIGNED_OFF,
        "Lena Lead MBE",
        "Head of Procurement",
    )


# --- 3. Reopening --------------------------------------------------------------------------------


def test_a_lead_reopens_a_signed_off_assessment_with_a_reason_that_the_history_keeps(
    page, base_url, bsigned_off, blead
):
    sign_in_with_cookie(page, base_url, blead)
    visit(page, url(bsigned_off))
    submit(page, page.get_by_role("link", name="Reopen the assessment"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reopen the assessment")
    expect(page.get_by_text("This removes the sign-off by Lena Lead.")).to_be_visible()

    submit(page, page.get_by_role("button", name="Reopen the assessment"))
    expect_error(page, "Enter the reason for reopening the assessment")
    page.get_by_label("Why are you reopening the assessment?").fill("The spend figures for 2025 were restated.")
    submit(page, page.get_by_role("button", name="Reopen the assessment"))

    expect(page.get_by_text(f"“{bsigned_off.title}” has been reopened as a draft.")).to_be_visible()
    expect(page.get_by_text("Signed off by")).to_have_count(0)
    expect(page.get_by_role("link", name="Check your answers and mark the assessment complete")).to_be_visible()
    bsigned_off.refresh_from_db()
    assert bsigned_off.status == Assessment.Status.IN_PROGRESS

    submit(page, page.get_by_role("link", name="History of the assessment"))
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    steps = page.get_by_role("list").filter(has_text="Signed off by")
    reopened = steps.get_by_role("listitem").filter(has_text="Reopened by Lena Lead")
    expect(reopened).to_contain_text("The spend figures for 2025 were restated.")
    expect(steps.get_by_role("listitem").filter(has_text="Signed off by Lena Lead")).to_contain_text(
        "Lena Lead, Head of Procurement"
    )
    expect(steps.get_by_role("listitem").first).to_contain_text("Reopened")  # newest first


# --- 4. Reports ----------------------------------------------------------------------------------


def download(page: Page, link_name: str):
    """Click a download link and wait for the file; the page itself does not change."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    result = info.value
    assert result.failure() is None, result.failure()
    with open(result.path(), "rb") as file:
        data = file.read()
    assert len(data) > 0, f"{result.suggested_filename} is empty"
    return result.suggested_filename, data


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a downloaded CSV: UTF-8 with a byte order mark, for Excel."""
    assert data.startswith("\ufeff".encode()), data[:8]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def with_evidence(xlsx: bytes, area_key: str, evidence: str) -> bytes:
    """The workbook with the evidence of one area changed, as someone would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    sheet = book["Areas"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, columns["Area key"]).value == area_key)
    sheet.cell(row, columns["Evidence"]).value = evidence
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_lead_downloads_every_report_and_imports_the_workbook_back(page, base_url, bassessment, blead):
    area = first_area(bassessment)
    answer(bassessment, blead, current=2, target=4, only=area)
    services.add_action(
        assessment=bassessment,
        area=area,
        user=blead,
        values={
            "title": "Publish a pipeline of tenders",
            "description": "",
            "owner_name": "Olu Owner",
            "owner_email": "",
            "due_date": None,
            "status": Action.Status.IN_PROGRESS,
        },
    )
    sign_in_with_cookie(page, base_url, blead)
    visit(page, url(bassessment))
    submit(page, page.get_by_role("link", name="Reports and downloads"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports and downloads")
    stem = f"{bassessment.organisation.slug}-{slugify(bassessment.title)}"

    name, pdf = download(page, "Download the committee report (PDF)")
    assert name == f"{stem}.pdf" and pdf.startswith(b"%PDF"), (name, pdf[:8])

    name, xlsx = download(page, "Download the workbook (XLSX)")
    assert name == f"{stem}.xlsx" and xlsx.startswith(b"PK"), (name, xlsx[:8])
    workbook_name = name
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    assert "Areas" in book.sheetnames, book.sheetnames
    book.close()

    name, answers = download(page, "Download the answers (CSV)")
    assert name == f"{stem}-answers.csv", name
    header, *rows = csv_rows(answers)
    assert header[:4] == ["Area", "Area key", "Section", "Current level"] and "Evidence" in header, header
    assert len(rows) == bassessment.framework.areas.count()
    assert rows[0][:2] == [area.label, area.key], rows[0]

    name, actions = download(page, "Download the action plan (CSV)")
    assert name == f"{stem}-actions.csv", name
    header, *rows = csv_rows(actions)
    assert header[:4] == ["Area", "Title", "Description", "Owner"] and "Status" in header, header
    assert [row[:2] for row in rows] == [[area.label, "Publish a pipeline of tenders"]], rows

    # The downloaded workbook goes back in through the import page, unchanged.
    assert_accessible(page)  # still the reports page: downloads load no new document
    submit(page, page.get_by_role("button", name="Import a filled-in workbook"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a workbook")
    submit(page, page.get_by_role("button", name="Import workbook"))
    expect_error(page, "Select the workbook to import")
    page.get_by_label("Upload the filled-in workbook").set_input_files(
        files=[
            {
                "name": workbook_name,
                "buffer": xlsx,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ]
    )
    submit(page, page.get_by_role("button", name="Import workbook"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports and downloads")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The workbook matches the assessment, so nothing changed."
    )

    # The same workbook with new evidence for the first area, filled in offline.
    submit(page, page.get_by_role("button", name="Import a filled-in workbook"))
    page.get_by_label("Upload the filled-in workbook").set_input_files(
        files=[
            {
                "name": workbook_name,
                "buffer": with_evidence(xlsx, area.key, "Cabinet minutes, 4 March."),
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ]
    )
    submit(page, page.get_by_role("button", name="Import workbook"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Workbook imported: 1 answer updated.")
    assert Response.objects.get(assessment=bassessment, area=area).evidence == "Cabinet minutes, 4 March."

    # The first download again, with other evidence for that area: it was saved since, so the
    # import is refused, and the page shows both answers side by side.
    submit(page, page.get_by_role("button", name="Import a filled-in workbook"))
    page.get_by_label("Upload the filled-in workbook").set_input_files(
        files=[
            {
                "name": workbook_name,
                "buffer": with_evidence(xlsx, area.key, "Procurement board, 2 May."),
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ]
    )
    submit(page, page.get_by_role("button", name="Import workbook"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(f"{area.label} was saved by you after this")
    conflict = page.locator("#conflict-1")
    expect(conflict.get_by_role("table")).to_contain_text("Procurement board, 2 May.")
    expect(conflict.get_by_role("table")).to_contain_text("Cabinet minutes, 4 March.")
    assert_accessible(page)
    assert Response.objects.get(assessment=bassessment, area=area).evidence == "Cabinet minutes, 4 March."
