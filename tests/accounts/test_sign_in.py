"""Signing in: email and password, a generic error, safe `next`, and where people land."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maturity.organisations.models import Membership, Role
from tests.factories import PASSWORD, make_user
from tests.html import element, elements, title_of

SIGN_IN = reverse("accounts:sign-in")
GENERIC_ERROR = "Enter a correct email address and password"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password, **extra})


def test_the_sign_in_page_shows_a_govuk_form(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    html = response.content.decode()
    assert element(html, "h1").text == "Sign in"
    assert elements(html, "input", type="hidden", name="csrfmiddlewaretoken")
    assert elements(html, "input", class_="govuk-input")
    assert elements(html, "div", data_module="govuk-password-input")
    assert elements(html, "input", autocomplete="current-password")
    assert reverse("accounts:password-reset") in html


def test_a_member_of_one_organisation_goes_straight_to_its_home(client, lead, camden):
    response = sign_in(client, lead.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_a_member_of_several_organisations_goes_to_their_list(client, lead, manchester):
    Membership.objects.create(organisation=manchester, user=lead, role=Role.VIEWER)
    response = sign_in(client, lead.email)
    assert response["Location"] == reverse("organisations:list")


def test_someone_in_no_organisation_goes_to_their_list(client, db):
    user = make_user("Nora Nobody")
    response = sign_in(client, user.email)
    assert response["Location"] == reverse("organisations:list")


def test_the_email_address_is_not_case_sensitive(client, lead, camden):
    response = sign_in(client, lead.email.upper())
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_a_wrong_password_gets_the_generic_error(client, lead):
    response = sign_in(client, lead.email, "not the password at all")
    assert response.status_code == 200
    html = response.content.decode()
    assert GENERIC_ERROR in html
    assert title_of(html).startswith("Error: Sign in")
    assert elements(html, class_="govuk-error-summary")
    assert elements(html, "a", href="#id_email")
    assert "_auth_user_id" not in client.session


def test_an_unknown_email_gets_the_same_error_as_a_wrong_password(client, lead):
    unknown = sign_in(client, "nobody@example.gov.uk").content.decode()
    wrong = sign_in(Client(), lead.email, "not the password at all").content.decode()
    assert GENERIC_ERROR in unknown and GENERIC_ERROR in wrong
    # Nothing tells the two apart: the only difference is the address typed back in the form.
    assert unknown.replace("nobody@example.gov.uk", "X").count("govuk-error-message") == wrong.count(
        "govuk-error-message"
    )
    assert "_auth_user_id" not in client.session


def test_the_password_is_never_written_back_into_the_page(client, lead):
    html = sign_in(client, lead.email, "my-secret-typo").content.decode()
    assert "my-secret-typo" not in html
    assert lead.email in html  # the email address is kept, so only the password is retyped


def test_empty_fields_are_named_in_the_error_summary(client, db):
    html = client.post(SIGN_IN, {"email": "", "password": ""}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert GENERIC_ERROR not in html


def test_a_malformed_email_gets_the_format_message(client, db):
    html = sign_in(client, "not-an-email").content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html


def test_an_inactive_user_cannot_sign_in(client, lead):
    lead.is_active = False
    lead.save()
    response = sign_in(client, lead.email)
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_safe_next_is_honoured(client, lead, camden):
    response = sign_in(client, lead.email, next="/framework/")
    assert response["Location"] == "/framework/"


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "http://testserver.evil.example.com/",
        "javascript:alert(1)",
        "\\\\evil.example.com",
    ],
)
def test_an_unsafe_next_is_ignored(client, lead, camden, unsafe):
    response = sign_in(client, lead.email, next=unsafe)
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})


def test_next_from_the_address_is_kept_in_the_form(client, db):
    html = client.get(SIGN_IN, {"next": "/organisations/"}).content.decode()
    assert elements(html, "input", name="next", value="/organisations/")


def test_an_unsafe_next_is_not_put_in_the_form(client, db):
    html = client.get(SIGN_IN, {"next": "https://evil.example.com/"}).content.decode()
    assert "evil.example.com" not in html


def test_signing_in_gives_a_new_session(client, lead):
    client.get(SIGN_IN)
    client.session.save()
    before = client.session.session_key
    sign_in(client, lead.email)
    assert client.session.session_key != before


def test_signing_in_needs_a_csrf_token(lead):
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, lead.email)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_signing_in_works_with_the_csrf_token_from_the_form(lead):
    client = Client(enforce_csrf_checks=True)
    client.get(SIGN_IN)
    token = client.cookies["csrftoken"].value
    response = sign_in(client, lead.email, csrfmiddlewaretoken=token)
    assert response.status_code == 302


def test_pages_that_need_sign_in_send_anonymous_people_to_it_with_next(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={reverse('accounts:profile')}"


def test_after_being_sent_to_sign_in_people_return_to_the_page_they_wanted(client, lead):
    target = reverse("accounts:profile")
    response = sign_in(client, lead.email, next=target)
    assert response["Location"] == target
    assert client.get(target).status_code == 200
