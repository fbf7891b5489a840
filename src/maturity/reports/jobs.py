"""Large workbook imports, run by the worker with their progress on a job page (ADR 0019).

The job runs the same `importer.import_workbook` as the request does for a small workbook, so the
guarantees of ADR 0017 hold alike: every row checked against the version it was downloaded at,
nothing saved unless the whole file is accepted, all in one transaction. The job's result is
written on its row inside that transaction, so an attempt whose worker died after the import was
saved finds it there and does not add the new actions a second time.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from typing import IO

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.assessments.models import Assessment
from maturity.jobs import Refused, Retry, Running, background, database_trouble
from maturity.jobs.models import Job
from maturity.reports import importer, presenters

# All or nothing, and safe to repeat (see above): tried again after a minute, then five.
RETRY = Retry(delays=(60, 300), when=database_trouble, abandoned=True)


def _reports_url(job: Job) -> str:
    return reverse("reports:index", kwargs={"slug": job.organisation.slug, "pk": job.arguments["assessment_id"]})


def _breadcrumbs(job: Job) -> list[dict]:
    return [{"text": _("Reports and downloads"), "href": _reports_url(job)}]


def _link(job: Job) -> dict:
    return {"link": _reports_url(job), "link_text": _("Back to reports and downloads")}


def _imported(job: Job, result: importer.ImportResult) -> dict:
    summary = (
        _("Workbook imported: %(result)s.") % {"result": result.message} if result.changed else f"{result.message}."
    )
    return {"summary": summary, "imported": True, **_link(job)}


def _refused(job: Job, refused: importer.ImportRefused) -> Refused:
    problems = refused.problems
    tables = [
        {**table, "block_id": f"conflict-{number}"}
        for number, table in enumerate(presenters.conflict_tables(problems), start=1)
    ]
    by_row = presenters.problems_table(problems, table_id="problems-by-row")
    details = {
        "advice": [str(presenters.CONFLICTS_ADVICE)] if tables else [],
        "tables": tables + ([by_row] if by_row else []),
        **_link(job),
    }
    return Refused([str(problem) for problem in problems], details=details)


@background(title=gettext_lazy("Import a workbook"), page=True, retry=RETRY, breadcrumbs=_breadcrumbs)
def import_workbook(job: Running, *, assessment_id: int) -> dict:
    if job.job.result.get("imported"):
        return job.job.result  # saved by an earlier attempt whose worker stopped before it could say so
    assessment = Assessment.objects.select_related("framework", "organisation").get(pk=assessment_id)
    job.stage(_("Reading the workbook"))
    with job.uploaded_file() as (stream, upload):
        data = stream.read()

    def saved(result: importer.ImportResult) -> None:
        Job.objects.filter(pk=job.job.pk).update(result=_imported(job.job, result))

    try:
        result = importer.import_workbook(
            assessment=assessment,
            name=upload.name,
            data=data,
            user=job.job.started_by,
            progress=functools.partial(job.progress, unit="rows"),
            saved=saved,
        )
    except importer.ImportRefused as refused:
        raise _refused(job.job, refused) from None
    return _imported(job.job, result)


def start_workbook_import(*, assessment: Assessment, source: IO[bytes], name: str, user) -> Job:
    """The import of an uploaded workbook by the worker; the upload is kept for it in the database."""
    data = source.read()
    upload = {
        "name": name[:255],
        "content": gzip.compress(data, compresslevel=1, mtime=0),
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return import_workbook.start(
        title=(_("Import the workbook %(name)s") % {"name": name})[:200],
        organisation=assessment.organisation,
        user=user,
        upload=upload,
        assessment_id=assessment.pk,
    )
