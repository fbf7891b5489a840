"""Starting jobs, and the worker's housekeeping: abandoned jobs, daily jobs, forgetting old ones."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from maturity import request_context
from maturity.jobs import live
from maturity.jobs.kinds import Kind, kind_at
from maturity.jobs.models import Job, Upload

logger = logging.getLogger("maturity.jobs")

ABANDONED = "The worker running this job stopped before it finished"


def start(
    kind: Kind,
    *,
    title: str,
    organisation=None,
    user=None,
    key: str | None = None,
    run_after: datetime.datetime | None = None,
    arguments: dict[str, Any],
    upload: dict | None = None,
) -> Job:
    """Record the job and queue its first attempt, both in the caller's transaction if there is one
    (so a job started by work that is rolled back never runs). A job with the `key` of an earlier
    one is that earlier job."""
    if key is not None and (earlier := Job.objects.filter(key=key).first()) is not None:
        return earlier
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind.path,
                title=(title or kind.path)[:200],
                organisation=organisation,
                started_by=user if user is not None and user.is_authenticated else None,
                has_page=kind.has_page,
                arguments=arguments,
                key=key,
                request_id=request_context.request_id.get() or "",
                run_after=run_after or timezone.now(),
            )
            if upload is not None:
                Upload.objects.create(job=job, **upload)
            queue(job)
    except IntegrityError:
        if key is None:
            raise
        return Job.objects.get(key=key)  # started meanwhile by another worker
    return job


def queue(job: Job) -> None:
    """Put the job's next attempt in the queue, to run at `job.run_after`."""
    from maturity.jobs.runner import run_job

    task = run_job.using(run_after=job.run_after) if job.run_after > timezone.now() else run_job
    job.task_id = str(task.enqueue(str(job.pk)).id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


def oldest_waiting_age(now: datetime.datetime | None = None) -> datetime.timedelta | None:
    """How long the job that has waited longest to start has been due (None when none is waiting):
    for a readiness check, a sign that no worker is taking jobs."""
    now = now or timezone.now()
    due = (
        Job.objects.filter(status=Job.Status.WAITING, run_after__lte=now)
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    return None if due is None else now - due


# --- the worker's housekeeping ---------------------------------------------------------------------


def recover_abandoned(now: datetime.datetime | None = None) -> int:
    """Jobs whose worker died (no sign of life for JOBS_STALE_BEATS beats): each is queued again
    if its kind says that is safe and it has attempts left, else it fails, saying why. Returns how
    many were found."""
    now = now or timezone.now()
    limit = live.stale_before(now)
    found = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING):
        if (live.read(job).beat_at or job.started_at or now) >= limit:
            continue
        with transaction.atomic():
            locked = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts)
                .first()
            )
            if locked is None:
                continue
            found += 1
            _fail_task(locked.task_id, ABANDONED)
            logger.warning(
                "Job %s (%s) was abandoned by worker %s: no sign of life since %s",
                locked.pk,
                locked.kind,
                locked.worker_id or "?",
                job.beat_at,
            )
            failed_attempt(locked, kind_at(locked.kind), error=ABANDONED, abandoned=True, now=now)
        live.channel(locked).close()
    # A worker that died between taking a job from the queue and starting it leaves the job waiting
    # behind a queue row that will never run: queue it again.
    waiting = {job.task_id: job for job in Job.objects.filter(status=Job.Status.WAITING, run_after__lte=limit)}
    stuck = DBTaskResult.objects.filter(id__in=[i for i in waiting if i], status="RUNNING", started_at__lt=limit)
    for task_id in [str(pk) for pk in stuck.values_list("id", flat=True)]:
        with transaction.atomic():
            _fail_task(task_id, ABANDONED)
            queue(waiting[task_id])
        found += 1
    return found


def _fail_task(task_id: str, reason: str) -> None:
    if task_id:
        DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path="maturity.jobs.Abandoned",
            traceback=reason,
        )


def failed_attempt(
    job: Job, kind: Kind, *, error: str | BaseException, now: datetime.datetime, abandoned: bool = False
) -> bool:
    """After a failed attempt (an error, or abandoned by its worker): queue the next one if the
    kind's `Retry` allows it (True), else fail the job for good (False)."""
    exception = error if isinstance(error, BaseException) else None
    job.error = (f"{type(error).__module__}.{type(error).__qualname__}: {error}" if exception else error)[:2000]
    if kind.retry.again_after(job.attempts, abandoned=abandoned, error=exception):
        # A job whose worker died is run again at once: the wait is for troubles that pass.
        job.status = Job.Status.WAITING
        job.run_after = now if abandoned else now + kind.retry.delay_after(job.attempts)
        job.save(update_fields=["status", "run_after", "error"])
        queue(job)
        logger.warning(
            "Job %s (%s) will be tried again at %s (attempt %d)",
            job.pk,
            job.kind,
            timezone.localtime(job.run_after).isoformat(timespec="seconds"),
            job.attempts + 1,
        )
        return True
    finish(job, Job.Status.FAILED, problems=[_problem(job)])
    return False


def _problem(job: Job) -> str:
    """Shown on the job's page, in the language of the person who started it."""
    with translation.override(getattr(job.started_by, "language", "") or settings.LANGUAGE_CODE):
        return ngettext(
            "The job stopped with an error on our side after %(num)s attempt, and nothing from it was kept. "
            "Try again later; if it happens again, tell the national team that job %(job)s failed",
            "The job stopped with an error on our side after %(num)s attempts, and nothing from it was "
            "kept. Try again later; if it happens again, tell the national team that job %(job)s failed",
            job.attempts,
        ) % {"num": job.attempts, "job": job.pk}


def finish(job: Job, status: str, *, result: dict | None = None, problems: list[str] | None = None) -> None:
    job.status, job.finished_at = status, timezone.now()
    job.result, job.problems = result or {}, problems or []
    fields = ["status", "finished_at", "result", "problems", "error", *live.FIELDS]
    if not kind_at(job.kind).keep_arguments:
        job.arguments = {}
        fields.append("arguments")
    job.save(update_fields=fields)
    job.uploads.all().delete()


def start_daily(now: datetime.datetime | None = None) -> list[Job]:
    """Today's run of each daily job (settings.JOBS_DAILY), once its time has come: started once a
    day however many workers there are."""
    local = timezone.localtime(now or timezone.now())
    started = []
    for path, at in settings.JOBS_DAILY.items():
        if local.time() >= at:
            started.append(kind_at(path).start(key=f"{path}@{local.date().isoformat()}", day=local.date().isoformat()))
    return started


def forget_old(now: datetime.datetime | None = None) -> int:
    """Finished jobs and queue rows older than JOBS_KEEP_DAYS are deleted."""
    before = (now or timezone.now()) - datetime.timedelta(days=settings.JOBS_KEEP_DAYS)
    jobs, _ = Job.objects.filter(finished_at__lt=before).delete()
    DBTaskResult.objects.filter(finished_at__lt=before).delete()
    return jobs
