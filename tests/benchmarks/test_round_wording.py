"""The words of a round's public pages (issue 15): the day a round closed early, the first round
of a framework, and a summary that counts its areas over the same figures."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from maturity.benchmarks.presenters import _half_at_threshold
from maturity.words import date_uk
from tests.benchmarks.helpers import TODAY


def test_the_benchmarks_list_shows_the_day_a_round_closed_early(client, published_round):
    early = timezone.now() - datetime.timedelta(days=20)
    type(published_round).objects.filter(pk=published_round.pk).update(
        closes_on=TODAY + datetime.timedelta(days=30), closed_at=early
    )
    published_round.refresh_from_db()
    assert published_round.closed_on == timezone.localtime(early).date()
    page = client.get(reverse("benchmarks:published")).content.decode()
    assert date_uk(early) in page and date_uk(TODAY + datetime.timedelta(days=30)) not in page
    results = client.get(reverse("benchmarks:results", args=[published_round.pk])).content.decode()
    assert f"to {date_uk(early)}" in results


def test_a_round_that_ran_to_its_close_date_shows_that_date(published_round):
    assert published_round.closed_on == published_round.closes_on


def test_the_first_round_says_there_is_nothing_to_compare_with_not_that_the_area_is_new(client, published_round, nps):
    area = nps.areas.order_by("position").first()
    page = client.get(
        reverse("benchmarks:area", kwargs={"round_id": published_round.pk, "area_key": area.key})
    ).content.decode()
    assert "the area is new" not in page
    assert "none: this is the first round on this framework" in page


class _Population:
    def __init__(self, now, target):
        self.current = type("Share", (), {"share": now})()
        self.target = type("Share", (), {"share": target})()


class _Area:
    def __init__(self, now, target):
        self.all = _Population(now, target)


class _Benchmark:
    def __init__(self, areas):
        self.areas = areas


def test_the_summary_counts_areas_now_and_by_target_over_the_same_areas():
    """'In 5 of 11 areas ... it would be 3 of 3' for a 13-area framework: both counts now run over
    the areas whose two shares are shown, and the withheld ones are said."""
    areas = [_Area(60, 80)] * 5 + [_Area(20, 70)] * 4 + [_Area(20, 30)] * 2 + [_Area(None, None), _Area(40, None)]
    [sentence] = _half_at_threshold(_Benchmark(areas), "Leader")
    assert sentence == (
        "In 5 of the 11 areas whose figures are shown (2 of 13 are withheld) at least half of "
        "respondents are at Leader or above now; by the targets they have set themselves, it would be 9 of those 11."
    )
    [whole] = _half_at_threshold(_Benchmark(areas[:11]), "Leader")
    assert whole.startswith("In 5 of 11 areas at least half") and whole.endswith("it would be 9 of 11.")
