"""Nobody reaches another organisation's people, and every change needs its CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maturity.organisations.models import Membership, Role
from tests.html import elements


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def camden_urls(camden, lead, viewer):
    invitation = camden.invitations.create(email="someone@example.gov.uk", role=Role.VIEWER, token_hash="a" * 64)
    membership = Membership.objects.get(user=viewer, organisation=camden)
    return [
        reverse("organisations:people", args=[camden.slug]),
        reverse("organisations:invite", args=[camden.slug]),
        reverse("organisations:change-role", args=[camden.slug, membership.pk]),
        reverse("organisations:remove-member", args=[camden.slug, membership.pk]),
        reverse("organisations:cancel-invitation", args=[camden.slug, invitation.pk]),
    ]


def test_an_outsider_gets_404_on_every_people_url_of_another_organisation(camden, camden_urls, outsider, viewer):
    client = signed_in(outsider)
    for url in camden_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"role": Role.LEAD, "email": "oscar@example.gov.uk"}).status_code == 404, url
    assert Membership.objects.get(user=viewer, organisation=camden).role == Role.VIEWER
    assert not Membership.objects.filter(user=outsider, organisation=camden).exists()
    assert camden.invitations.count() == 1


def test_a_lead_cannot_reach_another_organisations_member_through_their_own(camden, manchester, outsider, viewer):
    membership = Membership.objects.get(user=viewer, organisation=camden)
    client = signed_in(outsider)
    for name in ("organisations:change-role", "organisations:remove-member"):
        url = reverse(name, args=[manchester.slug, membership.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"role": Role.LEAD}).status_code == 404
    invitation = camden.invitations.create(email="someone@example.gov.uk", role=Role.VIEWER, token_hash="b" * 64)
    url = reverse("organisations:cancel-invitation", args=[manchester.slug, invitation.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER
    assert camden.invitations.filter(pk=invitation.pk).exists()


def test_a_post_without_a_csrf_token_is_refused(camden, lead, viewer):
    client = signed_in(lead, enforce_csrf_checks=True)
    membership = Membership.objects.get(user=viewer, organisation=camden)
    posts = [
        (reverse("organisations:invite", args=[camden.slug]), {"email": "x@example.gov.uk", "role": "viewer"}),
        (reverse("organisations:change-role", args=[camden.slug, membership.pk]), {"role": "lead"}),
        (reverse("organisations:remove-member", args=[camden.slug, membership.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert not camden.invitations.exists()
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER


def test_accepting_an_invitation_without_a_csrf_token_is_refused(camden, lead):
    from maturity.organisations import services

    _, token = services.invite_colleague(
        organisation=camden, email="new@example.gov.uk", role="viewer", invited_by=lead
    )
    url = reverse("accounts:accept-invitation", args=[token])
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url, {"full_name": "N", "password": "five wooden spoons", "confirm_password": "five wooden spoons"}
    )
    assert response.status_code == 403
    assert camden.invitations.get().accepted_at is None


def test_every_form_carries_a_csrf_token(camden, lead, viewer):
    client = signed_in(lead)
    membership = Membership.objects.get(user=viewer, organisation=camden)
    for url in (
        reverse("organisations:invite", args=[camden.slug]),
        reverse("organisations:change-role", args=[camden.slug, membership.pk]),
        reverse("organisations:remove-member", args=[camden.slug, membership.pk]),
    ):
        page = client.get(url).content.decode()
        forms = elements(page, "form")
        assert all(len(elements(form, "input", name="csrfmiddlewaretoken")) == 1 for form in forms), url
        assert len(elements(page, "input", name="csrfmiddlewaretoken")) == len(forms), url
