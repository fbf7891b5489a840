"""A published version's pages are rendered once and kept (maturity/pagecache.py): in this
process and in the cache every app server shares, until the version is retired or another
version it links to is published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity import pagecache
from maturity.frameworks import presenters, services
from tests.factories import make_user


@pytest.fixture(autouse=True)
def nothing_kept_in_this_process():
    pagecache.forget_in_process()
    yield
    pagecache.forget_in_process()


@pytest.fixture
def not_rendered_again(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the page was rendered again")

    def forbid():
        monkeypatch.setattr(presenters, "area_page", refuse)
        monkeypatch.setattr(presenters, "overview", refuse)

    return forbid


def area_url(framework, key="engaging-councillors"):
    return reverse("frameworks:area", kwargs={"key": framework.key, "version": framework.version, "area_key": key})


def detail_url(framework):
    return reverse("frameworks:detail", kwargs={"key": framework.key, "version": framework.version})


def test_a_repeat_view_is_served_from_this_process_and_from_another_app_servers_cache(client, nps, not_rendered_again):
    first = {url: client.get(url).content for url in (area_url(nps), detail_url(nps))}
    not_rendered_again()
    assert {url: client.get(url).content for url in first} == first
    pagecache.forget_in_process()  # another app server: only the shared cache
    assert {url: client.get(url).content for url in first} == first


def test_a_signed_in_reader_gets_their_own_header_around_the_kept_content(client, nps, not_rendered_again, db):
    visitor = client.get(area_url(nps)).content.decode()
    not_rendered_again()
    client.force_login(make_user("Rita Reader"))
    page = client.get(area_url(nps))
    assert "Signed in as Rita Reader" in page.content.decode() and "Signed in as" not in visitor
    assert page["Cache-Control"] == "no-store"  # a page with a person's name is never kept by shared caches


def test_visitors_pages_may_be_kept_by_shared_caches(client, nps):
    response = client.get(area_url(nps))
    assert response["Cache-Control"] == "public, max-age=300" and "Cookie" in response["Vary"]


def test_retiring_a_version_shows_on_its_pages_at_once(client, nps_2019, nps):
    assert "has been retired" in client.get(area_url(nps)).content.decode()  # 2019 retired 2018
    assert "has been retired" not in client.get(area_url(nps_2019)).content.decode()
    services.retire(nps_2019)
    assert "has been retired" in client.get(area_url(nps_2019)).content.decode()


def test_publishing_a_version_lists_it_on_the_kept_overview_of_the_one_before(client, draft_2019, nps):
    assert "version 2019" not in client.get(detail_url(nps)).content.decode()
    services.publish(draft_2019)
    assert "(version 2019)" in client.get(detail_url(nps)).content.decode()


def test_a_new_release_renders_the_pages_again(client, nps, monkeypatch):
    client.get(area_url(nps))
    rendered = []
    original = presenters.area_page
    monkeypatch.setattr(presenters, "area_page", lambda *a: rendered.append(1) or original(*a))
    pagecache.forget_in_process()
    monkeypatch.setattr(pagecache, "release", lambda: "another-release")
    assert client.get(area_url(nps)).status_code == 200
    assert rendered == [1]


def test_an_unknown_area_is_not_found_and_nothing_is_kept(client, nps):
    assert client.get(area_url(nps, "no-such-area")).status_code == 404
    assert client.get(area_url(nps, "no-such-area")).status_code == 404
