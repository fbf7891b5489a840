"""Settings come from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from maturity import env


def run_check(**overrides):
    """`maturity check` in a folder of its own, so that a `make run` of this checkout (whose settings
    file the command line reads when SECRET_KEY is not set) cannot change what it says."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "MATURITY_TESTING", "DJANGO_SETTINGS_MODULE"}
    }
    with tempfile.TemporaryDirectory() as home:
        environment.update({"DJANGO_SETTINGS_MODULE": "maturity.settings", "MATURITY_HOME": home, **overrides})
        return subprocess.run(
            [sys.executable, "-m", "maturity", "check"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


GOOD_SECRET = "x" * 60


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_check(ALLOWED_HOSTS="maturity.example.org")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0 and "ALLOWED_HOSTS must list" in result.stderr


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("DEBUG", "maybe", "DEBUG must be one of true/false"),
        ("DATABASE_URL", "mysql://db/x", "must point at SQLite or PostgreSQL"),
        ("DATABASE_URL", "nonsense://", "is not a database URL"),
        ("EMAIL_URL", "carrier-pigeon://loft", "EMAIL_URL must start with smtp://"),
        ("SESSION_COOKIE_AGE", "ten", "SESSION_COOKIE_AGE must be a whole number"),
        ("SECRET_KEY", "short", "SECRET_KEY must be a private random value"),
        ("REDIS_URL", "memcached://cache:11211", "REDIS_URL must start with redis://"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be json or text"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be DEBUG, INFO"),
        ("ACCESSIBILITY_LAST_TESTED", "last week", "ACCESSIBILITY_LAST_TESTED must be a date as YYYY-MM-DD"),
    ],
)
def test_a_malformed_setting_stops_the_process_naming_the_variable(name, value, message):
    result = run_check(**{"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "maturity.example.org", name: value})
    assert result.returncode != 0
    assert message in result.stderr


def deployment_check(**variables):
    return subprocess.run(
        [sys.executable, "-m", "maturity", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "MATURITY_TESTING"}},
            "DJANGO_SETTINGS_MODULE": "maturity.settings",
            "SECRET_KEY": GOOD_SECRET + "Zq9!",
            "ALLOWED_HOSTS": "maturity.example.org",
            **variables,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_good_production_settings_pass_the_deployment_checks():
    result = deployment_check(SERVICE_OPERATOR="Example Council", SERVICE_CONTACT_EMAIL="procurement@example.org")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_deployment_that_does_not_name_its_operator_is_warned():
    result = deployment_check()
    assert result.returncode != 0
    assert (
        "maturity.W001" in result.stderr and "SERVICE_OPERATOR and SERVICE_CONTACT_EMAIL are not set" in result.stderr
    )


def test_booleans_accept_the_usual_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env.env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env.env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env.env_bool("FLAG", True) is True


def test_lists_split_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env.env_list("HOSTS", []) == ["a.example", "b.example"]
