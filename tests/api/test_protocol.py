"""What every operation shares: paging, the error shape and statuses, rate limits, no CSRF (the
API reads only the bearer token), and the OpenAPI document."""

from __future__ import annotations

import pytest
from django.test import Client

from maturity.api import throttling
from maturity.api.main import api as ninja_api
from tests.api.conftest import Api, assessment_path, error_code
from tests.factories import make_organisation
from tests.html import elements

# --- Paging --------------------------------------------------------------------------------------


@pytest.fixture
def thirty(db):
    return [make_organisation(f"Council {n:02d}") for n in range(30)]


def test_lists_are_paged_with_a_count_and_links(api, thirty):
    first = api.get("organisations?page_size=20").json()
    assert first["count"] == 30 and len(first["items"]) == 20 and first["previous"] is None
    assert first["next"].endswith("/api/v1/organisations?page_size=20&page=2")
    second = Client().get(first["next"]).json()
    assert [o["name"] for o in second["items"]] == [f"Council {n:02d}" for n in range(20, 30)]
    assert second["next"] is None and second["previous"].endswith("page=1")


def test_paging_keeps_the_other_query_parameters(api, thirty):
    body = api.get("organisations?region=London&page_size=10").json()
    assert "region=London" in body["next"] and "page=2" in body["next"]


def test_the_default_page_size_is_20(api, thirty):
    assert len(api.get("organisations").json()["items"]) == 20


def test_a_page_holds_at_most_100(api, thirty):
    assert api.get("organisations?page_size=100").status_code == 200
    response = api.get("organisations?page_size=101")
    assert response.status_code == 400 and error_code(response) == "bad_request"
    assert "page_size" in response.json()["error"]["fields"]
    for query in ("page=0", "page=two", "page_size=0"):
        assert api.get(f"organisations?{query}").status_code == 400, query


def test_a_page_past_the_last_is_empty(api, thirty):
    body = api.get("organisations?page=9").json()
    assert body["items"] == [] and body["count"] == 30 and body["next"] is None
    assert body["previous"].endswith("page=2")


def test_every_list_is_paged(assessment, read_token):
    """Every operation that answers a list answers a page (the OpenAPI document says so)."""
    document = ninja_api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            ok = operation["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
            name = ok.get("$ref", "").rsplit("/", 1)[-1]
            properties = schemas.get(name, {}).get("properties", {})
            if any(p.get("type") == "array" for p in properties.values()) and name not in {"FrameworkDocument"}:
                assert set(properties) == {"items", "count", "next", "previous"}, f"{method} {path}"
                names = {p["name"] for p in operation.get("parameters", [])}
                assert {"page", "page_size"} <= names, f"{method} {path}"


# --- Errors ----------------------------------------------------------------------------------------


def test_an_unknown_address_gets_a_json_404(api):
    for path in ("/api/v1/nothing-here", "/api/v2/frameworks", "/api/v1/frameworks/"):
        response = api.get(path)
        assert response.status_code == 404 and error_code(response) == "not_found", path
        assert response["Content-Type"].startswith("application/json")


def test_a_wrong_method_gets_a_json_405_with_allow(api, nps):
    response = api.delete("frameworks")
    assert response.status_code == 405 and error_code(response) == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_a_bad_path_parameter_is_not_found(api, read_token, assessment):
    huge = "9" * 30
    assert Api(read_token).get(assessment_path(assessment).replace(str(assessment.pk), huge)).status_code == 404
    assert api.get(f"rounds/{huge}").status_code == 404
    assert api.get("organisations/%00").status_code == 404


def test_too_many_requests_get_429(api, nps, monkeypatch):
    monkeypatch.setattr(throttling.ANONYMOUS, "num_requests", 2)
    assert api.get("frameworks").status_code == 200
    assert api.get("frameworks").status_code == 200
    response = api.get("frameworks")
    assert response.status_code == 429 and error_code(response) == "too_many_requests"
    assert int(response["Retry-After"]) >= 1


def test_each_token_has_its_own_limit(nps, lead, camden, contributor, monkeypatch):
    from tests.api.conftest import make_token

    monkeypatch.setattr(throttling.TOKEN, "num_requests", 1)
    first, second = Api(make_token(lead, camden)), Api(make_token(contributor, camden))
    assert first.get("token").status_code == 200
    assert first.get("token").status_code == 429
    assert second.get("token").status_code == 200


def test_writes_need_no_csrf_token(write_token, assessment):
    """The API authenticates by bearer token only, so a cross-site form cannot use it: no CSRF."""
    client = Client(enforce_csrf_checks=True)
    area = assessment.responses.first().area
    response = Api(write_token, client=client).patch(
        assessment_path(assessment, f"responses/{area.key}"), {"version": 0, "current_level": 1}
    )
    assert response.status_code == 200


def test_a_signed_in_browser_cannot_write_without_a_token(client, contributor, assessment):
    client.force_login(contributor)
    area = assessment.responses.first().area
    response = Api(client=client).patch(assessment_path(assessment, f"responses/{area.key}"), {"version": 0})
    assert response.status_code == 401
    assert assessment.responses.get(area=area).version == 0


def test_answers_to_a_token_are_not_cached(read_token, assessment, api, nps):
    response = Api(read_token).get(assessment_path(assessment))
    assert response["Cache-Control"] == "no-store" and "Authorization" in response["Vary"]


# --- The OpenAPI document and the documentation page ---------------------------------------------------


def test_the_openapi_document_describes_every_operation(api):
    document = api.get("openapi.json").json()
    assert document["openapi"].startswith("3.") and document["info"]["version"] == "1"
    paths = set(document["paths"])
    assert {
        "/api/v1/frameworks",
        "/api/v1/organisations/{slug}/assessments/{assessment_id}/responses/{area_key}",
        "/api/v1/rounds/{round_id}/benchmarks",
        "/api/v1/organisations/{slug}/exemplar-offers",
    } <= paths
    assert document["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}


def test_the_documentation_page_is_generated_from_the_openapi_document(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    document = ninja_api.get_openapi_schema()
    for path, item in document["paths"].items():
        assert path in html, path
        for operation in item.values():
            assert elements(html, id=operation["operationId"])
    for name in document["components"]["schemas"]:
        assert elements(html, id=f"schema-{name}")
    assert all(
        (s.attrs, s.text) == ({"type": "module", "src": "/static/app/init.js"}, "")  # no inline script
        for s in elements(html, "script")
    )
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_the_api_root_points_to_the_document_and_the_page(api):
    body = api.get("/api/v1/").json()
    assert body["openapi"].endswith("/api/v1/openapi.json") and body["docs"].endswith("/api/v1/docs/")


def test_text_the_database_cannot_hold_is_refused_not_a_server_error(api, write_token, assessment, camden):
    """A NUL character (PostgreSQL cannot store it) or a lone surrogate, in a query or a body."""
    for query in ("q=%00", "region=a%00b", "q=%ED%A0%80"):
        assert api.get(f"organisations?{query}").status_code in (200, 400), query
    assert api.get("organisations?q=%00").status_code == 400
    area = assessment.responses.first().area
    writer = Api(write_token)
    for raw in (
        '{"version": 0, "evidence": "a\\u0000b"}',
        '{"version": 0, "evidence": "\\ud800"}',
        '{"area_key": "\\u0000", "title": "t", "owner_name": "o"}',
    ):
        path = assessment_path(assessment, "actions" if "area_key" in raw else f"responses/{area.key}")
        method = writer.post if "area_key" in raw else writer.patch
        response = method(path, raw=raw)
        assert response.status_code == 422, (raw, response.content)
