"""A background job: the product's record of work done by `maturity worker` rather than in a request.

The queue itself is django-tasks-db's table (one row per attempt); a `Job` spans every attempt and
holds what people and operators need: what it is, who started it for which organisation, from which
request, how far it has got, and how it ended (docs/adr/0019-background-jobs.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to start")
        RUNNING = "running", _("In progress")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    class Unit(models.TextChoices):
        BYTES = "bytes", "bytes"
        ROWS = "rows", "rows"

    # Random, so that a job's address gives nothing away; pages still check who may see it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The dotted path of the job's function (made with `maturity.jobs.background`).
    kind = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    # Named by its label: jobs (with mail) sits below organisations, which queue emails through it.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whether people follow it on a job page (imports) or not (emails, reminders).
    has_page = models.BooleanField(default=False)
    arguments = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=200, blank=True)
    # For a job that must run once only (a day's reminders): a second start with the same key is the first job.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    run_after = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The queue's row for the current attempt (django-tasks' result id) and the worker running it.
    task_id = models.CharField(max_length=64, blank=True)
    worker_id = models.CharField(max_length=100, blank=True)

    # Progress while it runs. On PostgreSQL these are written on a connection of their own, so they
    # are seen while the job's own transaction is still open; on SQLite they are kept beside the
    # database until the job ends (jobs/live.py).
    beat_at = models.DateTimeField(null=True, blank=True)
    stage = models.CharField(max_length=200, blank=True)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.BYTES)

    # How it ended: for the person, a summary and a link, or the problems found (GOV.UK error
    # pattern); for operators, the last error (kind and message; the traceback is in the log).
    result = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "run_after"], name="jobs_waiting_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class Upload(models.Model):
    """A file given to a job (an upload from the web), kept gzip-compressed in the database so that
    a worker on any machine can read it; deleted when the job ends."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)
    content = models.BinaryField()
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
