"""Personas of the group tests: the national team, a consortium with its lead, another group with
its own lead, and member councils with submitted assessments."""

from __future__ import annotations

import pytest

from maturity.groups.models import Group, GroupMember
from maturity.organisations.models import Role
from tests.factories import make_group_lead, make_member, make_national_admin, make_organisation


@pytest.fixture
def national_admin(db):
    return make_national_admin("Nadia National")  # with the authenticator app the role requires


@pytest.fixture
def consortium(db):
    return Group.objects.create(slug="test-consortium", name="Test Consortium", kind=Group.Kind.CONSORTIUM)


@pytest.fixture
def group_lead(consortium):
    return make_group_lead(consortium, "Gina Grouplead")  # with the authenticator app the role requires


@pytest.fixture
def other_group(db):
    return Group.objects.create(slug="other-hub", name="Other Hub", kind=Group.Kind.CONSORTIUM)


@pytest.fixture
def other_lead(other_group):
    """A lead of another group: must never reach the consortium's pages."""
    return make_group_lead(other_group, "Otto Otherlead")


def join(group, organisation, sharing=GroupMember.Sharing.AGGREGATES, *, accepted=True) -> GroupMember:
    """A member of the group, accepted by the organisation (unless `accepted` is False: pending)."""
    from django.utils import timezone

    return GroupMember.objects.create(
        group=group, organisation=organisation, sharing=sharing, accepted_at=timezone.now() if accepted else None
    )


def councils(n: int, prefix: str = "Council"):
    """`n` councils, each with a lead."""
    result = []
    for i in range(n):
        organisation = make_organisation(f"{prefix} {chr(65 + i)}", type="district", region="East of England")
        result.append((organisation, make_member(organisation, Role.LEAD)))
    return result


def submitted(organisation, user, framework, levels: dict[str, tuple[int, int]], *, complete_all: bool = False):
    """An assessment of `organisation` marked submitted, with (current, target) per area key."""
    from maturity.assessments.models import Assessment
    from maturity.assessments.services import start_assessment

    assessment = start_assessment(organisation=organisation, framework=framework, title="Submitted", user=user)
    for key, (current, target) in levels.items():
        assessment.responses.filter(area__key=key).update(current_level=current, target_level=target)
    if complete_all:
        assessment.responses.update(
            current_level=2, target_level=3, target_year=2030, confidence="high", evidence="Seen"
        )
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    return assessment


@pytest.fixture
def draft_2019(nps):
    from maturity.frameworks import loader
    from tests.frameworks import versions

    return loader.load(versions.nps_2019(), status="draft").framework
