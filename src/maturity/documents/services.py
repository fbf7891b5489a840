"""Writes to evidence documents: attach, replace, delete, carry forward.

A file is checked whole (size, the organisation's allowance, what it really is) before anything
is written; only then is it saved to storage, and its row written in the same transaction as the
record of the change. If that transaction fails, the saved file is removed again. A stored file
is removed from storage only after the transaction that stops naming it has committed, and only
when no other document (one carried forward) still names it.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity import audit
from maturity.assessments.models import Assessment, Change, Response
from maturity.assessments.services import AssessmentError, record_change
from maturity.documents import checks
from maturity.documents.checks import Refused
from maturity.documents.models import Document
from maturity.organisations.models import Organisation

__all__ = ["Refused", "attach", "delete", "megabytes", "replace", "storage", "used_bytes"]

NOT_DRAFT = gettext_lazy("This assessment is not a draft, so its documents cannot change. A lead can reopen it.")


def storage():
    return storages["documents"]


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def used_bytes(organisation: Organisation) -> int:
    """What the organisation's documents take in storage, a file carried forward counted once."""
    stored = Document.objects.filter(response__assessment__organisation=organisation)
    return sum(size for _, size in stored.values_list("stored_name", "size").distinct())


def _check(organisation: Organisation, file: IO[bytes], size: int, *, freed: int = 0) -> checks.Kind:
    if size > settings.DOCUMENT_MAX_BYTES:
        raise Refused(
            _("The selected file must be smaller than %(size)s") % {"size": megabytes(settings.DOCUMENT_MAX_BYTES)}
        )
    used = used_bytes(organisation) - freed
    if used + size > settings.ORGANISATION_DOCUMENTS_MAX_BYTES:
        raise Refused(
            _(
                "%(organisation)s keeps %(used)s of evidence documents, and may keep %(limit)s: this file (%(size)s) would "
                "take it over. Delete documents you no longer need, then upload it again"
            )
            % {
                "organisation": organisation.name,
                "used": megabytes(used),
                "limit": megabytes(settings.ORGANISATION_DOCUMENTS_MAX_BYTES),
                "size": megabytes(size),
            }
        )
    return checks.inspect(file)


def _digest(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.file_digest(file, "sha256").hexdigest()
    file.seek(0)
    return digest


def _save_file(organisation: Organisation, file: IO[bytes]) -> str:
    return storage().save(f"documents/{organisation.pk}/{uuid.uuid4().hex}", File(file))


def _editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise AssessmentError(NOT_DRAFT)


def _forget_file_later(stored_name: str) -> None:
    def forget() -> None:
        if not Document.objects.filter(stored_name=stored_name).exists():
            storage().delete(stored_name)

    transaction.on_commit(forget)


def _stored(organisation: Organisation, file: IO[bytes], name: str, size: int, *, freed: int = 0) -> dict:
    """Check the file, then save it: the file fields of a document."""
    kind = _check(organisation, file, size, freed=freed)
    sha256 = _digest(file)
    return {
        "stored_name": _save_file(organisation, file),
        "filename": checks.safe_name(name, kind),
        "content_type": kind.content_type,
        "size": size,
        "sha256": sha256,
    }


def _written(stored_name: str, write):
    """Run `write` in a transaction; if it fails, the file just saved is removed again."""
    try:
        with transaction.atomic():
            return write()
    except BaseException:
        storage().delete(stored_name)
        raise


def _summary(document: Document) -> dict:
    return {
        "title": document.title,
        "evidence_date": document.evidence_date.isoformat(),
        "filename": document.filename,
        "size": document.size,
    }


def attach(
    *, response: Response, title: str, evidence_date: datetime.date, file: IO[bytes], name: str, size: int, user
) -> Document:
    """A new document for `response`. Raises Refused (nothing stored) or AssessmentError."""
    assessment = response.assessment
    _editable(assessment)
    fields = _stored(assessment.organisation, file, name, size)

    def write() -> Document:
        document = Document.objects.create(
            response=response,
            title=title,
            evidence_date=evidence_date,
            **fields,
            uploaded_by=user,
            uploaded_at=timezone.now(),
        )
        record_change(
            assessment=assessment,
            area_id=response.area_id,
            subject=Change.Subject.DOCUMENT,
            subject_id=document.pk,
            fields={"document": [None, _summary(document)]},
            user=user,
        )
        return document

    return _written(fields["stored_name"], write)


def replace(
    *,
    document: Document,
    title: str,
    evidence_date: datetime.date,
    file: IO[bytes] | None,
    name: str = "",
    size: int = 0,
    user,
) -> Document:
    """Change a document's title and date and, if `file` is given, its file."""
    assessment = document.response.assessment
    _editable(assessment)
    before = _summary(document)
    old_name = document.stored_name
    shared = Document.objects.filter(stored_name=old_name).exclude(pk=document.pk).exists()
    fields = _stored(assessment.organisation, file, name, size, freed=0 if shared else document.size) if file else {}

    def write() -> Document:
        Document.objects.filter(pk=document.pk).update(
            title=title,
            evidence_date=evidence_date,
            version=document.version + 1,
            **fields,
            **({"uploaded_by": user, "uploaded_at": timezone.now(), "carried_from": None} if fields else {}),
        )
        document.refresh_from_db()
        after = _summary(document)
        record_change(
            assessment=assessment,
            area_id=document.response.area_id,
            subject=Change.Subject.DOCUMENT,
            subject_id=document.pk,
            fields={"document": [before, after]} if before != after else {},
            user=user,
        )
        if fields:
            _forget_file_later(old_name)
        return document

    if not fields:
        with transaction.atomic():
            return write()
    return _written(fields["stored_name"], write)


@transaction.atomic
def delete(*, document: Document, user) -> None:
    """Remove a document, recorded in the area's history and the organisation's audit log."""
    assessment = document.response.assessment
    _editable(assessment)
    record_change(
        assessment=assessment,
        area_id=document.response.area_id,
        subject=Change.Subject.DOCUMENT,
        subject_id=document.pk,
        fields={"document": [_summary(document), None]},
        user=user,
    )
    audit.record(
        kind="document-deleted",
        actor=user,
        organisation=assessment.organisation,
        subject=document.title,
        details={"assessment": assessment.pk, "area": document.response.area.key, "filename": document.filename},
    )
    stored_name = document.stored_name
    document.delete()
    _forget_file_later(stored_name)
