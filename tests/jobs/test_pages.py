"""A job's page: where the job is, how far it has got, how it ended; it updates itself while it may
change, and only the people who may see the organisation's evidence reach it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maturity.jobs.models import Job
from maturity.jobs.presenters import amount, job_url
from tests.factories import give_two_factor
from tests.html import contains_html, elements, title_of
from tests.jobs import kinds
from tests.jobs.support import run_jobs

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_waiting_job_says_so_and_the_page_refreshes_itself_until_stopped(camden, lead, viewer):
    job = kinds.count.start(organisation=camden, user=lead, to=3)
    response = signed_in(viewer).get(job_url(job))
    page = response.content.decode()
    assert response.status_code == 200 and response["Refresh"] == "5"
    assert "Count to a number" in page and "Waiting" in page and "as soon as a worker is free" in page
    assert "Started by Lena Lead" in page and elements(page, "a", href=f"{job_url(job)}?refresh=off")
    assert elements(page, attrs={"data-job-poll": True})  # what the checks below must not find once it stops

    stopped = signed_in(viewer).get(job_url(job) + "?refresh=off")
    assert "Refresh" not in stopped and not elements(stopped, attrs={"data-job-poll": True})
    assert "This page is not updating" in stopped.content.decode()


def test_a_running_job_shows_its_stage_and_a_progress_bar_of_bytes_read(camden, lead):
    job = kinds.count.start(organisation=camden, user=lead, to=3)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, stage="Storing notices", done=3 * 1024 * 1024, total=12 * 1024 * 1024
    )
    page = signed_in(lead).get(job_url(job)).content.decode()
    assert "Storing notices" in page and "In progress" in page
    assert contains_html(page, '<progress id="job-progress" class="app-progress" max="100" value="25">25%</progress>')
    assert "3.0 MB of 12.0 MB (25%)" in page
    assert elements(page, attrs={"data-announce": "Storing notices, 25% done."})


def test_a_finished_job_shows_its_result_and_stops_refreshing(camden, lead):
    job = kinds.count.start(organisation=camden, user=lead, to=3)
    run_jobs()
    response = signed_in(lead).get(job_url(job))
    page = response.content.decode()
    assert "Refresh" not in response and "Finished" in page and "Counted to 3" in page
    assert not elements(page, attrs={"data-job-poll": True}) and "Stop updating" not in page


def test_a_job_that_found_problems_shows_them_in_the_error_summary(camden, lead):
    job = kinds.refuse.start(organisation=camden, user=lead, problems=["Line 3: no date", "Line 9: no amount"])
    run_jobs()
    page = signed_in(lead).get(job_url(job)).content.decode()
    assert title_of(page).startswith("Error: Check a file")
    assert "govuk-error-summary" in page and len(elements(page, "a", href="#problems")) == 2
    assert elements(page, "div", id="problems", tabindex="-1")
    assert "Line 9: no amount" in page and "Nothing was stored" in page


def test_a_job_waiting_for_another_attempt_says_when(camden, lead):
    job = kinds.flaky.start(organisation=camden, user=lead, works_at=2)
    run_jobs()
    page = signed_in(lead).get(job_url(job)).content.decode()
    assert "Attempt 1 did not finish. It will be tried again at" in page


def test_only_the_organisations_people_see_its_jobs(camden, lead, outsider):
    job = kinds.count.start(organisation=camden, user=lead, to=1)
    assert signed_in(outsider).get(job_url(job)).status_code == 404
    # The job's id with the outsider's own organisation in the address: still not theirs.
    theirs = reverse("jobs:job", kwargs={"slug": outsider.memberships.get().organisation.slug, "job_id": job.pk})
    assert signed_in(outsider).get(theirs).status_code == 404
    assert Client().get(job_url(job)).status_code == 302


def test_jobs_without_a_page_have_none(camden, lead):
    job = kinds.fail.start(organisation=camden, user=lead)  # like an email: nobody follows it on a page
    assert signed_in(lead).get(reverse("jobs:job", kwargs={"slug": camden.slug, "job_id": job.pk})).status_code == 404


def test_amounts_are_written_for_people():
    assert amount(532, "bytes") == "532 bytes"
    assert amount(1536, "bytes") == "1.5 KB"
    assert amount(200 * 1024 * 1024, "bytes") == "200.0 MB"
    assert (amount(1, "rows"), amount(12345, "rows")) == ("1 row", "12,345 rows")


def test_operators_see_jobs_in_the_admin_without_their_arguments(client, camden, lead, admin_user):
    from django.core import mail

    mail.send_mail("Your link", "https://example.org/secret-link", None, ["x@example.org"])
    job = kinds.count.start(organisation=camden, user=lead, to=1)
    give_two_factor(admin_user)  # every staff account has two-factor before the admin (ADR 0023)
    client.force_login(admin_user)
    listing = client.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert "Count to a number" in listing and "Email to x@example.org: Your link" in listing
    email_job = Job.objects.get(kind="maturity.mail.deliver")
    page = client.get(reverse("admin:jobs_job_change", args=[email_job.pk])).content.decode()
    assert "secret-link" not in page
    assert client.get(reverse("admin:jobs_job_add")).status_code == 403
    assert client.get(reverse("admin:jobs_job_change", args=[job.pk])).status_code == 200
