"""Documents carried forward with their answers to the next assessment: the receiver of
assessments.signals.answers_carried_forward (connected in documents.apps), so that assessments,
below documents, does not import it."""

from __future__ import annotations

from maturity.assessments.models import Response
from maturity.documents.models import Document


def carry_forward(*, responses: list[Response], earlier: dict[str, Response], **sent: object) -> None:
    """Copy the documents of the earlier answers to the new ones (areas matched by key): new rows
    naming the same stored files. Called inside start_assessment's transaction."""
    by_id = {source.pk: response for response in responses if (source := earlier.get(response.area.key)) is not None}
    copies = [
        Document(
            response=by_id[document.response_id],
            title=document.title,
            evidence_date=document.evidence_date,
            stored_name=document.stored_name,
            filename=document.filename,
            content_type=document.content_type,
            size=document.size,
            sha256=document.sha256,
            uploaded_by_id=document.uploaded_by_id,
            uploaded_at=document.uploaded_at,
            carried_from=document,
        )
        for document in Document.objects.filter(response_id__in=by_id)
    ]
    Document.objects.bulk_create(copies)
