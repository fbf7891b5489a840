"""Exemplar offers through the API follow the privacy rules of exemplars.selectors: a token sees
the offers its organisation's members see on the "find help" page, and nothing more."""

from __future__ import annotations

import pytest

from maturity.exemplars import selectors
from maturity.exemplars import services as exemplar_services
from maturity.organisations.models import Role
from tests.api.conftest import Api, make_token
from tests.exemplars.helpers import assess, offer
from tests.factories import make_member, make_organisation


@pytest.fixture
def area(nps):
    return nps.areas.order_by("position").first()


@pytest.fixture
def participating(nps, camden, lead):
    """Camden with a signed-off assessment: it may be shown exemplars."""
    assess(camden, nps, lead)
    return camden


def exemplar(name, nps, area, **offer_values):
    organisation = make_organisation(name)
    lead = make_member(organisation, Role.LEAD)
    assess(organisation, nps, lead, {area.key: (5, 5)})
    return organisation, lead, offer(organisation, area.key, lead, **offer_values)


def offered(token, **query) -> list[str]:
    path = f"organisations/{token[1].slug}/exemplar-offers"
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return [item["organisation"]["name"] for item in Api(token[0]).get(path).json()["items"]]


@pytest.fixture
def camden_token(participating, viewer):
    return make_token(viewer, participating), participating


def test_a_token_sees_offers_open_to_participating_organisations(camden_token, nps, area):
    exemplar("Islington", nps, area)
    assert offered(camden_token) == ["Islington"]


def test_it_gives_what_the_page_shows_and_no_contact_details(camden_token, nps, area):
    exemplar("Islington", nps, area, contact_email="ivy@islington.example", contact_name="Ivy Contact")
    item = Api(camden_token[0]).get(f"organisations/{camden_token[1].slug}/exemplar-offers").json()["items"][0]
    assert item["area"]["key"] == area.key and item["level"] == {"number": 5, "name": nps.level_names[5]}
    assert item["shares"] == ["case-study", "call"] and item["asked"] is False and item["reason"]
    assert "ivy@islington.example" not in str(item) and "Ivy Contact" not in str(item)


def test_a_national_only_offer_is_never_shown(camden_token, nps, area):
    exemplar("Islington", nps, area, visibility="national")
    assert offered(camden_token) == []


def test_a_withdrawn_offer_is_not_shown(camden_token, nps, area):
    _, lead, made = exemplar("Islington", nps, area)
    exemplar_services.withdraw_offer(offer=made, user=lead)
    assert offered(camden_token) == []


def test_an_offer_is_not_shown_once_its_organisation_drops_below_the_exemplar_level(camden_token, nps, area):
    organisation, lead, _ = exemplar("Islington", nps, area)
    assess(organisation, nps, lead, {area.key: (3, 5)})  # a newer signed-off assessment
    assert offered(camden_token) == []


def test_an_organisation_never_sees_its_own_offer(camden_token, nps, area, lead):
    assess(camden_token[1], nps, lead, {area.key: (5, 5)})
    offer(camden_token[1], area.key, lead)
    assert offered(camden_token) == []


def test_an_organisation_that_does_not_participate_sees_no_offers(nps, area, camden, viewer):
    exemplar("Islington", nps, area)
    assert not selectors.is_participating(camden)
    assert offered((make_token(viewer, camden), camden)) == []


def test_offers_are_filtered_by_area(camden_token, nps, area):
    exemplar("Islington", nps, area)
    other = nps.areas.order_by("position")[1]
    assert offered(camden_token, area=area.key) == ["Islington"]
    assert offered(camden_token, area=other.key) == []


def test_another_organisations_offers_page_is_not_found(camden_token, manchester):
    response = Api(camden_token[0]).get(f"organisations/{manchester.slug}/exemplar-offers")
    assert response.status_code == 404
