"""The job framework: attempts, retries, refusals, abandoned jobs, the request id, the daily jobs."""

from __future__ import annotations

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from maturity import jobs, request_context
from maturity.jobs import services
from maturity.jobs.models import Job
from tests.jobs import kinds
from tests.jobs.support import make_due, run_jobs

pytestmark = pytest.mark.django_db


def test_a_job_runs_once_in_the_worker_and_keeps_its_result_and_progress(camden, lead):
    job = kinds.count.start(organisation=camden, user=lead, to=3)
    assert (job.status, job.title, job.has_page) == (Job.Status.WAITING, "Count to a number", True)
    run_jobs()
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result["summary"]) == (Job.Status.SUCCEEDED, 1, "Counted to 3")
    assert (job.done, job.total, job.unit, job.stage) == (3, 3, "rows", "Counting")
    assert job.started_by == lead and job.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)  # the command, as run: between jobs it closes its connection
def test_the_worker_command_runs_the_jobs_that_are_due(camden):
    job = kinds.count.start(organisation=camden, to=2)
    call_command("worker", "--batch", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_a_refused_job_keeps_the_problems_for_its_page_and_is_not_tried_again(camden):
    job = kinds.refuse.start(organisation=camden, problems=["Line 3: no date", "Line 9: no amount"])
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.problems) == (Job.Status.FAILED, 1, ["Line 3: no date", "Line 9: no amount"])


def test_an_unexpected_error_fails_the_job_saying_so_and_is_logged_with_its_traceback(db, caplog):
    caplog.set_level(logging.INFO)
    job = kinds.fail.start()
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)
    assert job.error == "builtins.RuntimeError: the disk is on fire"
    assert "nothing from it was kept" in job.problems[0] and str(job.pk) in job.problems[0]
    assert "the disk is on fire" not in job.problems[0]  # what went wrong inside is for the log
    assert any(r.exc_info and "the disk is on fire" in str(r.exc_info[1]) for r in caplog.records)
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


def test_errors_the_kind_says_are_passing_are_retried_after_its_delays(db):
    job = kinds.flaky.start(works_at=3)
    before = timezone.now()
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.WAITING, 1) and "attempt 1 did not work" in job.error
    assert datetime.timedelta(seconds=9) < job.run_after - before < datetime.timedelta(seconds=15)
    make_due(job)
    run_jobs()
    make_due(job)
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result["summary"]) == (Job.Status.SUCCEEDED, 3, "worked at attempt 3")


def test_a_job_is_given_up_after_its_last_attempt(db):
    job = kinds.flaky.start(works_at=9)
    for _ in range(3):
        run_jobs()
        make_due(job)
    assert (job.status, job.attempts) == (Job.Status.FAILED, 3)


def test_a_job_started_by_a_request_carries_its_request_id_into_its_log_lines(camden, caplog):
    caplog.set_level(logging.INFO)
    token = request_context.request_id.set("req-4f2a")
    try:
        job = kinds.count.start(organisation=camden, to=1)
    finally:
        request_context.request_id.reset(token)
    assert job.request_id == "req-4f2a"

    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append((record.getMessage(), request_context.request_id.get()))
    logging.getLogger().addHandler(handler)
    try:
        run_jobs()
    finally:
        logging.getLogger().removeHandler(handler)
    job.refresh_from_db()
    assert job.result["request_id"] == "req-4f2a"
    assert ("Counted to 1", "req-4f2a") in seen  # the job's own log line, written while it ran
    assert any("request_id=req-4f2a" in message for message, _ in seen)
    assert request_context.request_id.get() is None  # not left behind in the worker


def _abandon(job: Job, *, silent_for: datetime.timedelta) -> None:
    """What a worker killed while running the job leaves: the job running, with no sign of life since."""
    since = timezone.now() - silent_for
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, started_at=since, beat_at=since, worker_id="dead-worker"
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=since)


def test_a_job_abandoned_by_its_worker_is_run_again_when_that_is_safe(camden, settings):
    job = kinds.rename.start(organisation_id=camden.pk, name="Camden Council")
    _abandon(job, silent_for=datetime.timedelta(seconds=settings.JOBS_HEARTBEAT_SECONDS * 2))
    assert services.recover_abandoned() == 0  # a few beats missed: not yet taken for abandoned
    _abandon(job, silent_for=datetime.timedelta(minutes=5))
    old_task = job.task_id
    assert services.recover_abandoned() == 1
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    run_jobs()
    job.refresh_from_db()
    camden.refresh_from_db()
    assert (job.status, job.attempts, camden.name) == (Job.Status.SUCCEEDED, 2, "Camden Council")


def test_a_job_abandoned_by_its_worker_that_must_not_be_repeated_fails_saying_why(db):
    job = kinds.once.start()
    _abandon(job, silent_for=datetime.timedelta(minutes=5))
    assert services.recover_abandoned() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == services.ABANDONED


def test_a_job_left_behind_by_a_worker_that_died_before_starting_it_is_queued_again(db, settings):
    job = kinds.count.start(to=1)
    DBTaskResult.objects.filter(id=job.task_id).update(
        status="RUNNING", started_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - datetime.timedelta(minutes=5))
    assert services.recover_abandoned() == 1
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_the_age_of_the_oldest_waiting_job_is_for_readiness_checks(db):
    now = timezone.now()
    assert jobs.oldest_waiting_age(now) is None
    first = kinds.count.start(to=1)
    Job.objects.filter(pk=first.pk).update(run_after=now - datetime.timedelta(minutes=4))
    kinds.count.start(to=1, run_after=now + datetime.timedelta(hours=1))  # a retry later on: not late
    assert jobs.oldest_waiting_age(now) == datetime.timedelta(minutes=4)
    run_jobs()
    assert jobs.oldest_waiting_age(now) is None


def test_finished_jobs_are_forgotten_after_the_days_kept(db, settings):
    job = kinds.count.start(to=1)
    run_jobs()
    assert services.forget_old() == 0
    assert services.forget_old(timezone.now() + datetime.timedelta(days=settings.JOBS_KEEP_DAYS + 1)) == 1
    assert not Job.objects.filter(pk=job.pk).exists() and not DBTaskResult.objects.exists()
