"""The OpenAPI document says exactly what the server accepts (issue 12, section 5), for the cases
the attack found: NUL characters, empty titles, an unbounded target year, and 1387.0 for an
integer. (test_schemathesis.py checks every operation against the whole document.)"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from maturity.api.models import ApiToken
from maturity.assessments.services import add_action
from tests.api.conftest import Api, assessment_path, make_token


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()["components"]["schemas"]


@pytest.fixture
def writer(contributor, camden):
    return Api(make_token(contributor, camden, scope=ApiToken.Scope.WRITE))


def fits(schema: dict, value: str) -> bool:
    return len(value) <= schema.get("maxLength", len(value)) and bool(re.fullmatch(schema["pattern"], value))


def area_path(assessment) -> str:
    key = assessment.responses.select_related("area").order_by("area__position").first().area.key
    return assessment_path(assessment, f"responses/{key}")


def test_a_whole_number_written_with_a_point_is_an_integer_as_json_schema_says(writer, assessment):
    saved = writer.patch(area_path(assessment), {"version": 0.0, "current_level": 2.0, "target_level": 3.0})
    assert saved.status_code == 200 and (saved.json()["current_level"], saved.json()["version"]) == (2, 1)
    refused = writer.patch(area_path(assessment), {"version": 1, "current_level": 2.5})
    assert refused.status_code == 422


def test_the_target_year_is_bounded_in_the_document_as_on_the_server(document, writer, assessment):
    this_year = timezone.localdate().year
    year = next(
        option
        for option in document["ResponsePatch"]["properties"]["target_year"]["anyOf"]
        if option.get("type") == "integer"
    )
    assert (year["minimum"], year["maximum"]) == (this_year, this_year + 10)
    assert writer.patch(area_path(assessment), {"version": 0, "target_year": this_year + 11}).status_code == 422
    assert writer.patch(area_path(assessment), {"version": 0, "target_year": this_year + 10}).status_code == 200


@pytest.mark.parametrize("title", ["", "   ", "\t\n", "Brief\x00cabinet"])
def test_an_empty_title_or_a_nul_character_is_refused_by_the_document_and_the_server(
    document, writer, assessment, lead, title
):
    assert not fits(document["ActionIn"]["properties"]["title"], title)
    area = assessment.responses.select_related("area").first().area
    created = writer.post(
        assessment_path(assessment, "actions"), {"area_key": area.key, "title": title, "owner_name": "Ann Owner"}
    )
    assert created.status_code == 422
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
    changed = writer.patch(assessment_path(assessment, f"actions/{action.pk}"), {"version": 0, "title": title})
    assert changed.status_code == 422


def test_text_the_document_allows_is_accepted(document, writer, assessment):
    area = assessment.responses.select_related("area").first().area
    for title in (" Brief the cabinet ", "x" * 200, "Café – “quoted” 🙂"):
        assert fits(document["ActionIn"]["properties"]["title"], title)
        created = writer.post(
            assessment_path(assessment, "actions"), {"area_key": area.key, "title": title, "owner_name": "Ann Owner"}
        )
        assert created.status_code == 201, created.json()
    assert not fits(document["ActionIn"]["properties"]["title"], "x" * 201)
