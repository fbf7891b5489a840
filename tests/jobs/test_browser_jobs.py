"""A job's page in a real browser, with and without JavaScript: progress, the end, the problems."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maturity.jobs import live, services
from maturity.jobs.models import Job
from maturity.jobs.presenters import job_url
from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit
from tests.jobs import kinds


@pytest.fixture
def running(settings, tmp_path, bcamden, blead):
    """A job the worker is running: its progress goes where the worker writes it (jobs/live.py)."""
    settings.JOBS_LIVE_DIR = tmp_path
    job = kinds.count.start(organisation=bcamden, user=blead, to=100)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, started_at=timezone.now(), beat_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def report(job: Job, done: int, total: int, stage: str) -> None:
    channel = live.channel(job)
    channel.update({"done": done, "total": total, "stage": stage, "unit": "rows"})
    channel.flush()
    channel.release()


def test_with_javascript_the_page_updates_in_place_and_announces_politely(page, base_url, blead, running):
    report(running, 25, 100, "Storing notices")
    sign_in_with_cookie(page, base_url, blead)
    visit(page, job_url(running))
    expect(page.locator("#job-progress")).to_have_attribute("value", "25")
    page.evaluate("() => { window.sameDocument = true }")

    report(running, 80, 100, "Storing notices")
    expect(page.locator("#job-progress")).to_have_attribute("value", "80")
    expect(page.get_by_text("80 rows of 100 rows (80%)")).to_be_visible()
    live_region = page.locator("#job-announcement")
    expect(live_region).to_have_attribute("aria-live", "polite")
    expect(live_region).to_have_text("Storing notices, 75% done.")
    assert_accessible(page)

    running.refresh_from_db()
    services.finish(
        live.read(running),
        Job.Status.SUCCEEDED,
        result={"summary": "1,234 notices imported", "link": "/", "link_text": "See the evidence"},
    )
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(live_region).to_have_text("Finished. 1,234 notices imported")
    expect(page.get_by_role("link", name="See the evidence")).to_be_visible()
    assert page.evaluate("() => window.sameDocument") is True  # updated in place, never reloaded
    assert_accessible(page)


def test_with_javascript_problems_found_at_the_end_are_shown_in_a_focused_error_summary(page, base_url, blead, running):
    sign_in_with_cookie(page, base_url, blead)
    visit(page, job_url(running))
    services.finish(running, Job.Status.FAILED, problems=["Line 7: the date is not a date"])
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Line 7: the date is not a date")
    expect(page).to_have_title("Error: Count to a number – Camden – Procurement maturity toolkit")
    assert_accessible(page)


def test_without_javascript_the_page_refreshes_itself_until_asked_to_stop(
    page_without_javascript, base_url, blead, running, settings
):
    page = page_without_javascript
    settings.JOBS_PAGE_REFRESH_SECONDS = 8  # time enough to check each page before it reloads
    report(running, 10, 100, "Reading the file")
    sign_in_with_cookie(page, base_url, blead)
    visit(page, job_url(running))
    expect(page.locator("#job-progress")).to_have_attribute("value", "10")

    with page.expect_event("load", timeout=20_000):  # the page reloads itself
        report(running, 60, 100, "Storing notices")
    assert_accessible(page)
    expect(page.locator("#job-progress")).to_have_attribute("value", "60")
    expect(page.get_by_role("heading", name="Storing notices")).to_be_visible()

    submit(page, page.get_by_role("link", name="Stop updating this page"))
    expect(page.get_by_text("This page is not updating")).to_be_visible()
    services.finish(running, Job.Status.FAILED, problems=["Line 7: the date is not a date"])
    submit(page, page.get_by_role("link", name="Update it now, and every few seconds until the job ends"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 7: the date is not a date")
    expect(page.get_by_role("link", name="Stop updating this page")).to_have_count(0)
