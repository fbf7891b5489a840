"""Every operation on an organisation's data answers 404 to a token of another organisation, whatever
its scope and its user's role there, like every page of the web (tests/test_isolation.py). The
operations are walked from the OpenAPI document, so a new one is covered as soon as it exists."""

from __future__ import annotations

import datetime
import io

import pytest

from maturity.api.main import api as ninja_api
from maturity.api.models import ApiToken
from maturity.assessments.services import add_action
from maturity.documents.services import attach as attach_document
from tests.api.conftest import Api, make_token
from tests.documents import files as document_files


def organisation_operations() -> list[tuple[str, str]]:
    document = ninja_api.get_openapi_schema()
    return sorted(
        (method, path) for path, item in document["paths"].items() if "{slug}/" in path for method in item
    )  # ("/organisations/{slug}" is the public register)


@pytest.fixture
def samples(assessment, lead, camden):
    area = assessment.responses.select_related("area").first().area
    action = add_action(
        assessment=assessment,
        area=area,
        user=lead,
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    document = attach_document(
        response=assessment.responses.get(area=area),
        title="Procurement strategy",
        evidence_date=datetime.date(2026, 3, 14),
        file=io.BytesIO(document_files.pdf()),
        name="strategy.pdf",
        size=len(document_files.pdf()),
        user=lead,
    )
    return {
        "slug": camden.slug,
        "assessment_id": str(assessment.pk),
        "area_key": area.key,
        "action_id": str(action.pk),
        "document_id": str(document.pk),
    }


def fill(path: str, samples: dict[str, str]) -> str:
    for name, value in samples.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"the isolation test has no sample value for {path}: add one"
    return path


def test_there_are_organisation_operations_to_walk():
    assert len(organisation_operations()) >= 10


def test_a_token_of_another_organisation_gets_404_everywhere(samples, outsider, manchester):
    api = Api(make_token(outsider, manchester, scope=ApiToken.Scope.WRITE))
    for method, path in organisation_operations():
        # A body of the right shape, so that the answer is about the organisation, not the body
        # (a body of the wrong shape is 422 for any address, existing or not: that reveals nothing).
        body = {
            "patch": {"version": 0},
            "post": {"area_key": samples["area_key"], "title": "T", "owner_name": "O"},
        }.get(method)
        response = api.request(method, fill(path, samples), body)
        assert response.status_code == 404, f"{method.upper()} {path} gave {response.status_code}"


def test_the_organisations_own_token_reaches_every_operation(samples, lead, camden):
    api = Api(make_token(lead, camden, scope=ApiToken.Scope.WRITE))
    for method, path in organisation_operations():
        if method != "get":
            continue
        response = api.get(fill(path, samples))
        assert response.status_code == 200, f"GET {path} gave {response.status_code}"
