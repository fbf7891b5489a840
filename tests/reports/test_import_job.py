"""A workbook larger than WORKBOOK_BACKGROUND_BYTES is imported by a background job: the upload is
kept for the worker and the person follows the job's page. The guarantees of the import in the
request (ADR 0017) hold in the job: a row someone saved since the download is refused, nothing is
saved unless the whole file is accepted, and the page shows the result or the problems."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maturity.assessments.models import Action, Event
from maturity.jobs import services as job_services
from maturity.jobs.models import Job, Upload
from maturity.jobs.presenters import job_url
from maturity.reports import workbook as wbk
from tests.html import element, elements
from tests.jobs.support import run_jobs
from tests.reports.conftest import report_url
from tests.reports.test_import import first_area, snapshot
from tests.reports.test_import_versions import areas, edit_area, save_on_the_web
from tests.reports.workbooks import add_action_row, edit, open_workbook, row_of_area


@pytest.fixture(autouse=True)
def every_workbook_is_large(settings):
    settings.WORKBOOK_BACKGROUND_BYTES = 1024


@pytest.fixture
def exported(full):
    return wbk.export_workbook(full)


def upload(client, assessment, data: bytes, name: str = "camden.xlsx"):
    return client.post(
        report_url("import", assessment), {"workbook": SimpleUploadedFile(name, data, content_type=wbk.CONTENT_TYPE)}
    )


def the_job(assessment) -> Job:
    return assessment.organisation.jobs.get()


def test_a_large_workbook_goes_to_a_job_page_and_is_saved_by_the_worker(client, full, contributor, exported):
    area = first_area(full)
    row = row_of_area(open_workbook(exported), area.area.key)
    client.force_login(contributor)
    response = upload(client, full, edit(exported, [(wbk.AREAS, row, "Evidence", "Procurement board minutes.")]))
    job = the_job(full)
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert Upload.objects.filter(job=job).exists()
    area.refresh_from_db()
    assert area.evidence != "Procurement board minutes."  # nothing until the worker runs it

    waiting = client.get(job_url(job)).content.decode()
    assert "Import the workbook camden.xlsx" in waiting and "Reports and downloads" in waiting

    run_jobs()
    area.refresh_from_db()
    assert area.evidence == "Procurement board minutes."
    assert area.updated_by == contributor
    assert full.events.filter(kind=Event.Kind.IMPORTED).count() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and not Upload.objects.filter(job=job).exists()
    page = client.get(job_url(job)).content.decode()
    assert "Workbook imported: 1 answer updated." in page
    assert elements(page, "a", href=report_url("index", full))


def test_a_small_workbook_is_still_imported_in_the_request(client, full, contributor, exported, settings):
    settings.WORKBOOK_BACKGROUND_BYTES = len(exported)
    client.force_login(contributor)
    response = upload(client, full, exported)
    assert response.status_code == 302 and response["Location"] == report_url("index", full)
    assert not Job.objects.exists()


def test_the_job_refuses_what_was_saved_since_the_download_and_saves_nothing(client, full, contributor, lead, exported):
    first, second = areas(full)[:2]
    save_on_the_web(first, lead, evidence="Lena's evidence, saved on the web")
    changed = edit_area(
        edit_area(exported, first.area.key, evidence="Connor's evidence, in the workbook"),
        second.area.key,
        evidence="A change nobody else made",
    )
    client.force_login(contributor)
    before = snapshot(full)
    upload(client, full, changed)
    run_jobs()

    assert snapshot(full) == before  # not even the second area's change, which alone was fine
    job = the_job(full)
    assert job.status == Job.Status.FAILED
    page = unescape(client.get(job_url(job)).content.decode())
    assert "govuk-error-summary" in page and f"{first.area.label} was saved by Lena" in page
    assert element(page, id="conflict-1")  # the two values side by side, as on the import page
    assert "Lena's evidence, saved on the web" in page and "Connor's evidence, in the workbook" in page
    assert "Nothing was stored." in page


def test_every_problem_is_listed_by_sheet_row_and_column_on_the_job_page(client, full, contributor, exported):
    area = first_area(full)
    row = row_of_area(open_workbook(exported), area.area.key)
    client.force_login(contributor)
    before = snapshot(full)
    upload(
        client,
        full,
        edit(exported, [(wbk.AREAS, row, "Current level", "Brilliant"), (wbk.AREAS, row, "Target year", "soon")]),
    )
    run_jobs()
    assert snapshot(full) == before
    page = unescape(client.get(job_url(the_job(full))).content.decode())
    assert element(page, "table", id="problems-by-row", class_="govuk-table")
    assert f"Areas, row {row}, column Current level" in page
    assert f"Areas, row {row}, column Target year" in page


def test_an_attempt_after_the_import_was_saved_adds_nothing_twice(client, full, contributor, exported):
    """A worker that dies after the import's transaction commits, before it records the end, leaves
    the job to be run again: the result written in that transaction says it is done."""
    data, _ = add_action_row(
        exported,
        {
            "Area": first_area(full).area.label,
            "Title": "Brief the cabinet",
            "Owner name": "Connor",
            "Status": "Not started",
        },
    )
    client.force_login(contributor)
    upload(client, full, data)
    run_jobs()
    assert Action.objects.filter(assessment=full, title="Brief the cabinet").count() == 1

    job = the_job(full)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.WAITING, finished_at=None)
    job.refresh_from_db()
    job_services.queue(job)
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.attempts == 2
    assert Action.objects.filter(assessment=full, title="Brief the cabinet").count() == 1
    assert "Workbook imported: 1 action added." in client.get(job_url(job)).content.decode()


def test_a_job_page_of_another_organisation_is_not_found(client, full, contributor, outsider, exported):
    client.force_login(contributor)
    upload(client, full, exported)
    client.force_login(outsider)
    assert client.get(job_url(the_job(full))).status_code == 404
