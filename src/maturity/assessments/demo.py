"""Demonstration assessments, so that the journey can be seen end to end after `make run`.

The answers are generated from whatever framework is published (no area or level is named
here): Manchester has a signed-off assessment with an action plan, Camden a draft in progress.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from maturity.assessments import services
from maturity.assessments.models import AREA_ORDER, Assessment
from maturity.frameworks.models import Framework
from maturity.organisations.models import Membership, Role

EVIDENCE = "Demonstration evidence: see the procurement strategy, cabinet reports and contract register."


def _levels(position: int, top: int) -> tuple[int, int]:
    """A varied but deterministic current and target level for the area at `position`."""
    current = 1 + (position * 7) % (top - 1)
    target = min(top, current + 1 + position % 3)
    return current, target


def _answer_all(assessment: Assessment, user, *, limit: int | None = None) -> None:
    top = len(assessment.framework.levels)
    year = timezone.localdate().year
    for response in assessment.responses.select_related("area").order_by(*AREA_ORDER)[:limit]:
        current, target = _levels(response.area.position, top)
        services.save_response(
            response=response,
            user=user,
            based_on_version=response.version,
            answer={
                "current_level": current,
                "target_level": target,
                "target_year": year + 1 + response.area.position % 3,
                "evidence": EVIDENCE,
                "evidence_links": [],
                "confidence": ("low", "medium", "high")[response.area.position % 3],
            },
        )


def _plan(assessment: Assessment, user) -> None:
    today = timezone.localdate()
    owners = ["Head of Procurement", "Commercial Manager", "Category Manager"]
    gaps = [r for r in assessment.responses.select_related("area") if (r.target_level or 0) > (r.current_level or 0)]
    for number, response in enumerate(sorted(gaps, key=lambda r: r.current_level - r.target_level)[:6]):
        services.add_action(
            assessment=assessment,
            area=response.area,
            user=user,
            values={
                "title": f"Plan the move to level {response.current_level + 1} in {response.area.label.lower()}",
                "description": "Agree the steps with the service leads and report progress to the portfolio holder.",
                "owner_name": owners[number % 3],
                "owner_email": "",
                "due_date": today + datetime.timedelta(days=60 * (number - 1)),
                "status": ("in-progress", "not-started", "done", "blocked")[number % 4],
            },
        )


@transaction.atomic
def load(stdout: TextIO) -> None:
    framework = (
        Framework.objects.filter(status=Framework.Status.PUBLISHED, group__isnull=True).order_by("-loaded_at").first()
    )
    if framework is None:
        stdout.write("No published framework: demo assessments skipped (run `maturity framework load` first).\n")
        return
    made = 0
    for email, signed_off in (("manchester.lead@example.com", True), ("camden.lead@example.com", False)):
        membership = (
            Membership.objects.filter(user__email=email, role=Role.LEAD).select_related("organisation", "user").first()
        )
        if membership is None or membership.organisation.assessments.exists():
            continue
        organisation, user = membership.organisation, membership.user
        title = f"Self-assessment {timezone.localdate().year}"
        assessment = services.start_assessment(organisation=organisation, framework=framework, title=title, user=user)
        if signed_off:
            _answer_all(assessment, user)
            _plan(assessment, user)
            services.submit_for_sign_off(assessment=assessment, user=user)
            services.sign_off(
                assessment=assessment, user=user, signer_name=user.full_name, signer_role="Head of Procurement"
            )
        else:
            _answer_all(assessment, user, limit=4)
        made += 1
    stdout.write(f"Demo assessments: {made} added (organisations that already had one were left as they were).\n")
