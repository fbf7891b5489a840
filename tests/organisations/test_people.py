"""The people pages: who sees what, roles, removing members, and the last lead."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maturity.organisations.models import Membership, Role
from tests.factories import make_member
from tests.html import contains_html, elements, text_of, title_of


def people_url(org) -> str:
    return reverse("organisations:people", args=[org.slug])


def role_url(org, user) -> str:
    return reverse("organisations:change-role", args=[org.slug, user.memberships.get(organisation=org).pk])


def remove_url(org, user) -> str:
    return reverse("organisations:remove-member", args=[org.slug, user.memberships.get(organisation=org).pk])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def role_of(user, org) -> str:
    return Membership.objects.get(user=user, organisation=org).role


def test_a_lead_sees_members_and_the_actions(camden, lead, contributor, viewer):
    response = signed_in(lead).get(people_url(camden))
    assert response.status_code == 200
    page = response.content.decode()
    assert title_of(page).startswith("People – Camden")
    for person in (lead, contributor, viewer):
        assert person.full_name in page
        assert person.email in page
    assert "Invite a colleague" in page
    assert role_url(camden, contributor) in page
    assert remove_url(camden, viewer) in page
    assert contains_html(
        page, '<caption class="govuk-table__caption govuk-table__caption--m">Members of Camden</caption>'
    )
    assert elements(page, "th", scope="col")
    assert elements(page, "th", scope="row")


def test_a_viewer_sees_the_members_but_no_actions(camden, lead, viewer):
    page = signed_in(viewer).get(people_url(camden)).content.decode()
    assert lead.full_name in page
    assert "Invite a colleague" not in page
    assert "Change role" not in page
    assert "Remove" not in page


def test_a_signed_out_visitor_is_sent_to_sign_in(camden):
    response = Client().get(people_url(camden))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_lead_changes_a_role(camden, lead, contributor):
    client = signed_in(lead)
    page = client.get(role_url(camden, contributor)).content.decode()
    assert "Change the role of Connor Contributor" in page
    assert "Can see the organisation's assessments and results." in text_of(page)  # the role hints
    response = client.post(role_url(camden, contributor), {"role": Role.VIEWER}, follow=True)
    assert response.redirect_chain[-1][0] == people_url(camden)
    assert "Connor Contributor is now a viewer" in response.content.decode()
    assert role_of(contributor, camden) == Role.VIEWER


def test_a_role_must_be_chosen(camden, lead, contributor):
    response = signed_in(lead).post(role_url(camden, contributor), {"role": "owner"})
    page = response.content.decode()
    assert title_of(page).startswith("Error: Change the role of Connor Contributor")
    assert "Select a role" in page
    assert role_of(contributor, camden) == Role.CONTRIBUTOR


def test_the_last_lead_cannot_stop_being_a_lead(camden, lead, contributor):
    response = signed_in(lead).post(role_url(camden, lead), {"role": Role.CONTRIBUTOR})
    assert response.status_code == 200
    page = response.content.decode()
    assert title_of(page).startswith("Error:")
    assert "Lena Lead is the only lead of Camden: make someone else a lead first" in page
    assert role_of(lead, camden) == Role.LEAD


def test_a_lead_can_step_down_when_there_is_another_lead(camden, lead, contributor):
    client = signed_in(lead)
    client.post(role_url(camden, contributor), {"role": Role.LEAD})
    response = client.post(role_url(camden, lead), {"role": Role.VIEWER})
    assert response.status_code == 302
    assert response["Location"] == people_url(camden)
    assert role_of(lead, camden) == Role.VIEWER
    assert client.get(people_url(camden)).status_code == 200
    assert client.get(role_url(camden, contributor)).status_code == 403


def test_a_lead_removes_a_member_after_confirming(camden, lead, viewer):
    client = signed_in(lead)
    page = client.get(remove_url(camden, viewer)).content.decode()
    assert "Are you sure you want to remove Vera Viewer from Camden?" in page
    assert Membership.objects.filter(user=viewer).exists()  # a GET removes nothing
    response = client.post(remove_url(camden, viewer), follow=True)
    assert "Vera Viewer has been removed from Camden" in response.content.decode()
    assert not Membership.objects.filter(user=viewer, organisation=camden).exists()
    assert signed_in(viewer).get(people_url(camden)).status_code == 404


def test_the_last_lead_cannot_be_removed(camden, lead, viewer):
    response = signed_in(lead).post(remove_url(camden, lead))
    assert response.status_code == 200
    assert "Lena Lead is the only lead of Camden" in response.content.decode()
    assert Membership.objects.filter(user=lead, organisation=camden).exists()


def test_a_lead_can_leave_when_another_lead_stays(camden, lead):
    make_member(camden, Role.LEAD, "Second Lead")
    client = signed_in(lead)
    assert "Are you sure you want to leave Camden?" in client.get(remove_url(camden, lead)).content.decode()
    response = client.post(remove_url(camden, lead))
    assert response["Location"] == reverse("organisations:list")
    assert not Membership.objects.filter(user=lead).exists()


@pytest.mark.parametrize("role_name", ["viewer", "contributor"])
def test_a_viewer_or_contributor_cannot_manage_people(camden, lead, contributor, viewer, role_name):
    user = {"viewer": viewer, "contributor": contributor}[role_name]
    client = signed_in(user)
    invitation = camden.invitations.create(email="someone@example.gov.uk", role=Role.VIEWER, token_hash="x" * 64)
    cancel = reverse("organisations:cancel-invitation", args=[camden.slug, invitation.pk])
    for url in (
        reverse("organisations:invite", args=[camden.slug]),
        role_url(camden, lead),
        remove_url(camden, lead),
        cancel,
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"role": Role.LEAD, "email": "x@example.gov.uk"}).status_code == 403, url
    assert role_of(lead, camden) == Role.LEAD
    assert camden.invitations.count() == 1
