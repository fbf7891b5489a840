"""A large workbook imported by a background job, in a real browser: the upload leads to the job's
page, which shows the result when the worker has saved it (with JavaScript, in place) or the
problems in the GOV.UK error pattern (without JavaScript, the page reloading itself). axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from maturity.reports import workbook as wbk
from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit
from tests.jobs.support import run_jobs
from tests.reports.conftest import report_url
from tests.reports.helpers import full_assessment
from tests.reports.test_import_versions import areas, edit_area, save_on_the_web


@pytest.fixture
def large(settings, tmp_path, bassessment):
    """Every workbook counts as large; the job's progress goes where the worker writes it."""
    settings.WORKBOOK_BACKGROUND_BYTES = 1024
    settings.JOBS_LIVE_DIR = tmp_path
    return full_assessment(bassessment, actions=20)


def upload(page, assessment, data: bytes) -> None:
    visit(page, report_url("import", assessment))
    page.get_by_label("Upload the filled-in workbook").set_input_files(
        files=[{"name": "camden.xlsx", "buffer": data, "mimeType": wbk.CONTENT_TYPE}]
    )
    submit(page, page.get_by_role("button", name="Import workbook"))


def test_with_javascript_the_job_page_shows_the_import_when_the_worker_has_saved_it(
    page, base_url, large, bcontributor
):
    first = areas(large)[0]
    data = edit_area(wbk.export_workbook(large), first.area.key, evidence="Cabinet minutes, 4 March.")
    sign_in_with_cookie(page, base_url, bcontributor)
    upload(page, large, data)
    expect(page.get_by_role("heading", level=1)).to_have_text("Import the workbook camden.xlsx")
    expect(page.get_by_text("Waiting", exact=True)).to_be_visible()
    page.evaluate("() => { window.sameDocument = true }")

    run_jobs()
    expect(page.get_by_role("heading", name="Done")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Workbook imported: 1 answer updated.", exact=True)).to_be_visible()
    assert page.evaluate("() => window.sameDocument") is True  # updated in place
    assert_accessible(page)
    submit(page, page.get_by_role("link", name="Back to reports and downloads"))
    first.refresh_from_db()
    assert first.evidence == "Cabinet minutes, 4 March."


def test_without_javascript_a_conflict_is_shown_in_the_error_pattern_and_nothing_is_saved(
    page_without_javascript, base_url, large, bcontributor, blead
):
    page = page_without_javascript
    first = areas(large)[0]
    data = edit_area(wbk.export_workbook(large), first.area.key, evidence="Procurement board, 2 May.")
    save_on_the_web(first, blead, evidence="Cabinet minutes, 4 March.")
    sign_in_with_cookie(page, base_url, bcontributor)
    upload(page, large, data)
    expect(page.get_by_role("link", name="Stop updating this page")).to_be_visible()

    with page.expect_event("load", timeout=20_000):  # the page reloads itself once the job has ended
        run_jobs()
    expect(page.locator(".govuk-error-summary")).to_contain_text(f"{first.area.label} was saved by Lena Lead")
    conflict = page.locator("#conflict-1")
    expect(conflict.get_by_role("table")).to_contain_text("Procurement board, 2 May.")
    expect(conflict.get_by_role("table")).to_contain_text("Cabinet minutes, 4 March.")
    expect(page.get_by_text("Nothing was stored.")).to_be_visible()
    assert_accessible(page)
    first.refresh_from_db()
    assert first.evidence == "Cabinet minutes, 4 March."
