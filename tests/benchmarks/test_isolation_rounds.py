"""The rounds pages of an organisation answer 404 to members of other organisations, like every
organisation page (tests/test_isolation.py walks them all once it has a sample round)."""

from __future__ import annotations

import pytest

from tests.benchmarks.helpers import make_round
from tests.test_isolation import fill, walk


def round_routes():
    from django.urls import get_resolver

    return sorted(
        {
            (route, name)
            for route, name in walk(get_resolver().url_patterns)
            if "<slug:slug>" in route and name.startswith("benchmarks:")
        }
    )


@pytest.fixture
def samples(nps, camden, manchester, lead, admin):
    round_ = make_round(nps, [camden, manchester], user=admin)
    return {"slug": camden.slug, "round_id": str(round_.pk)}


def test_the_rounds_routes_of_an_organisation_are_walked():
    assert {name for _, name in round_routes()} == {
        "benchmarks:organisation-rounds",
        "benchmarks:submit",
        "benchmarks:decline",
    }


def test_a_member_of_another_organisation_gets_404_on_every_rounds_page(client, samples, outsider):
    client.force_login(outsider)
    for route, _name in round_routes():
        url = fill(route, samples)
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code == 404, f"{method} {url}"


def test_the_organisations_own_lead_reaches_every_rounds_page(client, samples, lead):
    client.force_login(lead)
    for route, name in round_routes():
        assert client.get(fill(route, samples)).status_code == 200, name


def test_anonymous_visitors_are_sent_to_sign_in_from_every_rounds_page(client, samples):
    for route, name in round_routes():
        response = client.get(fill(route, samples))
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], name
