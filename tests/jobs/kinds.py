"""Kinds of job made for the tests of the job framework."""

from __future__ import annotations

import logging

from maturity import request_context
from maturity.jobs import Refused, Retry, Running, background
from maturity.organisations.models import Organisation

logger = logging.getLogger(__name__)


@background(title="Count to a number", page=True)
def count(job: Running, *, to: int) -> dict:
    for done in range(1, to + 1):
        job.progress(done, to, stage="Counting", unit="rows")
    logger.info("Counted to %d", to)
    return {"summary": f"Counted to {to}", "request_id": request_context.request_id.get()}


@background(title="Check a file", page=True)
def refuse(job: Running, *, problems: list[str]) -> dict:
    raise Refused(problems)


@background(title="Break")
def fail(job: Running) -> dict:
    raise RuntimeError("the disk is on fire")


class Flaky(Exception):
    pass


@background(
    title="Try until it works", page=True, retry=Retry(delays=(10, 20), when=lambda error: isinstance(error, Flaky))
)
def flaky(job: Running, *, works_at: int) -> dict:
    if job.attempt < works_at:
        raise Flaky(f"attempt {job.attempt} did not work")
    return {"summary": f"worked at attempt {job.attempt}"}


@background(title="Rename an organisation, all or nothing", retry=Retry(abandoned=True), page=True)
def rename(job: Running, *, organisation_id: int, name: str) -> dict:
    Organisation.objects.filter(pk=organisation_id).update(name=name)
    return {"summary": f"Renamed to {name}"}


@background(title="Do something that must not be repeated", retry=Retry(abandoned=False))
def once(job: Running) -> dict:
    return {}
