"""Inviting a colleague, and accepting the emailed link, end to end."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maturity.accounts.models import User
from maturity.organisations.models import Invitation, Membership, Role
from tests.factories import PASSWORD, make_user
from tests.html import elements, title_of
from tests.jobs.support import sent_emails

NEW_PASSWORD = "five wooden spoons in a drawer"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(client: Client, org, email: str, role: str = Role.CONTRIBUTOR):
    return client.post(reverse("organisations:invite", args=[org.slug]), {"email": email, "role": role})


def emailed_link() -> str:
    (message,) = sent_emails()
    (link,) = re.findall(r"https?://\S+/accounts/invitations/\S+/", message.body)
    return link


def path_of(link: str) -> str:
    assert link.startswith(settings.SITE_URL)
    return link[len(settings.SITE_URL) :]


def test_a_lead_invites_a_colleague_who_gets_an_email(camden, lead):
    client = signed_in(lead)
    page = client.get(reverse("organisations:invite", args=[camden.slug])).content.decode()
    assert "Can also record answers and evidence in an assessment." in page  # role hints
    response = invite(client, camden, "New.Person@Camden.gov.uk", Role.CONTRIBUTOR)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:people", args=[camden.slug])
    (message,) = sent_emails()
    assert message.to == ["new.person@camden.gov.uk"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Lena Lead invited you to join Camden on the Procurement maturity toolkit"
    assert "as a contributor" in message.body
    link = emailed_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = camden.invitations.get()
    assert invitation.email == "new.person@camden.gov.uk"
    assert invitation.role == Role.CONTRIBUTOR
    assert invitation.invited_by == lead
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in invitation.token_hash
    people = client.get(response["Location"]).content.decode()
    assert "Invitation sent to new.person@camden.gov.uk" in people
    assert "Invitations waiting for an answer" in people
    assert "new.person@camden.gov.uk" in people


def test_someone_new_creates_an_account_and_joins(camden, lead):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk", Role.CONTRIBUTOR)
    url = path_of(emailed_link())
    visitor = Client()
    page = visitor.get(url).content.decode()
    assert "Join Camden" in page
    assert "new.person@camden.gov.uk" in page

    response = visitor.post(url, {"full_name": "Nia New", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home", args=[camden.slug])
    user = User.objects.get(email="new.person@camden.gov.uk")
    assert user.full_name == "Nia New"
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user, organisation=camden).role == Role.CONTRIBUTOR
    assert camden.invitations.get().accepted_at is not None
    assert int(visitor.session["_auth_user_id"]) == user.pk  # signed in


def test_the_new_password_must_pass_the_validators_and_match(camden, lead):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    visitor = Client()
    short = visitor.post(url, {"full_name": "Nia New", "password": "short", "confirm_password": "short"})
    page = short.content.decode()
    assert title_of(page).startswith("Error: Join Camden")
    assert "There is a problem" in page
    assert "This password is too short" in page
    assert elements(page, "a", href="#id_password")
    assert not elements(page, value="short")  # a password is never sent back
    mismatch = visitor.post(
        url, {"full_name": "Nia New", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "!"}
    )
    assert "The passwords do not match" in mismatch.content.decode()
    missing = visitor.post(url, {"full_name": "", "password": "", "confirm_password": ""})
    assert "Enter your full name" in missing.content.decode()
    assert "Enter a password" in missing.content.decode()
    assert not User.objects.filter(email="new.person@camden.gov.uk").exists()
    assert camden.invitations.get().accepted_at is None


def test_a_used_link_cannot_be_used_again(camden, lead):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    Client().post(url, {"full_name": "Nia New", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    response = Client().get(url)
    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()


def test_an_expired_link_says_so(camden, lead):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    camden.invitations.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().post(url, {"full_name": "Nia New", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not User.objects.filter(email="new.person@camden.gov.uk").exists()


def test_an_unknown_link_is_not_found(db):
    response = Client().get(reverse("accounts:accept-invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_someone_with_an_account_signs_in_then_joins(camden, lead, outsider):
    invite(signed_in(lead), camden, outsider.email.upper(), Role.VIEWER)
    url = path_of(emailed_link())

    page = Client().get(url).content.decode()
    assert "There is already an account for" in page
    assert reverse("accounts:sign-in") + "?next=" + url.replace("/", "%2F") in page

    client = Client()
    assert client.login(email=outsider.email, password=PASSWORD)
    page = client.get(url).content.decode()
    assert "Join Camden" in page
    assert not Membership.objects.filter(user=outsider, organisation=camden).exists()  # a GET joins nothing
    response = client.post(url)
    assert response["Location"] == reverse("organisations:home", args=[camden.slug])
    assert Membership.objects.get(user=outsider, organisation=camden).role == Role.VIEWER
    assert outsider.memberships.count() == 2  # still a lead of Manchester


def test_signed_in_as_someone_else_the_invitee_is_told(camden, lead, viewer):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    client = signed_in(viewer)
    for response in (
        client.get(url),
        client.post(url, {"full_name": "X", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
    ):
        page = response.content.decode()
        assert "This invitation is for someone else" in page
        assert f"You are signed in as {viewer.email}" in page
    assert not User.objects.filter(email="new.person@camden.gov.uk").exists()
    assert camden.invitations.get().accepted_at is None


def test_a_member_cannot_be_invited_again(camden, lead, viewer):
    response = invite(signed_in(lead), camden, viewer.email.upper())
    page = response.content.decode()
    assert response.status_code == 200
    assert title_of(page).startswith("Error: Invite a colleague")
    assert f"{viewer.email} is already a member of Camden" in page
    assert not sent_emails()
    assert not camden.invitations.exists()


def test_an_open_invitation_cannot_be_sent_twice(camden, lead):
    client = signed_in(lead)
    invite(client, camden, "new.person@camden.gov.uk")
    response = invite(client, camden, "New.Person@camden.gov.uk")
    assert "new.person@camden.gov.uk has already been invited to Camden" in response.content.decode()
    assert camden.invitations.count() == 1
    assert len(sent_emails()) == 1


def test_an_expired_invitation_can_be_sent_again(camden, lead):
    client = signed_in(lead)
    invite(client, camden, "new.person@camden.gov.uk")
    camden.invitations.update(expires_at=timezone.now() - timedelta(days=1))
    assert invite(client, camden, "new.person@camden.gov.uk").status_code == 302
    assert len(sent_emails()) == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "", "role": "viewer"}, "Enter their email address"),
        ({"email": "not an email", "role": "viewer"}, "Enter an email address in the correct format"),
        ({"email": "someone@example.gov.uk"}, "Select a role"),
        ({"email": "someone@example.gov.uk", "role": "owner"}, "Select a role"),
    ],
)
def test_bad_invitation_input_is_explained_and_sends_nothing(camden, lead, data, message):
    response = signed_in(lead).post(reverse("organisations:invite", args=[camden.slug]), data)
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not sent_emails()
    assert not camden.invitations.exists()


def test_a_viewer_cannot_invite(camden, viewer):
    assert invite(signed_in(viewer), camden, "someone@example.gov.uk").status_code == 403
    assert not sent_emails()


def test_a_lead_cancels_an_invitation_after_confirming(camden, lead):
    client = signed_in(lead)
    invite(client, camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    invitation = camden.invitations.get()
    cancel = reverse("organisations:cancel-invitation", args=[camden.slug, invitation.pk])
    assert cancel in client.get(reverse("organisations:people", args=[camden.slug])).content.decode()
    page = client.get(cancel).content.decode()
    assert "Are you sure you want to cancel the invitation to new.person@camden.gov.uk?" in page
    assert camden.invitations.exists()
    response = client.post(cancel, follow=True)
    assert "The invitation to new.person@camden.gov.uk has been cancelled" in response.content.decode()
    assert camden.invitations.get().state == "withdrawn"  # kept, so the national team sees it
    assert (
        "new.person@camden.gov.uk"
        not in client.get(reverse("organisations:people", args=[camden.slug])).content.decode()
    )
    assert Client().get(url).status_code == 404


def test_an_accepted_invitation_cannot_be_cancelled(camden, lead):
    client = signed_in(lead)
    invite(client, camden, "new.person@camden.gov.uk")
    invitation = camden.invitations.get()
    Client().post(
        path_of(emailed_link()), {"full_name": "Nia New", "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    )
    cancel = reverse("organisations:cancel-invitation", args=[camden.slug, invitation.pk])
    assert client.post(cancel).status_code == 404
    assert User.objects.filter(email="new.person@camden.gov.uk").exists()


def test_an_account_created_meanwhile_must_sign_in_instead(camden, lead):
    invite(signed_in(lead), camden, "new.person@camden.gov.uk")
    url = path_of(emailed_link())
    make_user("Nia New", email="new.person@camden.gov.uk")
    page = Client().get(url).content.decode()
    assert "There is already an account for new.person@camden.gov.uk" in page


def test_the_email_is_plain_text_not_html_escaped(lead):
    from tests.factories import make_organisation

    org = make_organisation("Barking & Dagenham", slug="barking-and-dagenham")
    Membership.objects.create(organisation=org, user=lead, role=Role.LEAD)
    invite(signed_in(lead), org, "someone@example.gov.uk")
    (message,) = sent_emails()
    assert "Barking & Dagenham" in message.subject
    assert "Barking & Dagenham" in message.body
    assert "&amp;" not in message.body
