"""The sign-in settings come from the environment and stop the process when they are wrong."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "maturity.example.org"}
SSO = {
    "OIDC_ISSUER": "https://login.example.com/tenant/v2.0",
    "OIDC_CLIENT_ID": "toolkit",
    "OIDC_CLIENT_SECRET": "s3cret",
}


def settings_of(**overrides) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh process and print a few of them."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "MATURITY_TESTING", "DJANGO_SETTINGS_MODULE"}
        and not k.startswith(("OIDC_", "SESSION_", "SIGN_IN_"))
    }
    environment.update({**GOOD, **overrides})
    code = (
        "from maturity import settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_MAX_SECONDS, s.OIDC_DISCOVERY_URL or '-',"
        " repr(s.OIDC_SCOPES), s.SIGN_IN_MAX_FAILURES, s.SIGN_IN_MAX_FAILURES_PER_IP, s.SIGN_IN_LOCK_SECONDS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_defaults():
    result = settings_of()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1800", "43200", "-", "'openid", "email", "profile'", "5", "20", "900"]


def test_single_sign_on_finds_the_discovery_document_under_the_issuer():
    result = settings_of(**SSO)
    assert result.returncode == 0, result.stderr
    assert "https://login.example.com/tenant/v2.0/.well-known/openid-configuration" in result.stdout


def test_a_discovery_url_can_be_given_instead_of_the_issuer():
    result = settings_of(
        OIDC_DISCOVERY_URL="https://idp.example.com/.well-known/openid-configuration",
        OIDC_CLIENT_ID="toolkit",
        OIDC_CLIENT_SECRET="s3cret",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "given, message",
    [
        ({"OIDC_CLIENT_ID": "toolkit"}, "set OIDC_ISSUER or OIDC_DISCOVERY_URL, OIDC_CLIENT_SECRET too"),
        (
            {"OIDC_ISSUER": "https://login.example.com/t/v2.0", "OIDC_CLIENT_ID": "toolkit"},
            "set OIDC_CLIENT_SECRET too",
        ),
        ({"OIDC_CLIENT_SECRET": "s3cret"}, "Single sign-on is half set up"),
        ({**SSO, "OIDC_ISSUER": "http://login.example.com/t"}, "OIDC_ISSUER must be an https:// address"),
        ({**SSO, "OIDC_ISSUER": "login.example.com"}, "OIDC_ISSUER must be an https:// address"),
        ({**SSO, "OIDC_SCOPES": "email profile"}, "OIDC_SCOPES must include openid"),
        ({**SSO, "OIDC_BUTTON_TEXT": "   "}, "OIDC_BUTTON_TEXT must not be empty"),
        ({"SESSION_IDLE_SECONDS": "soon"}, "SESSION_IDLE_SECONDS must be a whole number"),
        ({"SESSION_IDLE_SECONDS": "60"}, "SESSION_IDLE_SECONDS must be at least 300"),
        (
            {"SESSION_IDLE_SECONDS": "7200", "SESSION_MAX_SECONDS": "3600"},
            "SESSION_MAX_SECONDS must be at least SESSION_IDLE_SECONDS",
        ),
        (
            {"SESSION_IDLE_SECONDS": "900", "SESSION_COOKIE_AGE": "1200"},
            "SESSION_COOKIE_AGE is the old name of SESSION_IDLE_SECONDS",
        ),
        ({"SIGN_IN_MAX_FAILURES": "0"}, "SIGN_IN_MAX_FAILURES must be at least 1"),
        ({"SIGN_IN_LOCK_SECONDS": "a while"}, "SIGN_IN_LOCK_SECONDS must be a whole number"),
    ],
)
def test_a_half_set_or_malformed_sign_in_setting_stops_the_process(given, message):
    result = settings_of(**given)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_old_name_of_the_idle_limit_is_still_read():
    result = settings_of(SESSION_COOKIE_AGE="900")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "900"


def test_http_is_allowed_for_a_provider_on_this_machine():
    result = settings_of(**{**SSO, "OIDC_ISSUER": "http://127.0.0.1:8080/realms/test"})
    assert result.returncode == 0, result.stderr
