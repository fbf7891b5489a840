"""The daily round reminders, started by the worker itself once a day (or by cron, test_rounds.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from maturity.benchmarks import services
from maturity.jobs import services as job_services
from maturity.jobs.models import Job
from tests.benchmarks.helpers import make_round
from tests.jobs.support import sent_emails

REMINDERS = "maturity.benchmarks.jobs.send_round_reminders"


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_the_worker_starts_the_days_reminders_once_at_the_time_set(
    settings, nps, admin, camden, manchester, lead, outsider
):
    # The worker itself starts the daily jobs whose time has come by the real clock: none until the
    # invitations are out of the way, so that the test passes at any hour of the day.
    settings.JOBS_DAILY = {}
    today = timezone.localdate()
    round_ = make_round(
        nps,
        [camden, manchester],
        user=admin,
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=5),
    )  # in the 7-day reminder window
    services.send_invitations(round_=round_)
    sent_emails().clear()
    settings.JOBS_DAILY = {REMINDERS: datetime.time(7, 0)}

    assert job_services.start_daily(at(today, 6, 59)) == []
    (job,) = job_services.start_daily(at(today, 7, 0))
    assert job_services.start_daily(at(today, 18, 30)) == [job]  # another worker, later: the same job
    assert (job.kind, job.arguments) == (REMINDERS, {"day": today.isoformat()})

    assert sorted(m.to[0] for m in sent_emails()) == sorted([lead.email, outsider.email])
    assert all("Reminder" in m.subject for m in sent_emails())
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result["summary"].startswith("Queued 2 reminders")

    (tomorrow,) = job_services.start_daily(at(today + datetime.timedelta(days=1), 7, 5))
    assert tomorrow.pk != job.pk
