"""The user's own account: details, organisations and roles, and changing the password."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from maturity.organisations.models import Membership, Role
from tests.factories import PASSWORD
from tests.html import element, elements, title_of

PROFILE = reverse("accounts:profile")
DETAILS = reverse("accounts:change-details")
PASSWORD_URL = reverse("accounts:change-password")
NEW_PASSWORD = "a brand new long passphrase 42"


def test_the_profile_needs_sign_in(client, db):
    for url in (PROFILE, DETAILS, PASSWORD_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")


def test_the_profile_shows_details_and_organisations_with_roles(client, lead, camden, manchester):
    Membership.objects.create(organisation=manchester, user=lead, role=Role.VIEWER)
    client.force_login(lead)
    html = client.get(PROFILE).content.decode()
    assert element(html, "h1").text == "Your account"
    assert lead.full_name in html and lead.email in html
    assert reverse("organisations:home", kwargs={"slug": camden.slug}) in html
    assert reverse("organisations:home", kwargs={"slug": manchester.slug}) in html
    assert "Lead" in html and "Viewer" in html


def test_the_profile_does_not_list_other_peoples_organisations(client, viewer, outsider, manchester):
    client.force_login(viewer)
    html = client.get(PROFILE).content.decode()
    assert manchester.slug not in html


def test_someone_can_change_their_name_and_job_title(client, contributor):
    client.force_login(contributor)
    response = client.post(DETAILS, {"full_name": "Connie Contributor", "job_title": "Category manager"}, follow=True)
    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Your details have been saved" in response.content.decode()
    contributor.refresh_from_db()
    assert (contributor.full_name, contributor.job_title) == ("Connie Contributor", "Category manager")


def test_the_email_address_cannot_be_changed_with_the_details_form(client, contributor):
    email = contributor.email
    client.force_login(contributor)
    client.post(DETAILS, {"full_name": "Connie", "job_title": "", "email": "new@example.gov.uk"})
    contributor.refresh_from_db()
    assert contributor.email == email


def test_a_blank_name_is_refused_and_changes_nothing(client, contributor):
    client.force_login(contributor)
    response = client.post(DETAILS, {"full_name": "  ", "job_title": "Head of procurement"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter your full name" in html
    assert title_of(html).startswith("Error: Change your details")
    assert f"Signed in as {contributor.full_name}" in html
    contributor.refresh_from_db()
    assert contributor.full_name == "Connor Contributor" and contributor.job_title == ""


def test_changing_details_needs_a_csrf_token(contributor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor)
    assert client.post(DETAILS, {"full_name": "Mallory"}).status_code == 403
    contributor.refresh_from_db()
    assert contributor.full_name == "Connor Contributor"


def test_someone_can_change_their_password_and_stay_signed_in(client, viewer):
    client.force_login(viewer)
    response = client.post(
        PASSWORD_URL,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Your password has been changed" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.check_password(NEW_PASSWORD)
    assert client.get(PROFILE).status_code == 200


def test_changing_the_password_signs_out_other_sessions(viewer):
    here, elsewhere = Client(), Client()
    here.force_login(viewer)
    elsewhere.force_login(viewer)
    here.post(PASSWORD_URL, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert here.get(PROFILE).status_code == 200
    assert elsewhere.get(PROFILE).status_code == 302


def test_a_wrong_current_password_is_refused(client, viewer):
    client.force_login(viewer)
    response = client.post(
        PASSWORD_URL, {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your current password is incorrect" in html
    assert elements(html, "a", href="#id_old_password")
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client, viewer):
    client.force_login(viewer)
    response = client.post(PASSWORD_URL, {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"})
    assert "This password is too short" in response.content.decode()
    assert PASSWORD not in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)


def test_changing_the_password_needs_a_csrf_token(viewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer)
    response = client.post(
        PASSWORD_URL, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 403
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)
