"""The national team's view: supply and demand per area, introductions, and who is still waiting."""

from __future__ import annotations

import datetime
import html

import pytest
from django.utils import timezone

from maturity.exemplars import presenters, services
from maturity.exemplars.models import IntroductionRequest
from maturity.organisations.models import Role
from tests.exemplars.helpers import ask, assess, offer, url
from tests.factories import make_member


@pytest.fixture
def scene(nps, participating_camden, lead, manchester, islington, leeds, area, other_area):
    """Islington offers help in `area` to participating organisations, Leeds to the national team
    only. Camden wants help in both areas and asked Islington 20 days ago; Manchester (no
    signed-off assessment) wants help in `other_area`."""
    offer(islington[0], area.key, islington[1], contact_email="ivy@islington.example")
    offer(leeds[0], area.key, leeds[1], visibility="national", contact_email="lee@leeds.example")
    services.set_help_wanted(organisation=participating_camden, areas=[area, other_area], user=lead)
    services.set_help_wanted(
        organisation=manchester, areas=[other_area], user=make_member(manchester, Role.LEAD, "Max")
    )
    request = ask(participating_camden, islington[0].exemplar_offers.get(), lead)
    IntroductionRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=20))
    return request


def cells(row):
    return [html.unescape(str(cell.get("text") or cell.get("html"))) for cell in row]


def test_areas_are_ranked_by_demand_minus_supply(scene, area, other_area):
    rows = presenters.national_page()["balance_table"]["rows"]
    first, *_rest = rows
    assert other_area.label in cells(first)[0]
    assert cells(first)[1:] == ["2", "0", "0", "2"]  # wanted by 2, offered by none
    [area_row] = [r for r in rows if area.label in cells(r)[0]]
    assert cells(area_row)[1:] == ["1", "2", "1", "-1"]  # wanted by 1, offered by 2 (1 open to organisations)
    assert area.label in cells(rows[-1])[0]  # the only area offered more than wanted


def test_supply_counts_only_exemplars_still_at_the_level(scene, nps, leeds, area):
    assess(leeds[0], nps, leeds[1], {area.key: (3, 4)})
    [area_row] = [r for r in presenters.national_page()["balance_table"]["rows"] if area.label in cells(r)[0]]
    assert cells(area_row)[1:] == ["1", "1", "1", "0"]


def test_introductions_made_and_accepted_are_counted(scene, nps, islington, area):
    services.answer_request(request=scene, user=islington[1], accept=True)
    page = presenters.national_page()
    assert page["made"] == 1 and page["counts"]["accepted"] == 1 and page["counts"]["open"] == 0


def test_requests_open_for_more_than_14_days_and_areas_without_a_suggestion_are_listed(
    scene, participating_camden, manchester, other_area, area
):
    page = presenters.national_page()
    [waiting] = page["waiting_table"]["rows"]
    assert cells(waiting)[:3] == ["Camden", "Islington", area.label] and cells(waiting)[4] == "20"
    stranded = [cells(row) for row in page["stranded_table"]["rows"]]
    assert [(row[0], row[3]) for row in stranded] == [
        ("Camden", "No exemplar offers help here to organisations"),
        ("Manchester", "No signed-off assessment yet, so no suggestions are shown"),
    ]
    assert all(other_area.label in row[1] for row in stranded)


def test_a_request_younger_than_14_days_is_not_waiting(scene):
    IntroductionRequest.objects.filter(pk=scene.pk).update(created_at=timezone.now() - datetime.timedelta(days=13))
    assert presenters.national_page()["waiting_table"] is None


def test_the_national_pages_render_with_every_offer_and_its_contact(client, scene, national_admin, area):
    client.force_login(national_admin)
    page = html.unescape(client.get(url("national")).content.decode())
    assert "Exemplars and introductions" in page and "Requests open for more than 14 days" in page
    page = html.unescape(client.get(url("national-offers") + f"?area={area.key}").content.decode())
    assert f"Offers of help with {area.label}" in page
    assert "lee@leeds.example" in page and "ivy@islington.example" in page and "The national team only" in page


def test_an_unknown_area_lists_every_offer(client, scene, national_admin):
    client.force_login(national_admin)
    page = html.unescape(client.get(url("national-offers") + "?area=no-such-area").content.decode())
    assert "Every offer of help" in page and "ivy@islington.example" in page
