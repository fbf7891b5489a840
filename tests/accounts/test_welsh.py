"""The account pages in Welsh, and the profile's language setting (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.html import element, elements, lang_of
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
LANGUAGE = reverse("accounts:change-language")


def test_the_sign_in_page_in_welsh_has_no_english_left(client):
    page = client.get(reverse("accounts:sign-in"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert lang_of(page) == "cy"
    assert element(page, "h1").text == "Mewngofnodi" and "Wedi anghofio eich cyfrinair?" in page
    assert elements(page, attrs={"data-i18n.show-password": "Dangos"})  # the password input's own button
    assert english_in(page) == []


def test_a_refused_sign_in_is_explained_in_welsh(client):
    page = client.post(
        reverse("accounts:sign-in"), {"email": "nobody@example.com", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="cy"
    ).content.decode()
    assert "Rhowch gyfeiriad e-bost a chyfrinair cywir" in page


def test_the_profile_in_welsh_has_no_english_left(client, lead):
    client.force_login(lead)
    page = client.get(PROFILE, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert element(page, "h1").text == "Eich cyfrif" and "Iaith" in page
    assert english_in(page, allow=(lead.full_name, lead.email)) == []


def test_the_profile_offers_english_cymraeg_or_the_browsers_choice(client, lead):
    client.force_login(lead)
    page = client.get(PROFILE).content.decode()
    assert elements(page, "legend", text="Language")
    for value in ("en-gb", "cy", "browser"):
        assert elements(page, "input", type="radio", name="language", value=value)
    # no choice yet: the browser's
    assert element(page, "input", name="language", checked=True).get("value") == "browser"
    assert elements(page, "label", lang="cy", text="Cymraeg")
    assert elements(page, "label", text="Follow this browser’s choice")


def test_saving_welsh_shows_the_next_page_in_welsh_with_a_welsh_message(client, lead):
    client.force_login(lead)
    response = client.post(LANGUAGE, {"language": "cy"}, HTTP_ACCEPT_LANGUAGE="en-GB")
    assert response.status_code == 302 and response["Location"] == PROFILE
    lead.refresh_from_db()
    assert lead.language == "cy"
    page = client.get(PROFILE, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert lang_of(page) == "cy"
    assert "Mae eich iaith wedi’i chadw" in page
    assert element(page, "input", name="language", checked=True).get("value") == "cy"


def test_saving_english_and_then_the_browsers_choice(client):
    person = make_user("Eleri Jones")
    person.language = "cy"
    person.save()
    client.force_login(person)
    client.post(LANGUAGE, {"language": "en-gb"})
    person.refresh_from_db()
    assert person.language == "en-gb"
    page = client.get(PROFILE, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert lang_of(page) == "en-GB" and "Your language has been saved" in page
    client.post(LANGUAGE, {"language": "browser"})
    person.refresh_from_db()
    assert person.language == ""
    assert lang_of(client.get(PROFILE, HTTP_ACCEPT_LANGUAGE="cy").content.decode()) == "cy"


@pytest.mark.parametrize("posted", [{"language": "fr"}, {"language": ""}, {}])
def test_a_language_not_offered_is_refused_and_nothing_changes(client, lead, posted):
    lead.language = "en-gb"
    lead.save()
    client.force_login(lead)
    response = client.post(LANGUAGE, posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count("Select English, Cymraeg or follow this browser’s choice") >= 2  # summary and field
    lead.refresh_from_db()
    assert lead.language == "en-gb"


def test_the_language_setting_needs_sign_in(client):
    response = client.post(LANGUAGE, {"language": "cy"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_language_address_answers_get_with_the_profile(client, lead):
    client.force_login(lead)
    response = client.get(LANGUAGE)
    assert response.status_code == 302 and response["Location"] == PROFILE + "#language"


def test_a_password_reset_email_goes_in_the_language_its_recipient_chose(client, lead):
    from tests.jobs.support import sent_emails

    lead.language = "cy"
    lead.save()
    client.post(reverse("accounts:password-reset"), {"email": lead.email}, HTTP_ACCEPT_LANGUAGE="en-GB")
    (message,) = sent_emails()
    assert message.subject == "Ailosod eich cyfrinair ar gyfer Procurement maturity toolkit"
    assert message.body.startswith(f"Annwyl {lead.full_name},")
    assert english_in(message.body, allow=("Procurement maturity toolkit",)) == []
