"""Imports of open data files uploaded on the web, run by the worker with their progress on a job page.

Each import stores all or nothing in one transaction and recognises what it stored before, so a
job whose worker died part-way is run again (`Retry(abandoned=True)`), and so is one that lost its
database connection. A faulty file is refused with its problems, which the job page lists.
"""

from __future__ import annotations

from typing import IO

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from maturity.evidence import csv_reading, files, grants, ocds, presenters, services
from maturity.evidence.models import SpendUpload
from maturity.jobs import Refused, Retry, Running, background, database_trouble
from maturity.jobs.models import Job
from maturity.organisations.models import Organisation
from maturity.words import counted

GRANTS_MAX_BYTES = 20 * 1024 * 1024
FILE_ERRORS = (csv_reading.SpendError, files.FileProblem, ocds.OcdsError, grants.GrantsError, services.AlreadyImported)


# Job titles and stages are kept in English (the worker has no language): marked N_ so that the
# jobs pages can show them translated. Imports are all or nothing, and safe to repeat: tried again after a minute, then five.
RETRY = Retry(delays=(60, 300), when=database_trouble, abandoned=True)


def _breadcrumbs(job: Job) -> list[dict]:
    return [
        {
            "text": _("Evidence from open data"),
            "href": reverse("evidence:overview", kwargs={"slug": job.organisation.slug}),
        }
    ]


def _refused(error: Exception) -> Refused:
    return Refused(getattr(error, "problems", None) or [str(error)])


def _done(summary: str, organisation: Organisation | None) -> dict:
    link = presenters.figures_url(organisation) if organisation else presenters.reverse("evidence:national")
    return {
        "summary": summary,
        "link": link,
        "link_text": _("See the evidence from open data") if organisation else _("Back to open data evidence"),
    }


@background(title=N_("Import procurement notices"), page=True, retry=RETRY, breadcrumbs=_breadcrumbs)
def import_notices(job: Running, *, organisation_id: int | None = None) -> dict:
    organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
    job.stage(N_("Preparing the file"))
    with job.uploaded_file() as (stream, upload):
        job.stage(N_("Reading and storing the notices"))
        try:
            result = services.import_ocds(
                stream=stream,
                name=upload.name,
                organisation=organisation,
                user=job.job.started_by,
                progress=job.progress,
            )
        except FILE_ERRORS as error:
            raise _refused(error) from error
    return _done(presenters.notices_message(result, organisation), organisation)


@background(title=N_("Import a spend file"), page=True, retry=RETRY, breadcrumbs=_breadcrumbs)
def import_spend(job: Running, *, upload_id: int, mapping: list[str], other_organisation: bool = False) -> dict:
    upload = SpendUpload.objects.select_related("organisation").get(pk=upload_id)
    job.stage(N_("Reading and storing the payments"))
    try:
        record = services.import_spend_upload(
            upload=upload,
            mapping=mapping,
            user=job.job.started_by,
            other_organisation=other_organisation,
            progress=job.progress,
        )
    except FILE_ERRORS as error:
        raise _refused(error) from error
    s = record.summary
    return _done(
        _("%(file)s was imported: %(payments)s to %(suppliers)s over %(months)s.")
        % {
            "file": record.file_name,
            "payments": counted(s["payments"], "%(num)s payment", "%(num)s payments"),
            "suppliers": counted(s["suppliers"], "%(num)s supplier", "%(num)s suppliers"),
            "months": counted(s["months"], "%(num)s month", "%(num)s months"),
        },
        upload.organisation,
    )


@background(title=N_("Import a grants file"), page=True, retry=RETRY, breadcrumbs=_breadcrumbs)
def import_grants(job: Running, *, organisation_id: int) -> dict:
    organisation = Organisation.objects.get(pk=organisation_id)
    upload = job.job.uploads.get()
    job.stage(N_("Reading the grants"))
    try:
        record = services.import_grants(
            organisation=organisation,
            opener=files.gzip_opener(bytes(upload.content), upload.size),
            file_name=upload.name,
            sha256=upload.sha256,
            user=job.job.started_by,
            progress=job.progress,
        )
    except FILE_ERRORS as error:
        raise _refused(error) from error
    return _done(
        _("%(file)s was imported: %(funded)s now counted as VCSEs in your spend.")
        % {
            "file": record.file_name,
            "funded": counted(
                record.summary["recipients"], "%(num)s organisation funded is", "%(num)s organisations funded are"
            ),
        },
        organisation,
    )


# --- starting them from the web -----------------------------------------------------------------


def _upload(source: IO[bytes], file_name: str, suffixes: tuple[str, ...], max_bytes: int) -> dict:
    """The uploaded file (or the one file in an uploaded zip archive), compressed for the worker.
    Raises files.FileProblem for an archive without one such file, or a file too large."""
    content, digest, size, name = files.compress(source, name=file_name, suffixes=suffixes, max_bytes=max_bytes)
    return {"name": name[:255], "content": content, "size": size, "sha256": digest}


def start_notices_import(*, organisation: Organisation | None, source: IO[bytes], file_name: str, user) -> Job:
    upload = _upload(source, file_name, services.OCDS_SUFFIXES, services.MAX_SPEND_BYTES)
    return import_notices.start(
        title=_("Import procurement notices from %(file)s") % {"file": upload["name"]},
        organisation=organisation,
        user=user,
        upload=upload,
        organisation_id=organisation.pk if organisation else None,
    )


def start_spend_import(*, upload: SpendUpload, mapping: list[str], user, other_organisation: bool = False) -> Job:
    """The import of a confirmed spend upload (`other_organisation`: the lead confirmed that a file
    naming another organisation is theirs all the same). Asking again while one is waiting or
    running (a second click) is that job; once it has ended (refused, say, for a column chosen
    wrongly), a new one."""
    with transaction.atomic():
        SpendUpload.objects.select_for_update().filter(pk=upload.pk).first()
        unfinished = upload.organisation.jobs.filter(
            kind=import_spend.path, arguments__upload_id=upload.pk, status__in=(Job.Status.WAITING, Job.Status.RUNNING)
        ).first()
        return unfinished or import_spend.start(
            title=_("Import spend from %(file)s") % {"file": upload.file_name},
            organisation=upload.organisation,
            user=user,
            upload_id=upload.pk,
            mapping=mapping,
            other_organisation=other_organisation,
        )


def start_grants_import(*, organisation: Organisation, source: IO[bytes], file_name: str, user) -> Job:
    upload = _upload(source, file_name, services.SPEND_SUFFIXES, GRANTS_MAX_BYTES)
    return import_grants.start(
        title=_("Import grants from %(file)s") % {"file": upload["name"]},
        organisation=organisation,
        user=user,
        upload=upload,
        organisation_id=organisation.pk,
    )
