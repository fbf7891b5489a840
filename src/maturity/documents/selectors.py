"""Reading evidence documents, always through the assessment (found through the organisation)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from maturity.assessments.models import Assessment, Response
from maturity.documents.models import Document


def documents_of(assessment: Assessment) -> QuerySet[Document]:
    return Document.objects.filter(response__assessment=assessment).select_related("response__area", "uploaded_by")


def document_of(assessment: Assessment, document_id: int) -> Document:
    return get_object_or_404(
        documents_of(assessment).select_related("response__assessment__organisation"), pk=document_id
    )


def documents_by_area(assessment: Assessment) -> dict[int, list[Document]]:
    """{area id: [its documents]} for the whole assessment, in one query."""
    found: dict[int, list[Document]] = {}
    for document in documents_of(assessment):
        found.setdefault(document.response.area_id, []).append(document)
    return found


def documents_of_response(response: Response) -> list[Document]:
    return list(response.documents.select_related("uploaded_by"))
