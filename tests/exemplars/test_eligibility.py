"""Who may offer help, and when an offer is shown: the latest signed-off assessment decides."""

from __future__ import annotations

import pytest

from maturity.assessments.models import Assessment
from maturity.assessments.services import reopen
from maturity.exemplars import selectors, services
from maturity.organisations.models import Role
from tests.exemplars.helpers import assess, offer
from tests.factories import make_member, make_organisation


@pytest.fixture
def hackney(db):
    return make_organisation("Hackney", type="london-borough", region="London", population=260_000)


@pytest.fixture
def hackney_lead(hackney):
    return make_member(hackney, Role.LEAD, "Hana Hackney")


def suggested_names(organisation, area):
    return [item.offer.organisation.name for item in selectors.suggestions(organisation, [area.key])[area.key]]


def test_it_lets_an_organisation_at_leader_or_innovator_offer_help(nps, hackney, hackney_lead, area, other_area):
    assess(hackney, nps, hackney_lead, {area.key: (5, 5), other_area.key: (4, 5)})
    assert [a.key for a, _ in selectors.eligible_areas(hackney)] == [area.key, other_area.key]
    assert [s.level_name for _, s in selectors.eligible_areas(hackney)] == [nps.level_names[5], nps.level_names[4]]
    assert offer(hackney, other_area.key, hackney_lead).area == other_area


def test_it_refuses_an_offer_below_the_exemplar_level(nps, hackney, hackney_lead, area):
    assess(hackney, nps, hackney_lead, {area.key: (3, 4)})
    with pytest.raises(services.Refused, match=f"at {nps.level_names[4]} or above"):
        offer(hackney, area.key, hackney_lead)


@pytest.mark.parametrize("status", [Assessment.Status.IN_PROGRESS, Assessment.Status.SUBMITTED])
def test_a_draft_or_submitted_assessment_at_innovator_does_not_qualify(nps, hackney, hackney_lead, area, status):
    assess(hackney, nps, hackney_lead, {area.key: (5, 5)}, status=status)
    assert selectors.eligible_areas(hackney) == []
    with pytest.raises(services.Refused):
        offer(hackney, area.key, hackney_lead)


def test_a_later_signed_off_assessment_below_the_threshold_hides_the_offer(
    nps, hackney, hackney_lead, area, participating_camden
):
    assess(hackney, nps, hackney_lead, {area.key: (5, 5)})
    offer(hackney, area.key, hackney_lead)
    assert suggested_names(participating_camden, area) == ["Hackney"]

    assess(hackney, nps, hackney_lead, {area.key: (3, 4)})
    assert suggested_names(participating_camden, area) == []
    # The offer is kept (the organisation sees it is not shown), and returns if the level does.
    assert selectors.offers_of(hackney).count() == 1
    assess(hackney, nps, hackney_lead, {area.key: (4, 4)})
    assert suggested_names(participating_camden, area) == ["Hackney"]


def test_a_draft_at_innovator_after_a_signed_off_leader_keeps_the_signed_off_level(
    nps, hackney, hackney_lead, area, participating_camden
):
    assess(hackney, nps, hackney_lead, {area.key: (4, 4)})
    offer(hackney, area.key, hackney_lead)
    assess(hackney, nps, hackney_lead, {area.key: (2, 4)}, status=Assessment.Status.IN_PROGRESS)
    [item] = selectors.suggestions(participating_camden, [area.key])[area.key]
    assert item.standing.level_name == nps.level_names[4]


def test_reopening_the_latest_assessment_falls_back_to_the_one_signed_off_before(
    nps, hackney, hackney_lead, area, participating_camden
):
    assess(hackney, nps, hackney_lead, {area.key: (5, 5)})
    offer(hackney, area.key, hackney_lead)
    latest = assess(hackney, nps, hackney_lead, {area.key: (2, 4)})
    assert suggested_names(participating_camden, area) == []
    reopen(assessment=latest, user=hackney_lead, reason="Wrong figures")
    assert suggested_names(participating_camden, area) == ["Hackney"]


def test_participating_means_at_least_one_signed_off_assessment(nps, hackney, hackney_lead, camden, manchester, area):
    assess(hackney, nps, hackney_lead)
    assess(camden, nps, hackney_lead, status=Assessment.Status.SUBMITTED)
    assert list(selectors.participating_organisations()) == [hackney]
    assert selectors.is_participating(hackney)
    assert not selectors.is_participating(camden)
    assert not selectors.is_participating(manchester)


def test_saving_again_changes_the_current_offer_rather_than_adding_one(nps, hackney, hackney_lead, area):
    assess(hackney, nps, hackney_lead, {area.key: (5, 5)})
    first = offer(hackney, area.key, hackney_lead)
    second = offer(hackney, area.key, hackney_lead, contact_name="Robin Other", visibility="national")
    assert first.pk == second.pk
    assert selectors.current_offer(hackney, area.key).contact_name == "Robin Other"
