"""The exemplar pages in Welsh leave no English but the framework's text (marked lang="en") and
what people typed (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

import pytest

from tests.exemplars.helpers import ask, offer, url
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}
TYPED = ("Our social value policy.", "We would like to learn from your approach.", "Pat Contact of ")


def welsh_page(client, path) -> str:
    response = client.get(path, **WELSH)
    assert response.status_code == 200, path
    page = response.content.decode()
    assert english_in(page, allow=TYPED) == [], path
    return page


def test_the_pages_of_an_organisation_asking_for_help_are_in_welsh(client, participating_camden, lead, islington, area):
    exemplar_offer = offer(islington[0], area.key, islington[1])
    request = ask(participating_camden, exemplar_offer, lead)
    client.force_login(lead)
    page = welsh_page(client, url("help", participating_camden))
    assert "Dod o hyd i sefydliad enghreifftiol" in page
    welsh_page(client, url("wanted", participating_camden))
    welsh_page(client, url("ask", participating_camden, area_key=area.key) + f"?offer={exemplar_offer.pk}")
    page = welsh_page(client, url("request", participating_camden, request_id=request.pk))
    assert "Yn aros am ateb" in page
    welsh_page(client, url("withdraw-request", participating_camden, request_id=request.pk))
    welsh_page(client, url("offers", participating_camden))


def test_the_pages_of_an_exemplar_are_in_welsh(client, participating_camden, lead, islington, area):
    organisation, lead_ = islington
    exemplar_offer = offer(organisation, area.key, lead_)
    request = ask(participating_camden, exemplar_offer, lead)
    client.force_login(lead_)
    page = welsh_page(client, url("offers", organisation))
    assert "Helpu cynghorau eraill" in page and "Yn aros am eich ateb" in page
    welsh_page(client, url("offer", organisation, area_key=area.key))
    welsh_page(client, url("withdraw-offer", organisation, area_key=area.key))
    page = welsh_page(client, url("request", organisation, request_id=request.pk))
    assert "Ateb y cais" in page


def test_an_organisation_without_an_assessment_is_told_in_welsh(client, camden, lead, nps, other_area):
    client.force_login(lead)
    welsh_page(client, url("help", camden))
    welsh_page(client, url("offer", camden, area_key=other_area.key))  # not eligible


def test_the_national_team_pages_are_in_welsh(client, national_admin, participating_camden, lead, islington, area):
    offer(islington[0], area.key, islington[1])
    client.force_login(national_admin)
    page = welsh_page(client, url("national"))
    assert "Sefydliadau enghreifftiol a chyflwyniadau" in page
    welsh_page(client, url("national-offers"))
    welsh_page(client, url("national-offers") + f"?area={area.key}")
