"""Nobody appears as an exemplar without opting in, and names reach only those the offer allows:
a national-only offer is never shown to organisations; an offer to participating organisations is
shown only to members of organisations with a signed-off assessment; an organisation never sees
itself; people of other organisations get 404 on an organisation's exemplar pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity.assessments.models import Assessment
from maturity.exemplars import selectors
from maturity.exemplars.models import IntroductionRequest
from tests.exemplars.helpers import ask, assess, offer, url
from tests.factories import make_organisation


def suggested(organisation, area):
    return [item.offer.organisation.name for item in selectors.suggestions(organisation, [area.key])[area.key]]


def test_an_organisation_at_leader_that_has_not_opted_in_is_never_suggested(participating_camden, islington, area):
    assert suggested(participating_camden, area) == []


def test_a_national_only_offer_is_never_shown_to_organisations(client, participating_camden, lead, islington, area):
    organisation, lead_ = islington
    national_only = offer(organisation, area.key, lead_, visibility="national")
    assert suggested(participating_camden, area) == []
    client.force_login(lead)
    assert "Islington" not in client.get(url("help", participating_camden)).content.decode()
    response = client.get(url("ask", participating_camden, area_key=area.key) + f"?offer={national_only.pk}")
    assert response.status_code == 302 and response["Location"] == url("help", participating_camden)
    response = client.post(
        url("ask", participating_camden, area_key=area.key), {"offer": national_only.pk, "message": "Hi"}
    )
    assert response.status_code == 302
    assert not IntroductionRequest.objects.exists()


def test_the_national_team_sees_every_offer_by_name_with_its_contact(client, national_admin, islington, leeds, area):
    offer(islington[0], area.key, islington[1], visibility="national", contact_email="ivy@islington.example")
    offer(leeds[0], area.key, leeds[1], visibility="participating", contact_email="lee@leeds.example")
    client.force_login(national_admin)
    page = client.get(url("national-offers")).content.decode()
    for text in ("Islington", "ivy@islington.example", "The national team only", "Leeds", "lee@leeds.example"):
        assert text in page


def test_an_offer_to_participating_organisations_is_shown_only_to_their_members(
    client, nps, camden, lead, viewer, islington, area
):
    offer(islington[0], area.key, islington[1])
    camden.population = 210_000
    camden.save()
    assess(camden, nps, lead, {area.key: (2, 4)}, status=Assessment.Status.SUBMITTED)
    client.force_login(viewer)
    page = client.get(url("help", camden)).content.decode()
    assert "Islington" not in page
    assert "Exemplars are suggested once an assessment of Camden is signed off" in page
    assert suggested(camden, area) == []

    assessment = camden.assessments.get()
    from maturity.assessments.services import sign_off

    sign_off(assessment=assessment, user=lead, signer_name="Sam", signer_role="Chief Executive")
    page = client.get(url("help", camden)).content.decode()
    assert "Islington" in page
    assert "Same type: London borough; same region: London; population within 20%; at Innovator" in page


def test_an_organisation_never_sees_itself(client, nps, participating_camden, lead, area, islington):
    assess(participating_camden, nps, lead, {area.key: (5, 5)})
    offer(participating_camden, area.key, lead)
    offer(islington[0], area.key, islington[1])
    from maturity.exemplars import services

    services.set_help_wanted(organisation=participating_camden, areas=[area], user=lead)
    assert suggested(participating_camden, area) == ["Islington"]


def test_people_of_another_organisation_get_404_on_every_exemplar_page(
    client, participating_camden, lead, islington, area, outsider
):
    exemplar_offer = offer(islington[0], area.key, islington[1])
    request = ask(participating_camden, exemplar_offer, lead)
    camden_urls = [
        url("offers", participating_camden),
        url("offer", participating_camden, area_key=area.key),
        url("withdraw-offer", participating_camden, area_key=area.key),
        url("help", participating_camden),
        url("wanted", participating_camden),
        url("ask", participating_camden, area_key=area.key) + f"?offer={exemplar_offer.pk}",
        url("request", participating_camden, request_id=request.pk),
        url("withdraw-request", participating_camden, request_id=request.pk),
    ]
    client.force_login(outsider)
    for address in camden_urls:
        assert client.get(address).status_code == 404, address
        assert client.post(address).status_code == 404, address
    # Nor can a request be reached through the outsider's own organisation.
    own = outsider.memberships.get().organisation
    assert client.get(url("request", own, request_id=request.pk)).status_code == 404
    assert client.post(url("request", own, request_id=request.pk), {"decision": "accept"}).status_code == 404
    request.refresh_from_db()
    assert request.is_open


def test_only_leads_offer_and_withdraw(client, nps, participating_camden, lead, contributor, viewer, area):
    assess(participating_camden, nps, lead, {area.key: (5, 5)})
    offer(participating_camden, area.key, lead)
    for user in (contributor, viewer):
        client.force_login(user)
        assert client.get(url("offer", participating_camden, area_key=area.key)).status_code == 403
        assert client.post(url("withdraw-offer", participating_camden, area_key=area.key)).status_code == 403
    assert selectors.current_offer(participating_camden, area.key) is not None


def test_only_the_exemplars_leads_see_and_answer_the_requests_it_receives(
    client, participating_camden, lead, islington, area
):
    from maturity.organisations.models import Role
    from tests.factories import make_member

    organisation, lead_ = islington
    request = ask(participating_camden, offer(organisation, area.key, lead_), lead)
    islington_viewer = make_member(organisation, Role.CONTRIBUTOR, "Ian Contributor")
    client.force_login(islington_viewer)
    assert "Requests received" not in client.get(url("offers", organisation)).content.decode()
    assert client.get(url("request", organisation, request_id=request.pk)).status_code == 403
    assert client.post(url("request", organisation, request_id=request.pk), {"decision": "accept"}).status_code == 403
    request.refresh_from_db()
    assert request.is_open


def test_the_requester_cannot_answer_its_own_request(client, participating_camden, lead, islington, area):
    request = ask(participating_camden, offer(islington[0], area.key, islington[1]), lead)
    client.force_login(lead)
    assert (
        client.post(url("request", participating_camden, request_id=request.pk), {"decision": "accept"}).status_code
        == 403
    )
    request.refresh_from_db()
    assert request.is_open


def test_a_viewer_sees_suggestions_but_cannot_ask(client, participating_camden, viewer, islington, area):
    exemplar_offer = offer(islington[0], area.key, islington[1])
    client.force_login(viewer)
    page = client.get(url("help", participating_camden)).content.decode()
    assert "Islington" in page and "Ask for an introduction" not in page
    assert (
        client.get(url("ask", participating_camden, area_key=area.key) + f"?offer={exemplar_offer.pk}").status_code
        == 403
    )
    assert client.get(url("wanted", participating_camden)).status_code == 403


def test_the_exemplar_sees_the_requesters_email_only_once_it_accepts(
    client, participating_camden, lead, islington, area
):
    organisation, lead_ = islington
    request = ask(participating_camden, offer(organisation, area.key, lead_), lead)
    client.force_login(lead_)
    address = url("request", organisation, request_id=request.pk)
    assert lead.email not in client.get(address).content.decode()
    client.post(address, {"decision": "accept"})
    assert lead.email in client.get(address).content.decode()


@pytest.mark.parametrize("name", ["national", "national-offers"])
def test_national_pages_are_for_the_national_team_only(client, lead, national_admin, name):
    assert client.get(url(name)).status_code == 302  # sign in first
    client.force_login(lead)
    assert client.get(url(name)).status_code == 403
    client.force_login(national_admin)
    assert client.get(url(name)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, camden, area):
    response = client.get(url("help", camden))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_an_organisation_that_is_not_participating_sees_no_suggestions_even_if_it_wants_help(nps, islington, area):
    closed = make_organisation("Closed", type="london-borough", region="London")
    offer(islington[0], area.key, islington[1])
    assert suggested(closed, area) == []
