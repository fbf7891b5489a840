"""A job's page in Welsh, and a job's words in the language of the person who started it
(docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

import pytest
from django.test import Client

from maturity.jobs.models import Job
from maturity.jobs.presenters import job_url
from tests.jobs import kinds
from tests.welsh import english_in

pytestmark = pytest.mark.django_db


def test_a_job_page_in_welsh(camden, lead):
    job = kinds.count.start(organisation=camden, user=lead, to=3)
    client = Client()
    client.force_login(lead)
    page = client.get(job_url(job), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Yn aros" in page and "Bydd yn dechrau cyn gynted ag y bydd gweithiwr ar gael." in page
    assert english_in(page, allow=("Count to a number",)) == []
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, stage="", done=3 * 1024 * 1024, total=12 * 1024 * 1024
    )
    page = client.get(job_url(job), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "3.0 MB o 12.0 MB (25%)" in page and english_in(page, allow=("Count to a number",)) == []


def test_a_failed_job_says_why_in_the_language_of_the_person_who_started_it(camden, lead):
    from tests.jobs.support import run_jobs

    lead.language = "cy"
    lead.save(update_fields=["language"])
    job = kinds.fail.start(organisation=camden, user=lead)
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.problems[0].startswith("Daeth y dasg i ben gyda gwall ar ein hochr ni ar ôl 1 ymgais")
