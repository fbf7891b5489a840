"""Rule 5: an attacker who keeps every published round, and reads the list of respondents, cannot
work out a council's level by comparing two rounds (issue 12, section 1; ADR 0016).

Forty councils answer two rounds with the same signed-off assessments, except for what each test
changes between them: one council leaves, two leave, or one signs off its assessment again with
other levels."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from maturity.assessments.models import Assessment, Response
from maturity.benchmarks import selectors, serialise, services
from maturity.benchmarks.models import Participant, ShownPopulation
from tests.attacker import Attacker, read_round
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, submit

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


@pytest.fixture
def councils(nps):
    return bulk_councils(nps, 40)


@pytest.fixture
def attacker():
    return Attacker()


def publish(nps, admin, councils, *, name, closes_ago, attacker=None):
    """A round the councils answer with their latest assessment, published, and read at once by
    the attacker (who keeps it as it was published)."""
    round_ = make_round(
        nps,
        councils,
        user=admin,
        name=name,
        opens_on=TODAY - (closes_ago + 30) * day,
        closes_on=TODAY - closes_ago * day,
    )
    for organisation in councils:
        submit(round_, organisation, Assessment.objects.filter(organisation=organisation).latest("pk"))
    published = services.publish_round(round_=round_, user=admin, today=TODAY)
    if attacker is not None:
        read_round(attacker, published)
    return published


def test_the_attacker_pins_a_council_from_two_unsuppressed_rounds(nps, councils):
    # The attack of the issue, on the raw counts: "all respondents" in round 1 minus round 2.
    attacker = Attacker()
    responses = Response.objects.filter(
        assessment__organisation__in=councils, area=nps.areas.order_by("position").first()
    )
    levels = {r.assessment.organisation_id: r.current_level for r in responses.select_related("assessment")}
    for respondents in (set(levels), set(levels) - {councils[0].pk}):
        for level in range(1, 6):
            attacker.learn(("area", "current", level), respondents, sum(1 for o in respondents if levels[o] == level))
    assert attacker.levels_pinned() == {("area", "current"): councils[0].pk}


def test_one_council_leaving_between_two_rounds_is_not_revealed(nps, admin, councils, attacker):
    first = publish(nps, admin, councils, name="Review 2025", closes_ago=400, attacker=attacker)
    second = publish(nps, admin, councils[1:], name="Review 2026", closes_ago=10, attacker=attacker)
    assert attacker.levels_pinned() == {}
    # All respondents were shown in the first round; in the second they are one council fewer, so withheld.
    figures = serialise.from_data(second.published_results.figures)
    assert all(area.all.withheld for area in figures.areas)
    assert not serialise.from_data(first.published_results.figures).areas[0].all.withheld


def test_two_councils_leaving_are_not_revealed(nps, admin, councils, attacker):
    publish(nps, admin, councils, name="Review 2025", closes_ago=400, attacker=attacker)
    publish(nps, admin, councils[2:], name="Review 2026", closes_ago=10, attacker=attacker)
    assert attacker.levels_pinned() == {}


def test_a_council_signing_off_again_between_rounds_is_not_revealed(nps, admin, councils, attacker):
    publish(nps, admin, councils, name="Review 2025", closes_ago=400, attacker=attacker)
    changed = Assessment.objects.get(organisation=councils[0])
    Response.objects.filter(assessment=changed).update(current_level=5, target_level=5)
    Assessment.objects.filter(pk=changed.pk).update(signed_off_at=timezone.now() + day)  # reopened and signed off again
    publish(nps, admin, councils, name="Review 2026", closes_ago=10, attacker=attacker)
    assert attacker.levels_pinned() == {}


def test_five_councils_joining_let_the_next_round_show_all_respondents(nps, admin, councils, attacker):
    publish(nps, admin, councils[5:], name="Review 2025", closes_ago=400, attacker=attacker)
    second = publish(nps, admin, councils, name="Review 2026", closes_ago=10, attacker=attacker)
    assert attacker.levels_pinned() == {}
    assert not serialise.from_data(second.published_results.figures).areas[0].all.withheld


def test_publishing_remembers_what_was_shown_and_rounds_published_before_the_ledger_are_added(nps, admin, councils):
    first = publish(nps, admin, councils, name="Review 2025", closes_ago=400)
    shown = ShownPopulation.objects.filter(kind="round", source=f"round:{first.pk}")
    assert shown.filter(label__endswith="All respondents").exists()
    # As if published before the ledger: forgotten, then found again the first time the ledger is read.
    ShownPopulation.objects.all().delete()
    first.published_results.__class__.objects.filter(pk=first.published_results.pk).update(remembered=False)
    selectors.earlier_populations()
    assert shown.filter(label__endswith="All respondents").exists()


def test_a_round_published_before_keeps_its_frozen_figures(nps, admin, councils):
    first = publish(nps, admin, councils, name="Review 2025", closes_ago=400)
    first.published_results.refresh_from_db()
    frozen = first.published_results.figures
    publish(nps, admin, councils[1:], name="Review 2026", closes_ago=10)
    first.published_results.refresh_from_db()
    assert first.published_results.figures == frozen


def test_the_preview_withholds_what_publishing_would(client, nps, admin, councils):
    publish(nps, admin, councils, name="Review 2025", closes_ago=400)
    second = make_round(nps, councils[1:], user=admin, name="Review 2026")
    for organisation in councils[1:]:
        submit(second, organisation, Assessment.objects.get(organisation=organisation))
    assert selectors.live_benchmark(second).areas[0].all.withheld
    assert Participant.objects.filter(round=second, status="submitted").count() == 39


def test_the_publish_confirmation_says_how_much_is_withheld_and_why(client, nps, admin, councils):
    publish(nps, admin, councils, name="Review 2025", closes_ago=400)
    second = make_round(
        nps, councils[1:], user=admin, name="Review 2026", opens_on=TODAY - 40 * day, closes_on=TODAY - day
    )
    for organisation in councils[1:]:
        submit(second, organisation, Assessment.objects.get(organisation=organisation))
    client.force_login(admin)
    page = client.get(f"/national/rounds/{second.pk}/publish/").content.decode()
    assert "What will be withheld" in page
    assert "compared with the figures of rounds already published" in page
    assert "Every figure would be withheld" not in page


def test_the_publish_confirmation_warns_when_every_figure_would_be_withheld(client, nps, admin, councils):
    few = make_round(
        nps, councils[:3], user=admin, name="Review 2026", opens_on=TODAY - 40 * day, closes_on=TODAY - day
    )
    for organisation in councils[:3]:
        submit(few, organisation, Assessment.objects.get(organisation=organisation))
    client.force_login(admin)
    page = client.get(f"/national/rounds/{few.pk}/publish/").content.decode()
    assert "Every figure would be withheld" in page
