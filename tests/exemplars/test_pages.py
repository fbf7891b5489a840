"""The exemplar pages through Django's test client: offering, finding, asking and answering."""

from __future__ import annotations

import html

import pytest

from maturity.exemplars import selectors
from maturity.exemplars.models import HelpWanted, IntroductionRequest
from tests.exemplars.helpers import ask, assess, offer, url
from tests.html import elements
from tests.jobs.support import sent_emails

OFFER_FORM = {
    "contact_name": "Lena Lead",
    "contact_role": "Head of Procurement",
    "contact_email": "Lena@Camden.example",
    "shares": ["case-study", "policy"],
    "note": "Our councillor briefing pack.",
    "visibility": "participating",
}


@pytest.fixture
def camden_exemplar(nps, camden, lead, area):
    assess(camden, nps, lead, {area.key: (5, 5)})
    return camden


def test_the_offers_page_lists_the_areas_where_the_organisation_can_offer_help(
    client, camden_exemplar, lead, area, nps
):
    client.force_login(lead)
    page = client.get(url("offers", camden_exemplar)).content.decode()
    assert area.label in page and nps.level_names[5] in page
    assert url("offer", camden_exemplar, area_key=area.key) in page


def test_a_lead_offers_help(client, camden_exemplar, lead, area):
    client.force_login(lead)
    page = client.get(url("offer", camden_exemplar, area_key=area.key)).content.decode()
    assert elements(page, "input", value="Lena Lead")  # the contact starts as the person offering
    response = client.post(url("offer", camden_exemplar, area_key=area.key), OFFER_FORM)
    assert response.status_code == 302 and response["Location"] == url("offers", camden_exemplar)
    saved = selectors.current_offer(camden_exemplar, area.key)
    assert (saved.contact_email, saved.shares, saved.visibility, saved.created_by) == (
        "lena@camden.example",
        ["case-study", "policy"],
        "participating",
        lead,
    )


def test_an_incomplete_offer_is_explained_and_not_saved(client, camden_exemplar, lead, area):
    client.force_login(lead)
    response = client.post(url("offer", camden_exemplar, area_key=area.key), {"contact_email": "not an address"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    for message in (
        "Enter the name of the person to contact",
        "Enter the contact's role",
        "Enter an email address in the correct format",
        "Select at least one thing you can share",
        "Select who may see this offer",
    ):
        assert message in page
    assert elements(response, "a", href="#id_shares") and elements(response, id="id_shares")
    assert selectors.current_offer(camden_exemplar, area.key) is None


def test_an_area_below_the_exemplar_level_cannot_be_offered(client, camden_exemplar, lead, other_area):
    client.force_login(lead)
    response = client.post(url("offer", camden_exemplar, area_key=other_area.key), OFFER_FORM)
    assert response.status_code == 200
    assert "You cannot offer help with" in response.content.decode()
    assert selectors.current_offer(camden_exemplar, other_area.key) is None
    assert client.get(url("offer", camden_exemplar, area_key="no-such-area")).status_code == 404


def test_withdrawing_an_offer_asks_for_confirmation_first(client, camden_exemplar, lead, area):
    offer(camden_exemplar, area.key, lead)
    client.force_login(lead)
    page = client.get(url("withdraw-offer", camden_exemplar, area_key=area.key)).content.decode()
    assert "Are you sure you want to withdraw your offer" in page
    assert selectors.current_offer(camden_exemplar, area.key) is not None
    response = client.post(url("withdraw-offer", camden_exemplar, area_key=area.key))
    assert response.status_code == 302
    assert selectors.current_offer(camden_exemplar, area.key) is None
    # Nothing left to withdraw: back to the offers page.
    response = client.get(url("withdraw-offer", camden_exemplar, area_key=area.key))
    assert response.status_code == 302 and response["Location"] == url("offers", camden_exemplar)


def test_the_help_page_prompts_areas_with_a_gap_of_two_levels_and_lists_wanted_ones(
    client, participating_camden, contributor, area, other_area, islington
):
    client.force_login(contributor)
    page = client.get(url("help", participating_camden)).content.decode()
    assert area.label in page and "Suggested: wide gap" in page
    assert other_area.label not in page  # a gap of 1

    response = client.post(url("wanted", participating_camden), {"areas": [other_area.key]})
    assert response.status_code == 302
    assert list(participating_camden.exemplar_help_wanted.values_list("area__key", flat=True)) == [other_area.key]
    page = client.get(url("help", participating_camden)).content.decode()
    assert other_area.label in page and "You want help here" in page

    client.post(url("wanted", participating_camden), {})
    assert not HelpWanted.objects.exists()
    assert client.post(url("wanted", participating_camden), {"areas": ["no-such-area"]}).status_code == 200


def test_a_member_asks_for_an_introduction(client, participating_camden, contributor, islington, area):
    exemplar_offer = offer(islington[0], area.key, islington[1])
    client.force_login(contributor)
    page = client.get(url("help", participating_camden)).content.decode()
    ask_url = url("ask", participating_camden, area_key=area.key) + f"?offer={exemplar_offer.pk}"
    assert ask_url in page
    assert client.get(ask_url).status_code == 200

    response = client.post(
        url("ask", participating_camden, area_key=area.key), {"offer": exemplar_offer.pk, "message": "  "}
    )
    assert "Enter a message for the exemplar" in response.content.decode()
    response = client.post(
        url("ask", participating_camden, area_key=area.key),
        {"offer": exemplar_offer.pk, "message": "Could we talk about your councillor briefings?"},
    )
    request = IntroductionRequest.objects.get()
    assert response["Location"] == url("request", participating_camden, request_id=request.pk)
    assert request.requested_by == contributor
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for an answer" in page and "Could we talk about your councillor briefings?" in page
    assert "Asked for an introduction" in page and "Connor Contributor" in page  # the history

    # The help page now says the exemplar was asked, and asking again is refused with a clear message.
    page = client.get(url("help", participating_camden)).content.decode()
    assert "You have asked them for an introduction" in page and ask_url not in page
    response = client.post(
        url("ask", participating_camden, area_key=area.key), {"offer": exemplar_offer.pk, "message": "Again"}
    )
    assert "already asked Islington for an introduction" in response.content.decode()
    assert IntroductionRequest.objects.count() == 1


def test_the_exemplars_lead_accepts_and_both_see_each_others_details(
    client, participating_camden, lead, islington, area
):
    organisation, lead_ = islington
    exemplar_offer = offer(organisation, area.key, lead_, contact_email="ivy@islington.example")
    request = ask(participating_camden, exemplar_offer, lead)
    sent_emails().clear()
    client.force_login(lead_)
    page = client.get(url("offers", organisation)).content.decode()
    assert "Waiting for your answer" in page and url("request", organisation, request_id=request.pk) in page
    response = client.post(url("request", organisation, request_id=request.pk), {})
    assert "Select whether you accept the request" in response.content.decode()
    response = client.post(
        url("request", organisation, request_id=request.pk), {"decision": "accept", "note": "Call me"}
    )
    assert response.status_code == 302
    assert len(sent_emails()) == 2
    client.force_login(lead)
    page = client.get(url("request", participating_camden, request_id=request.pk)).content.decode()
    assert "ivy@islington.example" in page and "Call me" in page and "Accepted" in page


def test_the_requester_withdraws_after_confirming(client, participating_camden, lead, islington, area):
    request = ask(participating_camden, offer(islington[0], area.key, islington[1]), lead)
    client.force_login(lead)
    page = client.get(url("withdraw-request", participating_camden, request_id=request.pk)).content.decode()
    assert "Are you sure you want to withdraw your request to Islington?" in page
    client.post(url("withdraw-request", participating_camden, request_id=request.pk))
    request.refresh_from_db()
    assert request.status == IntroductionRequest.Status.WITHDRAWN
    response = client.get(url("withdraw-request", participating_camden, request_id=request.pk))
    assert response.status_code == 302


def test_a_request_received_is_not_withdrawn_by_the_exemplar(client, participating_camden, lead, islington, area):
    organisation, lead_ = islington
    request = ask(participating_camden, offer(organisation, area.key, lead_), lead)
    client.force_login(lead_)
    assert client.post(url("withdraw-request", organisation, request_id=request.pk)).status_code == 404
    request.refresh_from_db()
    assert request.is_open


def test_an_organisation_without_an_assessment_is_told_how_suggestions_come(client, camden, lead):
    client.force_login(lead)
    page = client.get(url("help", camden)).content.decode()
    assert "Once Camden has started an assessment" in page
    assert client.get(url("wanted", camden)).status_code == 200


def test_areas_without_an_exemplar_are_explained_once_not_in_each_area(client, participating_camden, contributor, nps):
    """Issue 15: the same 40-word paragraph was printed for every area without an exemplar."""
    wanted = [a.key for a in nps.areas.order_by("position")[1:5]]
    client.force_login(contributor)
    client.post(url("wanted", participating_camden), {"areas": wanted})
    page = html.unescape(client.get(url("help", participating_camden)).content.decode())
    assert page.count("No exemplar is available for this area at the moment.") == 5  # the gap area and 4 wanted
    assert page.count("so one may become available when it answers") == 1
