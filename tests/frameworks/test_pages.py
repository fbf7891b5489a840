"""The public framework pages: no sign-in, every area and descriptor as the strategy gives them."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from maturity.frameworks.models import Framework
from maturity.text import plain
from tests.html import elements

pytestmark = pytest.mark.django_db


def test_the_overview_redirects_to_the_only_published_framework(client, nps):
    response = client.get(reverse("frameworks:overview"))
    assert response.status_code == 302
    assert response["Location"] == reverse("frameworks:detail", kwargs={"key": "nps", "version": "2018"})


def test_the_overview_lists_every_theme_key_area_and_enabler_without_sign_in(client, nps):
    page = client.get(reverse("frameworks:detail", kwargs={"key": "nps", "version": "2018"})).content.decode()
    for section in nps.sections.all():
        assert section.title in page
    for area in nps.areas.all():
        assert elements(page, "a", href=f"/framework/nps/2018/{area.key}/")


def test_an_area_page_shows_its_help_and_five_descriptors_in_level_order(client, nps):
    area = nps.areas.get(key="engaging-councillors")
    page = client.get(
        reverse("frameworks:area", kwargs={"key": "nps", "version": "2018", "area_key": area.key})
    ).content.decode()
    assert "What it is" in page and "Why it is important" in page
    positions = []
    for level in area.descriptors:
        text = plain(level["descriptor"]).split("\n")[0].replace("’", "&#8217;")
        first_words = " ".join(text.split()[:4])
        assert first_words in page.replace("’", "&#8217;"), first_words
        positions.append(page.replace("’", "&#8217;").index(first_words))
    assert positions == sorted(positions)


def test_an_unknown_or_draft_framework_is_not_found(client, nps):
    assert client.get("/framework/nps/1999/").status_code == 404
    Framework.objects.filter(pk=nps.pk).update(status=Framework.Status.DRAFT)
    assert client.get("/framework/nps/2018/").status_code == 404


def test_the_framework_downloads_as_json(client, nps):
    response = client.get(reverse("frameworks:export", kwargs={"key": "nps", "version": "2018", "fmt": "json"}))
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["sections"][0]["areas"][0]["levels"][0]["number"] == 1


def test_pages_send_the_security_headers(client, nps):
    response = client.get(reverse("frameworks:detail", kwargs={"key": "nps", "version": "2018"}))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
