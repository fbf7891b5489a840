"""Writes to assessments: starting one, saving an area's answer, marking it complete."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from maturity import scoring
from maturity.assessments.models import Assessment, Response
from maturity.frameworks.models import Framework
from maturity.organisations.models import Organisation


class AssessmentError(Exception):
    """An action on an assessment that its current state does not allow."""


class StaleResponse(AssessmentError):
    """Someone else saved the area after the form was opened; their answer is `saved`."""

    def __init__(self, saved: Response):
        self.saved = saved
        super().__init__("This area was saved by someone else while you were editing it")


class Incomplete(AssessmentError):
    """Some areas are not completed yet; they are listed in `unfinished`."""

    def __init__(self, unfinished: list[Response]):
        self.unfinished = unfinished
        super().__init__(f"{len(unfinished)} areas are not completed yet")


@transaction.atomic
def start_assessment(*, organisation: Organisation, framework: Framework, title: str, user) -> Assessment:
    if framework.status != Framework.Status.PUBLISHED:
        raise AssessmentError("Only a published framework can start a new assessment")
    assessment = organisation.assessments.create(framework=framework, title=title, created_by=user)
    Response.objects.bulk_create(Response(assessment=assessment, area=area) for area in framework.areas.all())
    return assessment


def answer_of(response: Response) -> scoring.Answer:
    return scoring.Answer(
        current_level=response.current_level,
        target_level=response.target_level,
        target_year=response.target_year,
        confidence=response.confidence,
        evidence=response.evidence,
        evidence_links=tuple(response.evidence_links or ()),
    )


ANSWER_FIELDS = ("current_level", "target_level", "target_year", "evidence", "evidence_links", "confidence")


@transaction.atomic
def save_response(*, response: Response, answer: dict[str, Any], based_on_version: int, user) -> Response:
    """Save an area's answer, unless someone else saved it since `based_on_version` was read.

    The update is conditional on the version in the database, so of two people saving the
    same area, the later one is refused rather than silently overwriting the earlier.
    """
    assessment = Assessment.objects.select_for_update().get(pk=response.assessment_id)
    if not assessment.is_editable:
        raise AssessmentError("This assessment is complete, so its answers can no longer change")
    values = {field: answer[field] for field in ANSWER_FIELDS}
    updated = Response.objects.filter(pk=response.pk, version=based_on_version).update(
        **values, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    if not updated:
        raise StaleResponse(Response.objects.select_related("updated_by").get(pk=response.pk))
    response.refresh_from_db()
    return response


@transaction.atomic
def complete_assessment(*, assessment: Assessment, user) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_editable:
        raise AssessmentError("This assessment is already complete")
    responses = list(assessment.responses.select_related("area").order_by("area__position"))
    unfinished = [r for r in responses if scoring.area_status(answer_of(r)) != scoring.COMPLETED]
    if unfinished:
        raise Incomplete(unfinished)
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_by = user
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_by", "completed_at"])
    return assessment
