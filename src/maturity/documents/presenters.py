"""What the pages show of evidence documents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from maturity.assessments.models import Assessment, Response
from maturity.documents import checks, selectors
from maturity.documents.models import Document
from maturity.documents.services import megabytes
from maturity.govuk import link
from maturity.words import date_uk

KIND_LABELS = {kind.content_type: kind.label for kind in checks.KINDS}


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    return megabytes(size)


def document_url(name: str, assessment: Assessment, document: Document) -> str:
    return reverse(
        f"documents:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "document_id": document.pk},
    )


def document_row(assessment: Assessment, document: Document) -> dict[str, Any]:
    kind, size = KIND_LABELS.get(document.content_type, _("File")), size_text(document.size)
    download, change, delete = (document_url(name, assessment, document) for name in ("download", "change", "delete"))
    return {
        "document": document,
        "kind": kind,
        "size": size,
        "date": date_uk(document.evidence_date),
        "download_url": download,
        "change_url": change,
        "delete_url": delete,
        "carried": document.carried_from_id is not None,
        # The table's cells: the link with the file's name, type and size under it; Change and Delete.
        "cell_html": format_html(
            '{}<br><span class="govuk-body-s">{}, {}, {}</span>',
            link(download, document.title),
            document.filename,
            kind,
            size,
        ),
        "actions_html": format_html(
            '{}<span aria-hidden="true"> | </span>{}',
            link(change, _("Change"), document.title),
            link(delete, _("Delete"), document.title),
        ),
    }


def limits_hint() -> str:
    accepted = str(checks.ACCEPTED)
    return _("%(accepted)s, up to %(size)s. Archives (.zip) and files with macros are not accepted.") % {
        "accepted": accepted[:1].upper() + accepted[1:],
        "size": megabytes(settings.DOCUMENT_MAX_BYTES),
    }


def area_documents(assessment: Assessment, response: Response, *, editable: bool) -> dict[str, Any]:
    return {
        "rows": [document_row(assessment, d) for d in selectors.documents_of_response(response)],
        "editable": editable,
        "add_url": reverse(
            "documents:add",
            kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": response.area.key},
        ),
    }


def report_documents(assessment: Assessment) -> dict[int, list[dict[str, str]]]:
    """{area id: [{title, filename, date, kind, size}]} for the committee report and the workbook."""
    return {
        area_id: [
            {
                "title": d.title,
                "filename": d.filename,
                "date": date_uk(d.evidence_date),
                "kind": str(KIND_LABELS.get(d.content_type, _("File"))),
                "size": size_text(d.size),
            }
            for d in documents
        ]
        for area_id, documents in selectors.documents_by_area(assessment).items()
    }
