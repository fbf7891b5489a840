"""A full assessment to report on: every area answered, and an action plan."""

from __future__ import annotations

import datetime

from django.utils import timezone

from maturity.assessments.models import Action, Assessment, Confidence

YEAR = timezone.localdate().year
STATUSES = [s for s, _ in Action.Status.choices]
CONFIDENCES = [c for c, _ in Confidence.choices]


def answer_every_area(assessment: Assessment) -> None:
    """Varied answers in every area, written straight to the database (no change history)."""
    levels = assessment.framework.level_numbers
    for i, response in enumerate(assessment.responses.select_related("area").order_by("area__position")):
        current = levels[i % 3]
        target = min(current + (i % 3), levels[-1])
        response.current_level, response.target_level = current, target
        response.target_year = YEAR + 1 + i % 3
        response.evidence = f"Evidence for {response.area.label}: cabinet report, strategy and contract register."
        response.evidence_links = [f"https://example.gov.uk/evidence/{response.area.key}.pdf"]
        response.confidence = CONFIDENCES[i % 3]
        response.save()


def add_actions(assessment: Assessment, count: int = 50, *, today: datetime.date | None = None) -> list[Action]:
    today = today or timezone.localdate()
    areas = list(assessment.framework.areas.order_by("position"))
    actions = [
        Action(
            assessment=assessment,
            area=areas[i % len(areas)],
            title=f"Action {i + 1}: review the approach in {areas[i % len(areas)].label}",
            description="Report progress to the procurement board." if i % 2 else "",
            owner_name=f"Owner {i % 7 + 1}",
            owner_email=f"owner{i % 7 + 1}@camden.example.gov.uk",
            due_date=today + datetime.timedelta(days=(i * 9) - 60) if i % 5 else None,
            status=STATUSES[i % len(STATUSES)],
        )
        for i in range(count)
    ]
    return Action.objects.bulk_create(actions)


def full_assessment(assessment: Assessment, actions: int = 50) -> Assessment:
    answer_every_area(assessment)
    add_actions(assessment, actions)
    return assessment
