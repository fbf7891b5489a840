"""Every email goes through the job queue: a page never waits for, nor fails with, the mail server."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maturity import mail as product_mail
from maturity.jobs.models import Job
from maturity.organisations.models import Role
from tests.jobs import backends
from tests.jobs.support import make_due, run_jobs, sent_emails

DOWN = "tests.jobs.backends.DownBackend"


@pytest.fixture
def mail_server_down(settings):
    backends.calls.clear()
    settings.EMAIL_DELIVERY_BACKEND = DOWN
    return settings


def email_jobs():
    return Job.objects.filter(kind="maturity.mail.deliver")


def test_a_password_reset_from_django_is_queued_not_sent_by_the_page(client, lead, mail_server_down):
    response = client.post(reverse("accounts:password-reset"), {"email": lead.email})
    assert response.status_code == 302  # the page did not even try the mail server, which is down
    assert backends.calls == []
    (job,) = email_jobs()
    assert job.status == Job.Status.WAITING and job.title.startswith(f"Email to {lead.email}: Reset your password")


def test_a_mail_server_that_is_down_never_fails_the_page_and_the_email_is_retried_with_back_off(
    camden, lead, mail_server_down, caplog
):
    client = Client()
    client.force_login(lead)
    response = client.post(
        reverse("organisations:invite", args=[camden.slug]), {"email": "new.person@camden.gov.uk", "role": Role.VIEWER}
    )
    assert response.status_code == 302

    caplog.set_level(logging.INFO, logger="maturity.jobs")
    before = timezone.now()
    run_jobs()
    (job,) = email_jobs()
    assert (job.status, job.attempts) == (Job.Status.WAITING, 1)
    assert "ConnectionRefusedError" in job.error
    assert datetime.timedelta(seconds=59) < job.run_after - before < datetime.timedelta(seconds=70)
    assert any("will be tried again" in r.getMessage() and str(job.pk) in r.getMessage() for r in caplog.records)

    run_jobs()  # not due yet: nothing happens
    job.refresh_from_db()
    assert job.attempts == 1 and backends.calls == ["down"]

    make_due(job)
    run_jobs()
    job.refresh_from_db()
    assert job.attempts == 2 and job.run_after - timezone.now() > datetime.timedelta(seconds=290)  # waits longer

    mail_server_down.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # back up
    make_due(job)
    (message,) = sent_emails()
    assert message.to == ["new.person@camden.gov.uk"] and "/accounts/invitations/" in message.body
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.SUCCEEDED, 3)
    assert job.arguments == {}  # the text, with its invitation link, is not kept once sent


def test_an_email_that_fails_every_attempt_fails_for_good_saying_why(lead, mail_server_down, caplog):
    mail.send_mail("Hello", "Body", None, [lead.email])
    (job,) = email_jobs()
    for _ in product_mail.DELIVERY_DELAYS:
        run_jobs()
        make_due(job)
    caplog.set_level(logging.WARNING, logger="maturity.jobs")
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1 + len(product_mail.DELIVERY_DELAYS))
    assert "Connection refused" in job.error and job.arguments == {}
    assert any("failed for good" in r.getMessage() for r in caplog.records)


def test_an_address_the_mail_server_refuses_for_good_is_not_retried(lead, settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.jobs.backends.RefusingBackend"
    mail.send_mail("Hello", "Body", None, [lead.email])
    run_jobs()
    (job,) = email_jobs()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)
    assert "No such mailbox" in job.error


def test_an_email_sent_by_work_that_is_rolled_back_is_never_sent(lead):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Hello", "Body", None, [lead.email])
        raise RuntimeError("the rest of the work failed")
    assert not email_jobs().exists() and sent_emails() == []


def test_every_part_of_a_message_survives_the_queue(db):
    message = mail.EmailMultiAlternatives(
        "Subject",
        "Body",
        "from@example.com",
        ["to@example.com"],
        cc=["cc@example.com"],
        bcc=["bcc@example.com"],
        reply_to=["reply@example.com"],
        headers={"X-Round": "7"},
    )
    message.attach_alternative("<p>Body</p>", "text/html")
    message.attach("figures.csv", "a,b\n1,2\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\x00", "image/png")
    message.send()
    (sent,) = sent_emails()
    assert (sent.subject, sent.body, sent.from_email, sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        "Subject",
        "Body",
        "from@example.com",
        ["to@example.com"],
        ["cc@example.com"],
        ["bcc@example.com"],
        ["reply@example.com"],
    )
    assert sent.extra_headers == {"X-Round": "7"}
    assert [tuple(a) for a in sent.alternatives] == [("<p>Body</p>", "text/html")]
    assert [tuple(a) for a in sent.attachments] == [
        ("figures.csv", "a,b\n1,2\n", "text/csv"),
        ("logo.png", b"\x89PNG\x00", "image/png"),
    ]
