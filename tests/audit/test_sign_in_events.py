"""Sign-ins, failed sign-ins and sign-outs are recorded, with the address and browser, never a password."""

from __future__ import annotations

import json

from django.urls import reverse

from maturity.audit.models import AuditEvent
from tests.factories import PASSWORD

AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chromium/140"


def sign_in(client, email, password):
    return client.post(
        reverse("accounts:sign-in"),
        {"email": email, "password": password},
        REMOTE_ADDR="198.51.100.23",
        HTTP_USER_AGENT=AGENT,
    )


def test_a_sign_in_is_recorded_with_the_ip_address_and_user_agent(client, lead):
    response = sign_in(client, lead.email, PASSWORD)
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind="sign-in")
    assert event.actor == lead and event.subject_user == lead and event.actor_label == "Lena Lead"
    assert event.ip == "198.51.100.23" and event.details["user_agent"] == AGENT


def test_a_failed_sign_in_records_the_email_typed_but_not_the_password(client, lead):
    sign_in(client, lead.email.upper(), "wrong password 123")
    event = AuditEvent.objects.get(kind="sign-in-failed")
    assert event.actor is None
    assert event.subject == lead.email.upper() and event.subject_user == lead
    assert event.details["account_exists"] is True
    assert event.ip == "198.51.100.23"
    assert "wrong password 123" not in json.dumps(event.details) + event.subject + event.actor_label


def test_a_failed_sign_in_for_an_unknown_address_is_recorded_too(client, db):
    sign_in(client, "nobody@example.com", "whatever 12345")
    event = AuditEvent.objects.get(kind="sign-in-failed")
    assert event.subject == "nobody@example.com" and event.subject_user is None
    assert event.details["account_exists"] is False


def test_signing_out_is_recorded(client, lead):
    client.force_login(lead)
    client.post(reverse("accounts:sign-out"), REMOTE_ADDR="198.51.100.23")
    event = AuditEvent.objects.get(kind="sign-out")
    assert event.actor == lead and event.ip == "198.51.100.23"


def test_asking_to_sign_out_without_confirming_records_nothing(client, lead):
    client.force_login(lead)
    client.get(reverse("accounts:sign-out"))
    assert not AuditEvent.objects.filter(kind="sign-out").exists()
