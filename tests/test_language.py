"""The interface in English or Welsh (docs/adr/0025-cymraeg.md): chosen by the person, then the
browser, then what the browser asks for; `<html lang>` follows, and text that exists only in
English keeps `lang="en"` on a Welsh page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maturity import words
from tests.factories import make_user
from tests.html import contains_html, element, elements, lang_of, text_of

pytestmark = pytest.mark.django_db


def test_english_is_the_default(client):
    response = client.get("/")
    assert lang_of(response) == "en-GB"
    assert response["Content-Language"] == "en-GB"
    assert elements(response, "a", hreflang="cy", lang="cy", rel="alternate", text="Cymraeg")


def test_a_browser_that_asks_for_welsh_gets_it(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy, en-GB;q=0.8")
    page = response.content.decode()
    assert lang_of(response) == "cy" and response["Content-Language"] == "cy"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    assert "Neidio i’r prif gynnwys" in page and "Skip to main content" not in page
    assert contains_html(page, '<span aria-current="true" lang="cy">Cymraeg</span>')


def test_the_switch_is_remembered_by_the_browser_and_returns_to_the_page(client):
    response = client.get(reverse("language", args=["cy"]), {"next": "/framework/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/framework/?x=1"
    cookie = response.cookies["language"]
    assert cookie.value == "cy" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert lang_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")) == "cy"  # the choice beats the browser's
    client.get(reverse("language", args=["en-gb"]), {"next": "/"})
    assert lang_of(client.get("/")) == "en-GB"


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_the_switch_never_sends_anyone_to_another_site(client, back):
    response = client.get(reverse("language", args=["cy"]), {"next": back})
    assert response["Location"] == "/"


def test_an_unknown_language_is_english(client):
    client.get(reverse("language", args=["fr"]))
    assert lang_of(client.get("/")) == "en-GB"


def test_a_signed_in_persons_choice_follows_them_to_another_browser(client):
    person = make_user("Eleri Jones")
    client.force_login(person)
    client.get(reverse("language", args=["cy"]), {"next": "/"})
    person.refresh_from_db()
    assert person.language == "cy"
    elsewhere = Client()
    elsewhere.force_login(person)
    assert lang_of(elsewhere.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")) == "cy"


def test_framework_text_on_a_welsh_page_is_marked_as_english(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    strategy = "the National Procurement Strategy for Local Government in England"
    assert f"Testun y fframwaith o {strategy}" in text_of(page) and elements(page, "span", lang="en", text=strategy)
    english = client.get("/").content.decode()
    assert not elements(element(english, "footer"), lang="en")


def test_dates_and_times_in_welsh():
    moment = datetime.datetime(2026, 12, 6, 14, 36, tzinfo=datetime.UTC)
    with translation.override("cy"):
        assert words.date_uk(moment) == "6 Rhagfyr 2026"
        assert words.month_uk(datetime.date(2027, 3, 1)) == "Mawrth 2027"
        assert words.when_uk(moment) == "6 Rhagfyr 2026 am 2:36yh"
        assert words.time_uk(datetime.datetime(2026, 12, 6, 0, 0)) == "hanner nos"
        assert words.join_words(["Caerdydd", "Abertawe", "Casnewydd"]) == "Caerdydd, Abertawe a Casnewydd"
    assert words.when_uk(moment) == "6 December 2026 at 2:36pm"
