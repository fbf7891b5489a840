"""The response headers a security scanner asks for, on a sample of pages of every kind.

The content security policy (maturity/middleware.py) forbids inline script and style; that no
page carries any is checked on every page by tests/test_authorisation_matrix.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from maturity.organisations.models import Membership
from tests.factories import make_national_admin

YEAR = 31_536_000


@pytest.fixture
def pages(assessment, camden, lead, viewer):
    """(who, path, the status expected): pages, a download, a redirect and error pages."""
    membership = Membership.objects.get(user=viewer, organisation=camden)
    admin = make_national_admin()
    return [
        (None, reverse("home"), 200),
        (None, reverse("accounts:sign-in"), 200),
        (None, reverse("frameworks:overview"), 302),
        (None, reverse("frameworks:detail", args=["nps", "2018"]), 200),
        (None, "/no-such-page/", 404),
        (None, reverse("organisations:home", args=[camden.slug]), 302),
        (lead, reverse("organisations:home", args=[camden.slug]), 200),
        (lead, reverse("organisations:change-role", args=[camden.slug, membership.pk]), 200),
        (lead, reverse("audit:organisation", args=[camden.slug]), 200),
        (lead, reverse("reports:responses-csv", args=[camden.slug, assessment.pk]), 200),
        (viewer, reverse("organisations:invite", args=[camden.slug]), 403),
        (viewer, reverse("accounts:personal-data-download"), 200),
        (admin, reverse("audit:national"), 200),
        (admin, reverse("national-home"), 200),
    ]


def each_response(client, pages, **extra):
    for user, path, status in pages:
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = client.get(path, **extra)
        assert response.status_code == status, path
        yield path, response


def test_every_response_carries_the_headers_a_scanner_asks_for(client, pages):
    for path, response in each_response(client, pages):
        policy = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, path
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'", path
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", path
        assert directives["frame-ancestors"] == "'none'", path
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'", path
        assert directives["form-action"] == "'self'", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}, path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        permissions = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in permissions, path


def test_pages_for_signed_in_people_are_not_kept_by_caches(client, pages):
    for (user, _, _), (path, response) in zip(pages, each_response(client, pages)):
        if user is not None:
            assert "no-store" in response["Cache-Control"], path


@override_settings(SECURE_HSTS_SECONDS=YEAR, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_over_https_with_the_production_settings_browsers_are_told_to_use_https_for_a_year(client, pages):
    for path, response in each_response(client, pages, secure=True):
        assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains", path


def test_the_production_settings_ask_for_https_everywhere():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS)"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MATURITY_TESTING", "SECURE_HSTS_SECONDS"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="maturity.settings", SECRET_KEY="p" * 60, ALLOWED_HOSTS="maturity.example.org"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    seconds, subdomains, redirect, session_secure, csrf_secure, frames = result.stdout.split()
    assert int(seconds) >= YEAR and subdomains == "True" and redirect == "True"
    assert session_secure == "True" and csrf_secure == "True" and frames == "DENY"
