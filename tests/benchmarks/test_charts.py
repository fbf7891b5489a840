"""Charts never show a figure that the tables withhold: every number drawn on a round's pages and
on a council's results page is a published, unsuppressed figure; a withheld one has no bar, no
diamond and no band, and a chart with nothing left to show is not drawn at all."""

from __future__ import annotations

import datetime
from collections import Counter

from django.urls import reverse

from maturity.benchmarks import aggregates, presenters, serialise, services
from maturity.benchmarks.selectors import published_results
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, signed_off, submit
from tests.charts.drawing import SVG, read
from tests.html import elements


def frozen(round_):
    return serialise.from_data(published_results(round_).figures)


def published(nps, admin, councils, *, extra=(), years_ago=0):
    closes_on = TODAY - datetime.timedelta(days=1 + 365 * years_ago)
    round_ = make_round(
        nps, [*councils, *extra], user=admin, opens_on=closes_on - datetime.timedelta(days=59), closes_on=closes_on
    )
    from maturity.assessments.models import Assessment

    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    return services.publish_round(round_=round_, user=admin, today=TODAY)


def bars_of(drawing):
    return [r for r in drawing.root.iter(f"{SVG}rect") if r.get("height") == "16"]


def test_the_level_chart_draws_exactly_the_counts_the_table_shows(nps, admin):
    round_ = published(nps, admin, bulk_councils(nps, 23))
    benchmark = frozen(round_)
    withheld_somewhere = False
    for area in benchmark.areas:
        shown = [c for c in (*area.all.current.counts, *area.all.target.counts) if c is not None]
        withheld_somewhere |= len(shown) < 2 * len(benchmark.levels)
        chart = presenters.distribution_chart(benchmark, area)
        if not shown:
            assert chart is None
            continue
        drawing = read(str(chart.svg))
        assert Counter(drawing.numbers()) == Counter(str(c) for c in shown)
        assert len(bars_of(drawing)) == len(shown)
    assert withheld_somewhere  # the round is small enough for suppression to bite


def test_the_spread_charts_draw_only_the_populations_whose_median_is_shown(nps, admin):
    round_ = published(nps, admin, bulk_councils(nps, 40))
    benchmark = frozen(round_)
    for area in benchmark.areas:
        for dimension in (aggregates.TYPE, aggregates.REGION):
            populations = area.of(dimension)
            shown = [p for p in populations if p.current.median is not None]
            chart = presenters.spread_chart(benchmark, area, dimension)
            if not shown:
                assert chart is None
                continue
            drawing = read(str(chart.svg))
            assert [w for w in drawing.words() if w in {p.label for p in populations}] == [p.label for p in shown]
            diamonds = list(drawing.root.iter(f"{SVG}polygon"))
            assert len(diamonds) == len(shown)
            bands = list(drawing.root.iter(f"{SVG}rect"))
            assert len(bands) == sum(1 for p in shown if p.current.lower_quartile is not None)
            hidden = [p.label for p in populations if p.current.median is None]
            assert all(label in " ".join(chart.notes) for label in hidden)


def test_an_area_page_with_every_count_withheld_says_so_in_words_and_draws_nothing(client, nps, admin):
    round_ = published(nps, admin, bulk_councils(nps, 3))
    benchmark = frozen(round_)
    area = benchmark.areas[0]
    assert all(c is None for c in (*area.all.current.counts, *area.all.target.counts))
    page = client.get(reverse("benchmarks:area", kwargs={"round_id": round_.pk, "area_key": area.key})).content.decode()
    assert "There is no chart: every count is withheld" in page
    assert "app-chart__svg" not in page and not any(t.text.endswith("[c]") for t in elements(page, "text"))


def test_the_results_page_places_the_council_among_similar_councils_from_published_figures_only(
    client, nps, camden, lead, admin
):
    councils = bulk_councils(nps, 30, prefix="Borough")
    round_ = make_round(
        nps,
        [camden, *councils],
        user=admin,
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    mine = signed_off(camden, nps, lead, title="Signed off 2026", current=2, target=4)
    submit(round_, camden, mine)
    from maturity.assessments.models import Assessment

    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    services.publish_round(round_=round_, user=admin, today=TODAY)
    comparison = presenters.results_comparison(mine)
    spreads = round_.published_results.spreads
    key = f"{aggregates.TYPE}:{camden.type}"
    chart = comparison["chart"]
    drawing = read(str(chart.svg))
    drawn = {row[0] for row in chart.table.rows} & set(drawing.words())
    assert drawn
    for row in comparison["rows"]:
        median = spreads["areas"][next(a.key for a in nps.areas.all() if a.label == row["title"])][key][0]
        assert (row["title"] in drawn) == (median is not None)
    client.force_login(lead)
    page = client.get(reverse("assessments:results", kwargs={"slug": camden.slug, "pk": mine.pk})).content.decode()
    assert elements(page, attrs={"aria-labelledby": "standing-title standing-desc"})
    assert "Similar organisations here are the councils of the same type as yours (London borough)" in page
    for o in councils:
        assert o.name not in page


def test_the_change_chart_draws_the_comparable_areas_and_the_response_rates_only_shown_respondents(client, nps, admin):
    from maturity.assessments.models import Response

    councils = bulk_councils(nps, 40)
    published(nps, admin, councils, years_ago=2)
    Response.objects.filter(assessment__organisation__in=councils, area__key="engaging-councillors").update(
        current_level=5
    )
    Response.objects.filter(assessment__organisation__in=councils, area__key="developing-talent").update(
        current_level=1
    )
    # ...as each council reopened its assessment and signed it off again (otherwise the second round,
    # four councils short of the first, would be withheld: ADR 0016).
    from django.utils import timezone

    from maturity.assessments.models import Assessment

    Assessment.objects.filter(organisation__in=councils).update(signed_off_at=timezone.now())
    later = published(nps, admin, councils[:36], extra=councils[36:])  # 4 invited do not respond
    benchmark = frozen(later)
    chart = presenters.change_chart(benchmark)
    drawing = read(str(chart.svg))
    expected = [
        presenters.signed(a.change.share_points, " points")
        for a in benchmark.areas
        if a.change and a.change.share_points
    ]
    assert sorted(drawing.numbers()) == sorted(expected) and any(n.startswith("−") for n in expected)
    assert len(bars_of(drawing)) == sum(1 for a in benchmark.areas if a.change and a.change.share_points is not None)
    for response_chart in presenters.response_charts(later, benchmark):
        drawing = read(str(response_chart.svg))
        shown = [row for row in response_chart.table.rows if row[1] != presenters.TABLE_WITHHELD]
        assert sorted(drawing.numbers()) == sorted(row[1] for row in shown)
    page = client.get(reverse("benchmarks:results", args=[later.pk])).content.decode()
    assert elements(page, attrs={"aria-labelledby": "change-title change-desc"})
    assert elements(page, attrs={"aria-labelledby": "responses-type-title responses-type-desc"})
