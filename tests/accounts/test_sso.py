"""Single sign-on through an OpenID Connect provider (a fake one, on this machine).

Django's test client plays the browser: it follows the redirect to the provider by hand
(`idp.follow`), and the provider's redirect back to the product.
"""

from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl, urlsplit

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from maturity.accounts.models import User
from maturity.organisations.models import Membership, Role
from maturity.organisations.services import invite_colleague
from tests.factories import give_two_factor, make_user
from tests.html import elements

SIGN_IN = reverse("accounts:sign-in")
START = reverse("accounts:sso-start")
CALLBACK = reverse("accounts:sso-callback")


def go_to_provider(client, **params):
    response = client.get(START, params)
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def come_back(client, location):
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver" and parts.path == CALLBACK
    return client.get(parts.path, dict(parse_qsl(parts.query)))


def sso_sign_in(client, idp, **params):
    """Start, approve at the provider, come back: the product's answer to the callback."""
    return come_back(client, idp.follow(go_to_provider(client, **params)))


def signs_in_as(idp, user, **claims):
    idp.claims = {
        "sub": f"sub-{user.pk}",
        "email": user.email,
        "email_verified": True,
        "name": user.full_name,
        **claims,
    }


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- the button ---------------------------------------------------------------------------------


def test_the_sign_in_page_offers_single_sign_on_when_it_is_set_up(client, idp):
    html = client.get(SIGN_IN, {"next": "/framework/"}).content.decode()
    assert "Sign in with your council account" in html
    assert elements(html, "a", href=f"{START}?next=/framework/", text="Sign in with your council account")
    assert "Or sign in with your email address and password" in html


def test_the_button_text_comes_from_the_settings(client, idp, settings):
    settings.OIDC_BUTTON_TEXT = "Sign in with your Camden account"
    assert "Sign in with your Camden account" in client.get(SIGN_IN).content.decode()


def test_there_is_no_single_sign_on_when_it_is_not_set_up(client, db):
    assert "Sign in with your council account" not in client.get(SIGN_IN).content.decode()
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"code": "x", "state": "y"}).status_code == 404


# --- the protocol ---------------------------------------------------------------------------------


def test_starting_sends_the_browser_to_the_provider_with_state_nonce_and_pkce(client, idp):
    location = go_to_provider(client)
    parts = urlsplit(location)
    assert location.startswith(f"{idp.issuer}/authorize?")
    params = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert params["response_type"] == "code"
    assert params["client_id"] == idp.client_id
    assert params["redirect_uri"] == f"http://testserver{CALLBACK}"  # from SITE_URL, not the Host header
    assert params["scope"].split() == ["openid", "email", "profile"]
    assert len(params["state"]) >= 20 and len(params["nonce"]) >= 20
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43


def test_the_code_is_exchanged_with_the_secret_and_the_pkce_verifier(client, idp, lead):
    signs_in_as(idp, lead)
    sso_sign_in(client, idp)
    assert idp.token_refusals == []
    (exchange,) = idp.token_requests
    assert exchange["grant_type"] == "authorization_code" and len(exchange["code_verifier"]) >= 43


def test_a_person_with_an_account_and_a_verified_email_is_signed_in(client, idp, lead, camden):
    signs_in_as(idp, lead)
    response = sso_sign_in(client, idp)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})
    assert signed_in_user_id(client) == str(lead.pk)


def test_the_email_address_is_matched_whatever_its_case(client, idp, lead):
    signs_in_as(idp, lead, email=lead.email.upper())
    sso_sign_in(client, idp)
    assert signed_in_user_id(client) == str(lead.pk)


def test_a_safe_next_survives_the_trip_to_the_provider(client, idp, lead):
    signs_in_as(idp, lead)
    assert sso_sign_in(client, idp, next="/framework/")["Location"] == "/framework/"


def test_an_unsafe_next_is_dropped(client, idp, lead, camden):
    signs_in_as(idp, lead)
    response = sso_sign_in(client, idp, next="https://evil.example.com/")
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})


def test_signing_in_through_the_provider_gives_a_new_session(client, idp, lead):
    signs_in_as(idp, lead)
    location = go_to_provider(client)
    before = client.session.session_key
    come_back(client, idp.follow(location))
    assert client.session.session_key != before


# --- who gets in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_email_address_the_provider_has_not_verified_is_refused(client, idp, lead, verified):
    signs_in_as(idp, lead, email_verified=verified)
    if verified is None:
        del idp.claims["email_verified"]
    response = sso_sign_in(client, idp)
    assert response.status_code == 403
    assert "Your email address could not be confirmed" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_an_unknown_address_gets_no_account_and_is_told_to_ask_for_an_invitation(client, idp):
    idp.claims = {"sub": "x", "email": "newcomer@camden.gov.uk", "email_verified": True, "name": "Nia Newcomer"}
    response = sso_sign_in(client, idp)
    html = response.content.decode()
    assert response.status_code == 403
    assert "You do not have an account yet" in html
    assert "ask a lead of your organisation to invite you" in html
    assert "newcomer@camden.gov.uk" in html
    assert not User.objects.filter(email="newcomer@camden.gov.uk").exists()
    assert signed_in_user_id(client) is None


def test_an_address_with_an_open_invitation_gets_an_account_that_accepts_it(client, idp, camden, lead):
    invite_colleague(organisation=camden, email="Nia.Newcomer@camden.gov.uk", role=Role.CONTRIBUTOR, invited_by=lead)
    idp.claims = {"sub": "x", "email": "nia.newcomer@camden.gov.uk", "email_verified": True, "name": "Nia Newcomer"}
    response = sso_sign_in(client, idp)
    user = User.objects.get(email="nia.newcomer@camden.gov.uk")
    assert user.full_name == "Nia Newcomer"
    assert not user.has_usable_password()  # signs in through the provider
    assert Membership.objects.get(user=user, organisation=camden).role == Role.CONTRIBUTOR
    assert camden.invitations.get().accepted_at is not None
    assert signed_in_user_id(client) == str(user.pk)
    assert f"You have joined {camden.name}" in client.get(response["Location"]).content.decode()


def test_an_expired_invitation_does_not_make_an_account(client, idp, camden, lead):
    invitation, _ = invite_colleague(organisation=camden, email="late@camden.gov.uk", role=Role.VIEWER, invited_by=lead)
    invitation.expires_at = invitation.created_at
    invitation.save()
    idp.claims = {"sub": "x", "email": "late@camden.gov.uk", "email_verified": True, "name": "Lee Late"}
    assert sso_sign_in(client, idp).status_code == 403
    assert not User.objects.filter(email="late@camden.gov.uk").exists()


def test_a_deactivated_account_is_not_signed_in(client, idp, lead):
    lead.is_active = False
    lead.save()
    signs_in_as(idp, lead)
    assert sso_sign_in(client, idp).status_code == 403
    assert signed_in_user_id(client) is None


def test_someone_with_two_factor_is_asked_for_a_code_before_being_signed_in(client, idp, lead, camden):
    secret = give_two_factor(lead)
    signs_in_as(idp, lead)
    response = sso_sign_in(client, idp, next="/framework/")
    assert response["Location"] == reverse("accounts:two-factor-code")
    assert signed_in_user_id(client) is None
    done = client.post(response["Location"], {"code": pyotp.TOTP(secret).now()})
    assert done["Location"] == "/framework/"
    assert signed_in_user_id(client) == str(lead.pk)


# --- answers the product refuses ------------------------------------------------------------------


@pytest.mark.parametrize(
    "spoil",
    ["key", "aud", "iss", "exp", "nonce", "alg-none", "no-id-token"],
    ids=[
        "signed-with-another-key",
        "for-another-client",
        "from-another-issuer",
        "expired",
        "wrong-nonce",
        "unsigned",
        "missing",
    ],
)
def test_an_id_token_that_does_not_check_out_is_refused(client, idp, lead, spoil):
    signs_in_as(idp, lead)
    idp.spoil = spoil
    response = sso_sign_in(client, idp)
    assert response.status_code == 400
    assert "Sign in did not work" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_an_answer_for_a_sign_in_started_elsewhere_is_refused(client, idp, lead):
    """Login CSRF: someone else's code and state, planted on this browser, signs no one in."""
    signs_in_as(idp, lead)
    attacker = Client()
    planted = idp.follow(go_to_provider(attacker))
    response = come_back(client, planted)
    assert response.status_code == 400
    assert signed_in_user_id(client) is None


def test_an_answer_cannot_be_used_twice(client, idp, lead):
    signs_in_as(idp, lead)
    back = idp.follow(go_to_provider(client))
    assert come_back(client, back).status_code == 302
    client.post(reverse("accounts:sign-out"))
    assert come_back(client, back).status_code == 400
    assert signed_in_user_id(client) is None


def test_a_refusal_at_the_provider_says_the_person_did_not_sign_in(client, idp):
    go_to_provider(client)
    response = client.get(CALLBACK, {"error": "access_denied", "state": "whatever"})
    assert response.status_code == 400
    assert "You did not sign in" in response.content.decode()


def test_a_provider_that_cannot_be_reached_gets_a_clear_page(client, idp, db):
    idp.stop()
    response = client.get(START)
    assert response.status_code == 502
    assert "Sign in did not work" in response.content.decode()


def test_accounts_are_never_made_for_addresses_without_an_invitation(client, idp, db):
    before = User.objects.count()
    for n in range(3):
        idp.claims = {"sub": str(n), "email": f"person{n}@example.gov.uk", "email_verified": True}
        sso_sign_in(Client(), idp)
    assert User.objects.count() == before


def test_an_existing_account_keeps_its_password_after_single_sign_on(client, idp, db):
    user = make_user("Pat Password")
    signs_in_as(idp, user)
    sso_sign_in(client, idp)
    user.refresh_from_db()
    assert user.has_usable_password()
