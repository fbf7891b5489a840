"""Running queued jobs in a test as `maturity worker --batch` would: the real queue and worker."""

from __future__ import annotations

import datetime
from unittest import mock

from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from maturity.jobs.management.commands.worker import Worker
from maturity.jobs.models import Job


def run_jobs() -> None:
    """Run every job that is due, as a worker does, until none is left.

    A worker closes its database connection between jobs if it looks left in a transaction, as it
    always is inside a test's transaction; like Django's test client with requests, the test keeps
    it open."""
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        mock.patch("maturity.jobs.management.commands.worker.close_old_connections"),
    ):
        Worker(worker_id="test-worker", interval=0.1, batch=True).run()


def sent_emails() -> list:
    """The emails delivered once the worker has run the jobs that are due."""
    run_jobs()
    return mail.outbox


def make_due(job: Job) -> None:
    """Time passes until the job's next attempt is due (its wait after a failure, say)."""
    now = timezone.now() - datetime.timedelta(seconds=1)
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(run_after=now)
    DBTaskResult.objects.filter(id=job.task_id).update(run_after=now)
    job.refresh_from_db()
