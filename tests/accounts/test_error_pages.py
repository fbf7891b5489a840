"""Error pages render through our Jinja templates, in the GOV.UK style."""

from __future__ import annotations

import pytest
from django.template import loader
from django.test import Client

from tests.html import contains_html, element, elements, title_of

pytestmark = pytest.mark.urls("tests.accounts.error_urls")


def test_an_unknown_address_gets_our_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert contains_html(html, '<h1 class="govuk-heading-l">Page not found</h1>')
    assert title_of(html).startswith("Page not found – ")
    assert "govuk-frontend.min.css" in html


def test_the_404_page_works_for_a_signed_in_user(client, lead):
    client.force_login(lead)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Signed in as" in response.content.decode()


def test_a_403_shows_the_reason_given(client, lead):
    client.force_login(lead)
    response = client.get("/test-errors/403/")
    assert response.status_code == 403
    html = response.content.decode()
    assert element(html, "h1").text == "You cannot do this"
    assert "You need to be a lead of Camden to do this." in html


def test_a_403_without_a_reason_has_a_general_message():
    html = loader.render_to_string("403.html", {"exception": ""}, request=_request())
    assert "You do not have permission to see this page" in html


def test_a_400_gets_our_page(db):
    response = Client(raise_request_exception=False).get("/test-errors/400/")
    assert response.status_code == 400
    assert element(response, "h1").text == "There is a problem with your request"


def test_an_unexpected_error_gets_our_500_page(db):
    response = Client(raise_request_exception=False).get("/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert element(html, "h1").text == "Sorry, there is a problem with the service"
    assert "deliberate failure" not in html


def test_the_500_page_needs_no_request_user_or_database():
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-frontend.min.css" in html


def test_the_400_page_needs_no_request_user_or_database():
    assert "There is a problem with your request" in loader.get_template("400.html").render()


def test_error_pages_have_no_inline_script_or_style(db):
    for html in (
        loader.get_template("500.html").render(),
        loader.get_template("400.html").render(),
        Client().get("/no/such/page/").content.decode(),
    ):
        assert not elements(html, style=True) and not elements(html, "style")
        assert all(script.get("src") for script in elements(html, "script"))  # no inline script


def _request():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request
