"""One JSON line per request (time, request id, method, path, status, duration, user and
organisation), the id returned as X-Request-ID, and never a password, token or query string."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from maturity import request_context
from maturity.operations.logs import JsonFormatter, RequestContextFilter
from tests.factories import PASSWORD


@pytest.fixture
def lines(caplog):
    """The JSON lines the product's log handler would write for what was logged."""
    caplog.set_level(logging.DEBUG)
    formatter, context = JsonFormatter(), RequestContextFilter()

    def formatted(logger: str | None = None) -> list[dict]:
        records = [r for r in caplog.records if logger is None or r.name == logger]
        for record in records:
            context.filter(record)
        return [json.loads(formatter.format(record)) for record in records]

    return formatted


def test_each_request_gets_one_line_and_its_id_back(client, db, lines):
    response = client.get(reverse("frameworks:overview"))
    [line] = lines("maturity.requests")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert line["request_id"] == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/framework/", 200)
    assert line["duration_ms"] >= 0 and line["level"] == "INFO" and line["logger"] == "maturity.requests"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", line["time"]) and next(iter(line)) == "time"
    assert line["user_id"] is None and line["organisation_id"] is None


def test_two_requests_have_two_ids(client, db):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_the_line_names_the_user_and_the_organisation_reached(client, lead, camden, assessment, lines):
    client.force_login(lead)
    client.get(reverse("assessments:task-list", kwargs={"slug": camden.slug, "pk": assessment.pk}))
    [line] = lines("maturity.requests")
    assert line["status"] == 200
    assert (line["user_id"], line["organisation_id"]) == (lead.pk, camden.pk)
    assert request_context.organisation_id.get() is None  # nothing is left for the next request


def test_an_api_request_names_the_tokens_user(client, lead, camden, assessment, lines):
    from tests.api.conftest import make_token

    token = make_token(lead, camden)
    response = client.get(f"/api/v1/organisations/{camden.slug}/assessments", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    [line] = lines("maturity.requests")
    assert (line["user_id"], line["organisation_id"]) == (lead.pk, camden.pk)
    assert token not in json.dumps(lines())


def test_no_query_string_password_or_reset_token_is_logged(client, lead, lines):
    client.post(
        reverse("accounts:sign-in") + "?next=/private-query-value/", {"email": lead.email, "password": PASSWORD}
    )
    reset = reverse("accounts:password-reset-confirm", kwargs={"uidb64": "MTIzNDU", "token": "cd4z1q-0123456789abcdef"})
    client.get(reset + "?code=sso-code-value")
    client.get("/no-such-page/?state=sso-state-value")
    written = json.dumps(lines())
    for secret in (
        "private-query-value",
        PASSWORD,
        "MTIzNDU",
        "cd4z1q-0123456789abcdef",
        "sso-code-value",
        "sso-state-value",
    ):
        assert secret not in written
    assert "/accounts/password-reset/[redacted]/[redacted]/" in written


def test_lines_written_while_serving_carry_the_request_id(client, db, lines):
    response = client.get("/no-such-page/")
    django_line = lines("django.request")[0]
    assert django_line["message"] == "Not Found: /no-such-page/"
    assert django_line["request_id"] == response["X-Request-ID"]


def test_a_proxys_request_id_is_kept_behind_the_proxy(client, db, settings):
    settings.BEHIND_PROXY = True
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f1c2a9e-77")["X-Request-ID"] == "lb-4f1c2a9e-77"
    # Anything that is not a plain id is replaced (it would go into every line of the log).
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected\nline')["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@override_settings(BEHIND_PROXY=False)
def test_a_clients_own_request_id_is_not_trusted_without_a_proxy(client, db):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client")["X-Request-ID"] != "chosen-by-the-client"


def test_health_probes_are_logged_only_at_debug_level(client, db, lines):
    client.get("/healthz")
    [line] = lines("maturity.requests")
    assert line["level"] == "DEBUG"
