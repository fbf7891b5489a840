"""The home page, the national team's home and the legal pages in Welsh (docs/adr/0025-cymraeg.md):
no English left on them but the framework's own text, marked lang="en"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.benchmarks.helpers import make_round
from tests.factories import make_national_admin
from tests.html import lang_of
from tests.welsh import english_in

pytestmark = pytest.mark.django_db


def welsh(client, path: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200, path
    page = response.content.decode()
    assert lang_of(page) == "cy"
    return page


def test_the_home_page_is_in_welsh(client, lead):
    page = welsh(client, "/")
    assert english_in(page) == []
    assert "Darllen y fframwaith" in page
    client.force_login(lead)
    assert english_in(welsh(client, "/")) == []


@pytest.mark.parametrize("name", ["privacy", "cookies", "accessibility"])
def test_the_legal_pages_are_in_welsh(client, name):
    page = welsh(client, reverse(name))
    assert english_in(page) == []


def test_the_legal_pages_name_the_operator_in_welsh_when_none_is_set(client, settings):
    settings.SERVICE_OPERATOR = ""
    settings.SERVICE_CONTACT_EMAIL = ""
    settings.SERVICE_DPO_EMAIL = ""
    page = welsh(client, reverse("privacy"))
    assert "y sefydliad sy’n rhedeg y gwasanaeth hwn" in page
    assert english_in(page) == []


def test_the_national_home_is_in_welsh(client, nps, camden):
    make_round(nps, [camden], name="Rownd 2027")
    admin = make_national_admin("Nia Genedlaethol")
    client.force_login(admin)
    page = welsh(client, "/national/")
    assert english_in(page) == []
    assert "Cylchoedd diagnostig" in page and "Offer" in page
