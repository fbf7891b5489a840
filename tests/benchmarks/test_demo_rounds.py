"""`maturity demo load`: every English and Welsh council, a published demo round whose figures are
shown rather than withheld, an open round, and a banner on every page of a demonstration."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from maturity.benchmarks import serialise
from maturity.benchmarks.models import Participant, Round
from maturity.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_round_with_its_figures_shown_and_opens_another(nps, client):
    out = StringIO()
    call_command("demo", "load", stdout=out)
    assert Organisation.objects.filter(nation="wales", type="welsh-principal").count() == 22
    published = Round.objects.get(status=Round.Status.PUBLISHED)
    counts = {s: published.participants.filter(status=s).count() for s in Participant.Status.values}
    invited = sum(counts.values())
    assert 330 < invited < 345  # every current English and Welsh council
    assert 0.6 < counts["submitted"] / invited < 0.75  # about two thirds responded, as in the LGA's diagnostics
    assert f"({counts['submitted']} of {invited} councils responded)" in out.getvalue()
    benchmark = serialise.from_data(published.published_results.figures)
    assert all(not area.all.withheld and area.all.current.median for area in benchmark.areas)
    assert all(not p.withheld for area in benchmark.areas for p in area.of("region"))
    page = client.get(reverse("benchmarks:results", args=[published.pk])).content.decode()
    assert f"{counts['submitted']} of the {invited} organisations invited submitted" in page
    open_round = Round.objects.get(status=Round.Status.OPEN)
    assert open_round.is_accepting(open_round.opens_on)
    assert open_round.participants.filter(status=Participant.Status.SUBMITTED).exists()
    # A second load leaves the rounds as they are.
    call_command("demo", "load", stdout=StringIO())
    assert Round.objects.count() == 2


def test_every_page_of_a_demonstration_says_so(client, settings, db):
    assert "This is a demonstration with made-up data" not in client.get("/").content.decode()
    settings.DEMO = True
    for path in ("/", reverse("benchmarks:published"), reverse("frameworks:overview")):
        assert "This is a demonstration with made-up data" in client.get(path).content.decode(), path
