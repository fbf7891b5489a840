"""Resetting a forgotten password by email, without revealing who has an account."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from maturity.accounts.models import User
from tests.factories import PASSWORD
from tests.html import elements, title_of
from tests.jobs.support import sent_emails

REQUEST = reverse("accounts:password-reset")
SENT_MESSAGE = "If an account exists for that address, we have sent an email"
NEW_PASSWORD = "a brand new long passphrase 42"


def link_in(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


def path_of(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_asking_for_a_reset_sends_one_email_with_a_link_from_site_url(client, lead, settings):
    settings.SITE_URL = "https://maturity.example.gov.uk"
    response = client.post(REQUEST, {"email": lead.email}, follow=True)
    assert SENT_MESSAGE in response.content.decode()
    assert len(sent_emails()) == 1
    message = sent_emails()[0]
    assert message.to == [lead.email]
    assert "\n" not in message.subject and "Reset your password" in message.subject
    assert link_in(message).startswith("https://maturity.example.gov.uk/accounts/password-reset/")
    assert lead.full_name in message.body


def test_the_email_address_is_not_case_sensitive(client, lead):
    client.post(REQUEST, {"email": lead.email.upper()})
    assert [m.to for m in sent_emails()] == [[lead.email]]


def test_an_unknown_address_gets_the_same_page_and_no_email(client, lead):
    known = client.post(REQUEST, {"email": lead.email}, follow=True)
    sent_emails().clear()
    unknown = Client().post(REQUEST, {"email": "nobody@example.gov.uk"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.content == known.content
    assert sent_emails() == []


def test_an_inactive_user_gets_no_email(client, lead):
    lead.is_active = False
    lead.save()
    client.post(REQUEST, {"email": lead.email})
    assert sent_emails() == []


def test_a_malformed_address_gets_an_error_and_no_email(client, db):
    response = client.post(REQUEST, {"email": "not an email"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert title_of(html).startswith("Error: ")
    assert sent_emails() == []


def test_the_emailed_link_lets_the_user_choose_a_new_password(client, lead):
    client.post(REQUEST, {"email": lead.email})
    response = client.get(path_of(link_in(sent_emails()[0])))
    # The token moves from the address into the session, so it cannot leak in a Referer.
    assert response.status_code == 302 and "set-password" in response["Location"]
    form_page = client.get(response["Location"])
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain == [(reverse("accounts:password-reset-complete"), 302)]
    assert "Your password has been reset" in done.content.decode()
    lead.refresh_from_db()
    assert lead.check_password(NEW_PASSWORD)
    assert (
        Client().post(reverse("accounts:sign-in"), {"email": lead.email, "password": NEW_PASSWORD}).status_code == 302
    )


def test_the_link_works_only_once(client, lead):
    client.post(REQUEST, {"email": lead.email})
    link = path_of(link_in(sent_emails()[0]))
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link does not work" in again.content.decode()


@pytest.mark.parametrize("token", ["set-password", "bad-token", "abc123-0123456789abcdef"])
def test_a_bad_token_is_refused_and_changes_nothing(client, lead, token):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    url = reverse(
        "accounts:password-reset-confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(lead.pk)), "token": token},
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "This link does not work" in page.content.decode()
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    lead.refresh_from_db()
    assert lead.check_password(PASSWORD)


def test_a_link_for_an_unknown_user_is_refused(client, db):
    url = reverse("accounts:password-reset-confirm", kwargs={"uidb64": "OTk5OTk", "token": "whatever"})
    assert "This link does not work" in client.get(url).content.decode()


def test_an_expired_link_is_refused(client, lead, settings):
    client.post(REQUEST, {"email": lead.email})
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get(path_of(link_in(sent_emails()[0])))
    assert "This link does not work" in page.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short"),
        ("password1234", "This password is on a list of passwords that are common or have appeared in data breaches"),
    ],
)
def test_the_new_password_must_pass_the_validators(client, lead, password, message):
    client.post(REQUEST, {"email": lead.email})
    form_url = client.get(path_of(link_in(sent_emails()[0])))["Location"]
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert title_of(html).startswith("Error: Choose a new password")
    assert elements(html, "a", href="#id_new_password1")
    lead.refresh_from_db()
    assert lead.check_password(PASSWORD)


def test_the_two_new_passwords_must_match(client, lead):
    client.post(REQUEST, {"email": lead.email})
    form_url = client.get(path_of(link_in(sent_emails()[0])))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert "The passwords do not match" in response.content.decode()
    lead.refresh_from_db()
    assert lead.check_password(PASSWORD)


def test_asking_for_a_reset_needs_a_csrf_token(lead):
    client = Client(enforce_csrf_checks=True)
    assert client.post(REQUEST, {"email": lead.email}).status_code == 403
    assert sent_emails() == []


def test_the_email_is_plain_text_without_html_escaping(client, db):
    user = User.objects.create_user(email="o.brien@example.gov.uk", password=PASSWORD, full_name="Siân O'Brien & Co")
    client.post(REQUEST, {"email": user.email})
    assert "Siân O'Brien & Co" in sent_emails()[0].body
