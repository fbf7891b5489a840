"""Personas and helpers of the API tests: tokens for the personas of tests/conftest.py, and a
client that speaks JSON with `Authorization: Bearer`."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from maturity.api import services
from maturity.api.models import ApiToken

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def fresh_rate_limits(db):
    """The rate limits count in Django's shared cache: every test starts with none used."""
    cache.clear()


def make_token(
    user,
    organisation,
    *,
    scope: str = ApiToken.Scope.READ,
    expires_on: datetime.date | None = None,
    name: str = "Dashboard",
) -> str:
    """A new token's secret (created through the one service, as the token page does)."""
    created = services.create_token(
        user=user,
        organisation=organisation,
        name=name,
        scope=scope,
        expires_on=expires_on or services.default_expiry(TODAY),
        today=TODAY,
    )
    return created.secret


class Api:
    """Django's test client, speaking JSON to /api/v1/ with a bearer token (or none)."""

    def __init__(self, token: str | None = None, client: Client | None = None):
        self.token = token
        self.client = client or Client()

    def headers(self, token: str | None) -> dict[str, str]:
        token = self.token if token is None else token
        return {"Authorization": f"Bearer {token}"} if token else {}

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        raw: str | None = None,
        **extra: Any,
    ):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"headers": {**self.headers(token), **extra.pop("headers", {})}, **extra}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, path: str, **kwargs: Any):
        return self.request("get", path, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any):
        return self.request("patch", path, body, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any):
        return self.request("post", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any):
        return self.request("delete", path, **kwargs)


def error_code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def read_token(lead, camden):
    return make_token(lead, camden, scope=ApiToken.Scope.READ)


@pytest.fixture
def write_token(contributor, camden):
    return make_token(contributor, camden, scope=ApiToken.Scope.WRITE)


def assessment_path(assessment, rest: str = "") -> str:
    return f"organisations/{assessment.organisation.slug}/assessments/{assessment.pk}/{rest}".rstrip("/")
