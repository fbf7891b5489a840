"""Every URL of an organisation's data answers 404 to a member of another organisation.

The URL patterns are walked from the URL configuration itself, so a new route is covered as
soon as it exists; a route with a parameter this test cannot fill makes the test fail.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from maturity.assessments.services import add_action
from maturity.documents.services import attach as attach_document
from maturity.groups.models import Group, GroupMember
from maturity.organisations.models import Invitation, Membership, Role
from maturity.plans.models import Milestone
from tests.benchmarks.helpers import make_round
from tests.documents import files as document_files
from tests.exemplars.helpers import ask, assess, offer
from tests.factories import make_member, make_organisation
from tests.jobs import kinds as job_kinds


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}"


# The national team's directory names organisations by slug too, but it is theirs alone: every
# other role gets 403 there, as the authorisation matrix checks route by route.
NATIONAL_NAMESPACE = "directory:"


def organisation_routes():
    return sorted(
        {
            (route, name)
            for route, name in walk(get_resolver().url_patterns)
            if "<slug:slug>" in route and not name.startswith(NATIONAL_NAMESPACE)
        }
    )


@pytest.fixture
def samples(assessment, camden, lead):
    membership = Membership.objects.get(user=lead, organisation=camden)
    invitation = Invitation.objects.create(
        organisation=camden,
        email="new@example.com",
        role="viewer",
        token_hash=Invitation.hash_token("t"),
        invited_by=lead,
    )
    action = add_action(
        assessment=assessment,
        area=assessment.responses.first().area,
        user=lead,
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    exemplar = make_organisation("Islington")
    exemplar_lead = make_member(exemplar, Role.LEAD)
    area = assessment.framework.areas.order_by("position").first()
    assess(exemplar, assessment.framework, exemplar_lead, {area.key: (5, 5)})
    assess(camden, assessment.framework, lead)  # Camden needs a signed-off assessment to ask
    request = ask(camden, offer(exemplar, area.key, exemplar_lead), lead)
    document = attach_document(
        response=assessment.responses.first(),
        title="Procurement strategy",
        evidence_date=datetime.date(2026, 3, 14),
        file=io.BytesIO(document_files.pdf()),
        name="strategy.pdf",
        size=len(document_files.pdf()),
        user=lead,
    )
    milestone = Milestone.objects.create(action=action, title="Draft", due_date=datetime.date(2027, 3, 31))
    return {
        "milestone_id": str(milestone.pk),
        "document_id": str(document.pk),
        "round_id": str(make_round(assessment.framework, [camden]).pk),
        "request_id": str(request.pk),
        "action_id": str(action.pk),
        "slug": camden.slug,
        "pk": str(assessment.pk),
        "area_key": assessment.responses.first().area.key,
        "membership_id": str(membership.pk),
        "invitation_id": str(invitation.pk),
        "job_id": str(job_kinds.count.start(organisation=camden, user=lead, to=1).pk),
        # A group the national team added Camden to, waiting for a lead's answer (ADR 0016).
        "group_id": str(
            GroupMember.objects.create(
                group=Group.objects.create(
                    slug="north-consortium", name="North Consortium", kind=Group.Kind.CONSORTIUM
                ),
                organisation=camden,
            ).group_id
        ),
    }


def fill(route: str, samples: dict[str, str]) -> str:
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        name = path[start + 1 : end].split(":")[-1]
        assert name in samples, f"The isolation test has no sample value for <{name}> in {route}: add one"
        path = path[:start] + samples[name] + path[end + 1 :]
    return "/" + path


def test_there_are_organisation_routes_to_walk():
    names = {name for _, name in organisation_routes()}
    assert {"organisations:home", "assessments:task-list", "assessments:area", "assessments:results"} <= names


def test_a_member_of_another_organisation_gets_404_everywhere(client, samples, outsider):
    client.force_login(outsider)
    for route, name in organisation_routes():
        url = fill(route, samples)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url} ({name}) gave {response.status_code}"


def test_the_organisations_own_lead_reaches_every_page(client, samples, lead):
    client.force_login(lead)
    for route, name in organisation_routes():
        url = fill(route, samples)
        assert client.get(url).status_code in {200, 302}, f"GET {url} ({name})"


def test_anonymous_visitors_are_sent_to_sign_in(client, samples):
    for route, name in organisation_routes():
        response = client.get(fill(route, samples))
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], name
