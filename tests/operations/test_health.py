"""/healthz and /readyz: small JSON for load balancers, answered before host names, HTTPS,
sign-in, two-factor and throttling could turn a probe away."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import override_settings

from maturity.operations import health
from tests.factories import make_user


@pytest.fixture(autouse=True)
def migrations_checked_again():
    """Each test starts as a new process would: migrations not yet seen to be applied."""
    health._migrations_applied = False
    yield
    health._migrations_applied = False


PRODUCTION = {"ALLOWED_HOSTS": ["maturity.example.org"], "SECURE_SSL_REDIRECT": True}


@override_settings(**PRODUCTION)
def test_healthz_answers_a_probe_by_plain_http_to_the_instances_address(client):
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


@override_settings(**PRODUCTION)
def test_readyz_says_the_database_migrations_and_cache_are_ready(client, db):
    response = client.get("/readyz", HTTP_HOST="10.0.3.7")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "jobs": "ok"},
    }


def test_readyz_is_unavailable_while_a_migration_is_not_applied(client, db):
    with connection.cursor() as cursor:
        # The newest of an app's migrations: one whose later migrations are applied would not be planned again.
        cursor.execute("SELECT MAX(name) FROM django_migrations WHERE app = 'accounts'")
        (newest,) = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE app = 'accounts' AND name = %s", [newest])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "pending", "cache": "ok", "jobs": "ok"},
    }


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
)
def test_readyz_is_unavailable_when_the_shared_cache_does_not_answer(client, db):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "unreachable", "jobs": "ok"}
    assert "127.0.0.1" not in response.content.decode()  # where the cache is stays private


def waiting_job(minutes: float):
    from django.utils import timezone

    from maturity.jobs.models import Job

    return Job.objects.create(
        kind="maturity.mail.deliver",
        title="Send an email",
        run_after=timezone.now() - datetime.timedelta(minutes=minutes),
    )


def test_readyz_is_unavailable_when_a_job_has_waited_too_long_to_start(client, db):
    waiting_job(minutes=3)  # a worker will take it soon
    assert client.get("/readyz").json()["checks"]["jobs"] == "ok"
    waiting_job(minutes=16)  # no worker is taking jobs
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "jobs": "late"},
    }


def test_how_long_a_job_may_wait_is_a_setting_and_zero_leaves_jobs_out(client, db, settings):
    waiting_job(minutes=16)
    settings.READY_MAX_JOB_WAIT_SECONDS = 20 * 60
    assert client.get("/readyz").status_code == 200
    settings.READY_MAX_JOB_WAIT_SECONDS = 0
    assert client.get("/readyz").status_code == 200


def test_probes_are_answered_for_a_signed_in_national_admin_without_two_factor(client, db):
    """A session that must set up two-factor authentication is sent there from every page, but
    not from a probe."""
    admin = make_user("Nadia National")
    admin.is_national_admin = True
    admin.save()
    client.force_login(admin)
    assert client.get("/").status_code == 302
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_probes_are_never_throttled(client, db):
    """Far more than the API's limit for a client without a token (120 a minute)."""
    statuses = {client.get("/readyz").status_code for _ in range(130)}
    assert statuses == {200}


def test_probes_answer_only_get_and_head(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 404


def test_readyz_says_only_what_is_ready(client, db):
    body = json.loads(client.get("/readyz").content)
    assert set(body) == {"status", "checks"}
    assert all(value in {"ok", "pending", "unreachable", "unknown", "late"} for value in body["checks"].values())
