"""The privacy notice, the cookies page and the accessibility statement (issue 15): they name who
runs the service from its settings, the footer links to all three, and no page sets a cookie that
the cookies page does not list. The beta banner names the framework version the service follows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity import legal
from maturity.frameworks import loader
from maturity.frameworks import services as framework_services
from tests.assessments.helpers import url
from tests.factories import PASSWORD
from tests.frameworks import versions
from tests.html import element, elements, text_of


@pytest.fixture
def operator(settings):
    settings.SERVICE_OPERATOR = "Example Council"
    settings.SERVICE_CONTACT_EMAIL = "procurement@example.org"
    settings.SERVICE_CONTACT_ADDRESS = "Town Hall\nHigh Street"
    settings.SERVICE_DPO_EMAIL = "dpo@example.org"


def test_the_footer_links_to_the_three_pages(client, db):
    page = client.get(reverse("home")).content.decode()
    footer = element(page, "footer")
    for name, words in (
        ("accessibility", "Accessibility statement"),
        ("privacy", "Privacy notice"),
        ("cookies", "Cookies"),
    ):
        assert elements(footer, "a", href=reverse(name), text=words)


def test_the_privacy_notice_names_the_operator_and_says_what_why_how_long_and_whom_to_ask(client, db, operator):
    page = text_of(client.get(reverse("privacy")))
    assert "run by Example Council. Example Council is the data controller" in page
    for words in (
        "What personal data we hold",
        "lawful basis",
        "article 6(1)(e)",
        "How long we keep it",
        "after 30 minutes without using the service",
        "dpo@example.org",
        "Information Commissioner's Office",
        "0303 123 1113",
        "Town Hall",
    ):
        assert words in page


def test_without_an_operator_the_pages_still_read_as_sentences(client, db, settings):
    settings.SERVICE_OPERATOR = settings.SERVICE_CONTACT_EMAIL = settings.SERVICE_DPO_EMAIL = ""
    page = text_of(client.get(reverse("privacy")))
    assert (
        "run by the organisation that runs this service. The organisation that runs this service is the data controller"
        in page
    )
    assert "mailto:" not in client.get(reverse("accessibility")).content.decode()


def test_the_accessibility_statement_has_every_part_the_regulations_expect(client, db, operator, settings):
    import datetime

    settings.ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 12, 6)
    settings.ACCESSIBILITY_LAST_TESTED = datetime.date(2027, 1, 15)
    page = text_of(client.get(reverse("accessibility")))
    for words in (
        "The service is run by Example Council",
        "Compliance status",
        "partially compliant",
        "version 2.2 AA standard",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "Reporting accessibility problems",
        "procurement@example.org",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
        "How we tested this service",
        "last tested on 15 January 2027",
        "prepared on 6 December 2026",
    ):
        assert words in page, words


def test_every_cookie_a_person_gets_is_listed_on_the_cookies_page(client, assessment, lead):
    client.post(reverse("accounts:sign-in"), {"email": lead.email, "password": PASSWORD})
    area = assessment.responses.select_related("area").first().area
    client.get(url("area", assessment, area_key=area.key))
    client.post(url("area", assessment, area_key=area.key), {"version": "0", "current_level": "2"})  # leaves a message
    set_cookies = set(client.cookies.keys())
    assert {"sessionid", "csrftoken", "messages"} & set_cookies >= {"sessionid", "csrftoken"}
    listed = {cookie.name for cookie in legal.cookies()}
    assert set_cookies <= listed, f"not on the cookies page: {set_cookies - listed}"
    page = text_of(client.get(reverse("cookies")))
    for cookie in legal.cookies():
        assert cookie.name in page and cookie.purpose in page
    assert "strictly necessary" in page


def test_the_beta_banner_names_the_version_followed_and_asks_for_feedback(client, nps, settings):
    settings.FEEDBACK_URL = "https://forms.example.org/feedback"
    page = client.get(reverse("home")).content.decode()
    banner = element(page, class_="govuk-phase-banner").text
    assert f"It follows {nps.title} (version 2018)." in banner
    assert elements(
        element(page, class_="govuk-phase-banner"),
        "a",
        href="https://forms.example.org/feedback",
        text="Give your feedback",
    )

    framework_services.publish(loader.load(versions.nps_2019(), status="draft").framework, retire_followed=True)
    banner = client.get(reverse("home")).content.decode()
    assert "(version 2019)" in banner and "(version 2018)" not in banner


def test_without_a_feedback_address_the_banner_emails_the_contact(client, db, operator, settings):
    settings.FEEDBACK_URL = ""
    links = elements(client.get(reverse("home")), "a", href=True)
    assert any(a.get("href").startswith("mailto:procurement@example.org?subject=") for a in links)
