"""The life of an introduction request: open, then accepted, declined or withdrawn; the emails;
the limit of open requests per exemplar; and no second open request to the same exemplar."""

from __future__ import annotations

import pytest

from maturity.exemplars import ranking, selectors, services
from maturity.exemplars.models import HelpWanted, IntroductionRequest, RequestEvent
from maturity.organisations.models import Role
from tests.exemplars.helpers import ask, assess, offer
from tests.factories import make_member, make_organisation
from tests.jobs.support import sent_emails


@pytest.fixture
def islington_offer(islington, area):
    organisation, lead_ = islington
    return offer(
        organisation,
        area.key,
        lead_,
        contact_name="Ivy Contact",
        contact_email="ivy@islington.example",
        contact_role="Head of Procurement",
    )


def test_a_request_starts_open_with_its_first_event_and_tells_the_exemplars_contact(
    participating_camden, lead, islington_offer, area
):
    request = ask(participating_camden, islington_offer, lead, "Could we have a call about councillors?")
    assert request.status == IntroductionRequest.Status.OPEN
    assert (request.requester_name, request.requester_email) == (lead.full_name, lead.email)
    [event] = request.events.all()
    assert (event.kind, event.user, event.user_name, event.organisation_name) == (
        RequestEvent.Kind.REQUESTED,
        lead,
        "Lena Lead",
        participating_camden.name,
    )
    [email] = sent_emails()
    assert email.to == ["ivy@islington.example"]
    assert "Could we have a call about councillors?" in email.body
    assert lead.email not in email.body  # contact details only once accepted
    assert f"/organisations/{islington_offer.organisation.slug}/exemplars/requests/{request.pk}/" in email.body


def test_asking_marks_the_area_as_wanted(participating_camden, lead, islington_offer, area):
    ask(participating_camden, islington_offer, lead)
    assert list(HelpWanted.objects.filter(organisation=participating_camden).values_list("area__key", flat=True)) == [
        area.key
    ]


def test_on_acceptance_both_sides_are_emailed_each_others_details(
    participating_camden, lead, islington, islington_offer, area
):
    request = ask(participating_camden, islington_offer, lead)
    sent_emails().clear()
    _, islington_lead = islington
    services.answer_request(request=request, user=islington_lead, accept=True, note="Happy to help, call any Tuesday.")
    request.refresh_from_db()
    assert request.status == IntroductionRequest.Status.ACCEPTED and request.answered_at is not None
    to_requester, to_contact = sent_emails()
    assert to_requester.to == [lead.email]
    for detail in ("Ivy Contact", "ivy@islington.example", "Head of Procurement", "Happy to help, call any Tuesday."):
        assert detail in to_requester.body
    assert to_requester.reply_to == ["ivy@islington.example"]
    assert to_contact.to == ["ivy@islington.example"]
    for detail in ("Lena Lead", lead.email, participating_camden.name):
        assert detail in to_contact.body
    assert to_contact.reply_to == [lead.email]
    assert [(e.kind, e.user) for e in request.events.all()] == [
        (RequestEvent.Kind.REQUESTED, lead),
        (RequestEvent.Kind.ACCEPTED, islington_lead),
    ]


def test_a_declined_request_tells_the_requester_without_contact_details(
    participating_camden, lead, islington, islington_offer
):
    request = ask(participating_camden, islington_offer, lead)
    sent_emails().clear()
    services.answer_request(request=request, user=islington[1], accept=False, note="Too busy until spring.")
    request.refresh_from_db()
    assert request.status == IntroductionRequest.Status.DECLINED
    [email] = sent_emails()
    assert email.to == [lead.email]
    assert "Too busy until spring." in email.body
    assert "ivy@islington.example" not in email.body
    assert request.events.last().kind == RequestEvent.Kind.DECLINED


def test_the_requester_can_withdraw_an_open_request(participating_camden, lead, islington_offer):
    request = ask(participating_camden, islington_offer, lead)
    services.withdraw_request(request=request, user=lead)
    request.refresh_from_db()
    assert request.status == IntroductionRequest.Status.WITHDRAWN
    assert request.events.last().kind == RequestEvent.Kind.WITHDRAWN


@pytest.mark.parametrize("first", ["accept", "decline", "withdraw"])
def test_an_answered_request_cannot_be_answered_or_withdrawn_again(
    participating_camden, lead, islington, islington_offer, first
):
    request = ask(participating_camden, islington_offer, lead)
    if first == "withdraw":
        services.withdraw_request(request=request, user=lead)
    else:
        services.answer_request(request=request, user=islington[1], accept=first == "accept")
    with pytest.raises(services.Refused, match="already been answered or withdrawn"):
        services.answer_request(request=request, user=islington[1], accept=True)
    with pytest.raises(services.Refused):
        services.withdraw_request(request=request, user=lead)


def test_the_same_organisation_cannot_ask_the_same_exemplar_twice_while_a_request_is_open(
    participating_camden, lead, contributor, islington_offer, area
):
    ask(participating_camden, islington_offer, lead)
    with pytest.raises(services.Refused) as refusal:
        ask(participating_camden, islington_offer, contributor)
    assert refusal.value.message.startswith(
        f"{participating_camden.name} already asked Islington for an introduction about {area.label} on "
    )
    assert "Wait for their answer, or withdraw that request first." in refusal.value.message
    assert IntroductionRequest.objects.count() == 1


def test_once_the_request_is_answered_the_organisation_may_ask_again(
    participating_camden, lead, islington, islington_offer
):
    first = ask(participating_camden, islington_offer, lead)
    services.answer_request(request=first, user=islington[1], accept=False)
    assert ask(participating_camden, islington_offer, lead).pk != first.pk


def _requesters(nps, count, area):
    found = []
    for n in range(count):
        organisation = make_organisation(f"Borough {n}", type="london-borough", region="London")
        user = make_member(organisation, Role.LEAD, f"Lead {n}")
        assess(organisation, nps, user, {area.key: (2, 4)})
        found.append((organisation, user))
    return found


def test_an_exemplar_with_three_open_requests_is_not_suggested_to_a_fourth_and_cannot_be_asked(
    nps, participating_camden, lead, islington_offer, area
):
    assert ranking.MAX_OPEN_REQUESTS == 3
    others = _requesters(nps, 3, area)
    for organisation, user in others:
        ask(organisation, islington_offer, user)
    assert selectors.suggestions(participating_camden, [area.key])[area.key] == []
    # ...but those who asked still see it, marked as asked.
    [item] = selectors.suggestions(others[0][0], [area.key])[area.key]
    assert item.suggestion.candidate.asked_by_requester
    with pytest.raises(services.Refused, match="as many open requests as it can take"):
        ask(participating_camden, islington_offer, lead)
    assert islington_offer.requests.count() == 3

    # Once one is answered, the exemplar is suggested again.
    services.withdraw_request(request=others[0][0].exemplar_requests.get(), user=others[0][1])
    [item] = selectors.suggestions(participating_camden, [area.key])[area.key]
    assert item.offer == islington_offer
    assert ask(participating_camden, islington_offer, lead).is_open


def test_withdrawing_an_offer_hides_it_at_once_and_closes_its_open_requests(
    participating_camden, lead, islington, islington_offer, area
):
    request = ask(participating_camden, islington_offer, lead)
    sent_emails().clear()
    assert services.withdraw_offer(offer=islington_offer, user=islington[1]) == 1
    assert selectors.suggestions(participating_camden, [area.key])[area.key] == []
    assert selectors.offers_of(islington[0]).count() == 0
    request.refresh_from_db()
    assert request.status == IntroductionRequest.Status.DECLINED
    assert request.events.last().kind == RequestEvent.Kind.OFFER_WITHDRAWN
    [email] = sent_emails()
    assert email.to == [lead.email] and "withdrawn its offer" in email.body
    with pytest.raises(services.Refused, match="no longer offering help"):
        ask(participating_camden, islington_offer, lead)
    with pytest.raises(services.Refused, match="already been withdrawn"):
        services.withdraw_offer(offer=islington_offer, user=islington[1])


def test_a_withdrawn_offer_can_be_made_again(islington, islington_offer, area):
    organisation, lead_ = islington
    services.withdraw_offer(offer=islington_offer, user=lead_)
    again = offer(organisation, area.key, lead_)
    assert again.pk != islington_offer.pk and again.is_current
