"""The API's error messages follow the language the client asks for (Accept-Language); its codes
and field names stay English (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

from tests.api.conftest import Api, assessment_path, error_code
from tests.html import elements


def first_area_path(assessment) -> str:
    area = assessment.responses.select_related("area").order_by("area__position").first().area
    return assessment_path(assessment, f"responses/{area.key}")


def test_a_validation_error_is_in_welsh_when_the_client_asks_for_welsh(write_token, assessment):
    response = Api(write_token).patch(
        first_area_path(assessment), {"version": 0, "current_level": 9}, HTTP_ACCEPT_LANGUAGE="cy"
    )
    assert response.status_code == 422 and error_code(response) == "validation_failed"
    error = response.json()["error"]
    assert error["message"] == "Nid yw’r ateb yn ddilys: gweler fields."
    assert "current_level" in error["fields"]  # field names stay English
    assert response["Content-Language"] == "cy"


def test_a_body_that_is_not_valid_is_refused_in_welsh(write_token, assessment):
    response = Api(write_token).patch(first_area_path(assessment), {"current_level": 2}, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "Nid yw corff y cais yn ddilys: gweler fields."


def test_a_missing_token_is_refused_in_welsh_and_in_english(camden, db):
    path = f"organisations/{camden.slug}/assessments"
    welsh = Api().get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert welsh.status_code == 401 and error_code(welsh) == "not_authenticated"
    assert welsh.json()["error"]["message"].startswith("Anfonwch docyn mynediad personol")
    english = Api().get(path)
    assert english.json()["error"]["message"].startswith("Send a personal access token")


def test_the_token_pages_in_welsh_have_no_english_left(lead, read_token):
    from django.urls import reverse

    from tests.welsh import english_in

    client = Api().client
    client.force_login(lead)
    for name in ("api-tokens:list", "api-tokens:new"):
        page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
        assert english_in(page, allow=("Dashboard",)) == [], name
    tokens = client.get(reverse("api-tokens:list"), HTTP_ACCEPT_LANGUAGE="cy")
    assert any(h1.text.endswith("Eich tocynnau API") for h1 in elements(tokens, "h1"))


def test_the_documentation_page_in_welsh_keeps_the_openapi_text_marked_as_english(db):
    from django.test import Client

    from tests.welsh import english_in

    page = Client().get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert any(h2.text.endswith("Dechrau arni") for h2 in elements(page, "h2")) and "Angen tocyn." in page
    assert english_in(page) == []
