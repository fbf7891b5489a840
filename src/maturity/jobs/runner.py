"""The one task the queue runs: an attempt at a job (`run_job`), with its progress, its request id in
every log line, and what follows a failure (another attempt, or the job fails saying why)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django_tasks import TaskContext, task

from maturity import request_context
from maturity.jobs import live, services
from maturity.jobs.kinds import Refused, Running, kind_at
from maturity.jobs.models import Job

logger = logging.getLogger("maturity.jobs")


@task(takes_context=True)
def run_job(context: TaskContext, job_id: str) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != Job.Status.WAITING or job.task_id != str(context.task_result.id):
        # Deleted, or already run by an attempt queued again after this one was given up for lost.
        return "skipped"
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.WAITING, task_id=job.task_id).update(
        status=Job.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        beat_at=now,
        stage="",
        done=0,
        total=None,
        worker_id=(context.task_result.worker_ids or [""])[-1][:100],
    )
    if not claimed:
        return "skipped"
    job.refresh_from_db()
    token = request_context.request_id.set(job.request_id or None)
    try:
        # What the job writes for people (its stages, summary and problems) is in the language of
        # the person who started it (docs/adr/0025-cymraeg.md).
        with translation.override(getattr(job.started_by, "language", "") or settings.LANGUAGE_CODE):
            return _attempt(job)
    finally:
        request_context.request_id.reset(token)


def _attempt(job: Job) -> str:
    kind = kind_at(job.kind)
    logger.info(
        "Job %s (%s) started, attempt %d of %d, request_id=%s",
        job.pk,
        job.kind,
        job.attempts,
        kind.retry.attempts,
        job.request_id or "-",
    )
    with live.beating(job) as channel:
        running = Running(job, channel)
        try:
            result = kind(running, **job.arguments)
        except Refused as refused:
            outcome = ("refused", refused)
        except Exception as error:
            outcome = ("error", error)
        else:
            outcome = ("done", result)
    for name in live.FIELDS:
        setattr(job, name, channel.state[name])
    try:
        return _record(job, kind, *outcome)
    finally:
        channel.close()


def _record(job: Job, kind, how: str, value) -> str:
    if how == "done":
        services.finish(job, Job.Status.SUCCEEDED, result=value or {})
        logger.info("Job %s (%s) finished", job.pk, job.kind)
        return "finished"
    if how == "refused":
        job.error = str(value)[:2000]
        services.finish(job, Job.Status.FAILED, problems=value.problems, result=value.details)
        logger.info("Job %s (%s) refused: %s", job.pk, job.kind, value)
        return "refused"
    again = services.failed_attempt(job, kind, error=value, now=timezone.now())
    logger.warning(
        "Job %s (%s) attempt %d failed%s: %s", job.pk, job.kind, job.attempts, "" if again else " for good", job.error
    )
    raise value  # the queue records the attempt as failed, and logs its traceback
