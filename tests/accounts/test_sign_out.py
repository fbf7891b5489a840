"""Signing out takes a POST; a GET only asks to confirm."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.html import element, elements

SIGN_OUT = reverse("accounts:sign-out")


def test_a_get_does_not_sign_out_but_offers_a_button(client, lead):
    client.force_login(lead)
    response = client.get(SIGN_OUT)
    assert response.status_code == 200
    html = response.content.decode()
    assert element(html, "h1").text == "Sign out"
    assert elements(html, "form", action=SIGN_OUT)
    assert "_auth_user_id" in client.session


def test_a_post_signs_out_and_says_so(client, lead):
    client.force_login(lead)
    response = client.post(SIGN_OUT, follow=True)
    assert response.redirect_chain == [(reverse("accounts:signed-out"), 302)]
    assert "You have signed out" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_signing_out_needs_a_csrf_token(lead):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    response = client.post(SIGN_OUT)
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_the_sign_out_form_in_the_header_works(lead):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert elements(html, "form", action=SIGN_OUT)
    token = client.cookies["csrftoken"].value
    assert client.post(SIGN_OUT, {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in client.session


def test_someone_not_signed_in_is_shown_the_signed_out_page(client, db):
    response = client.get(SIGN_OUT)
    assert response["Location"] == reverse("accounts:signed-out")
