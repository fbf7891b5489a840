from __future__ import annotations

import contextlib

from django.urls import reverse
from django.utils import timezone

from maturity.assessments.models import Assessment, Response

YEAR = timezone.localdate().year


def url(name, assessment, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, **kwargs})


def complete_every_area(assessment, user, current=2, target=3):
    for response in assessment.responses.all():
        Response.objects.filter(pk=response.pk).update(
            current_level=current,
            target_level=target,
            target_year=YEAR + 1,
            confidence="high",
            evidence="Minutes",
            updated_by=user,
            carried_over=False,
        )


def action_data(**change):
    data = {
        "title": "Brief the cabinet member",
        "description": "Quarterly briefing",
        "owner_name": "Priya Patel",
        "owner_email": "priya.patel@camden.example",
        "due_date-day": "31",
        "due_date-month": "3",
        "due_date-year": str(YEAR + 1),
        "status": "not-started",
    }
    data.update(change)
    return data


def make_draft():
    """Camden's draft against the bundled framework, with its lead: for tests that commit their data
    (transactional_db), where the fixtures of tests/conftest.py do not apply."""
    from maturity.assessments.services import start_assessment
    from maturity.frameworks import loader
    from maturity.organisations.models import Role
    from tests.factories import make_member, make_organisation

    framework = loader.load(loader.read(loader.bundled_path())).framework
    council = make_organisation("Camden")
    lead = make_member(council, Role.LEAD, "Lena Lead")
    return start_assessment(organisation=council, framework=framework, title="Self-assessment 2026", user=lead)


@contextlib.contextmanager
def beside_the_draft(organisation, framework):
    """For helpers that make an assessment and take it straight to sign-off: an organisation has
    one draft per framework at a time, so its current draft (a fixture's) is set aside while the
    other is started, and is a draft again afterwards, as it was."""
    drafts = list(
        organisation.assessments.filter(framework=framework, status=Assessment.Status.IN_PROGRESS).values_list(
            "pk", flat=True
        )
    )
    Assessment.objects.filter(pk__in=drafts).update(status=Assessment.Status.SUBMITTED)
    try:
        yield
    finally:
        Assessment.objects.filter(pk__in=drafts).update(status=Assessment.Status.IN_PROGRESS)
