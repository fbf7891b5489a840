"""Figures from grouped counts: medians, quartiles, shares, areas left out, the change between
rounds, snapshots and chart geometry. Pure: no database."""

from __future__ import annotations

import statistics

from maturity.benchmarks import aggregates, serialise, stats, tables
from maturity.benchmarks.aggregates import AreaInfo, CountRow

LEVELS = [1, 2, 3, 4, 5]
NAMES = ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
AREA = AreaInfo("engaging-councillors", "Engaging councillors", "Showing leadership")


def test_the_median_is_the_level_of_the_middle_respondent():
    # 1, 2, 2, 3, 5
    assert stats.median(LEVELS, [1, 2, 1, 0, 1]) == 2


def test_the_median_of_an_even_number_is_the_lower_middle_level():
    # 2, 2, 3, 3: the two middle respondents are at 2 and 3.
    assert stats.median(LEVELS, [0, 2, 2, 0, 0]) == 2
    assert statistics.median_low([2, 2, 3, 3]) == 2


def test_quartiles_are_the_levels_at_the_nearest_rank():
    # 10 respondents: 1 1 2 2 2 3 3 4 4 5 -> ranks 3 (25%), 5 (50%), 8 (75%).
    counts = [2, 3, 2, 2, 1]
    assert stats.quantile(LEVELS, counts, 0.25) == 2
    assert stats.quantile(LEVELS, counts, 0.5) == 2
    assert stats.quantile(LEVELS, counts, 0.75) == 4


def test_quantiles_of_nobody_are_none():
    assert stats.median(LEVELS, [0, 0, 0, 0, 0]) is None


def test_the_share_at_the_threshold_or_above_counts_levels_three_to_five():
    assert stats.at_or_above(LEVELS, [1, 2, 3, 4, 5], aggregates.THRESHOLD_LEVEL) == 12
    assert aggregates.THRESHOLD_LEVEL == 3
    assert stats.percent(12, 15) == 80
    assert stats.percent(1, 8) == 13  # 12.5 rounds half up


def test_figures_by_region_and_type_add_up_to_all_respondents():
    rows = [
        CountRow(AREA.key, "London", "london-borough", (0, 5, 5, 5, 0), (0, 0, 5, 5, 5)),
        CountRow(AREA.key, "South East", "county", (5, 5, 10, 0, 0), (0, 5, 10, 5, 0)),
        CountRow(AREA.key, "South East", "district", (0, 10, 5, 5, 0), (0, 0, 10, 10, 0)),
    ]
    built = tables.build_area(AREA, levels=LEVELS, threshold=3, rows=rows)
    assert built.all.respondents == 55
    assert built.all.current.counts == (5, 20, 20, 10, 0)
    assert built.all.current.median == 3  # rank 28 of 55: 25 are at levels 1 and 2
    assert built.find("region", "South East").respondents == 40
    assert built.find("type", "district").current.share == 50


def test_an_area_not_applicable_to_a_type_leaves_those_councils_out():
    area = AreaInfo(
        "engaging-strategic-suppliers", "Suppliers", "Leadership", not_applicable_to=frozenset({"district"})
    )
    rows = [
        CountRow(area.key, "South East", "county", (0, 5, 5, 0, 0), (0, 0, 10, 0, 0)),
        CountRow(area.key, "South East", "district", (0, 0, 0, 20, 0), (0, 0, 0, 20, 0)),
    ]
    built = tables.build_area(area, levels=LEVELS, threshold=3, rows=rows)
    assert built.all.respondents == 10
    assert built.find("type", "district") is None


def test_groups_are_a_dimension_of_their_own():
    # 20 metropolitan districts of the North West, 8 of them in group 7: each row is the
    # respondents of one region and type that are in the same groups.
    rows = [
        CountRow(
            AREA.key, "North West", "metropolitan-district", (0, 3, 5, 0, 0), (0, 0, 8, 0, 0), groups=frozenset({"7"})
        ),
        CountRow(AREA.key, "North West", "metropolitan-district", (0, 7, 5, 0, 0), (0, 0, 12, 0, 0)),
    ]
    built = tables.build_area(
        AREA, levels=LEVELS, threshold=3, rows=rows, labels={("group", "7"): "Greater Manchester"}
    )
    group = built.find("group", "7")
    assert group.label == "Greater Manchester" and group.respondents == 8
    assert group.current.counts == (0, None, None, 0, 0)  # 3 is withheld, with the 5 as complement


def test_the_change_since_the_previous_round_matches_areas_by_key():
    before = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        rows=[CountRow(AREA.key, "R", "t", (5, 10, 5, 0, 0), (0, 0, 20, 0, 0))],
    )
    now = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        previous=before,
        previous_name="2026 review",
        rows=[CountRow(AREA.key, "R", "t", (0, 5, 10, 5, 0), (0, 0, 10, 10, 0))],
    )
    change = now.areas[0].change
    assert change.previous_area_key == AREA.key
    assert change.median == 1  # from 2 Developing to 3 Mature
    assert change.share_points == 75 - 25
    assert now.previous_round == "2026 review"


def test_a_crosswalked_area_is_compared_with_the_one_area_it_replaces():
    renamed = AreaInfo("councillor-engagement", "Councillors", "Leadership", replaces=("engaging-councillors",))
    assert aggregates.previous_key(renamed, ["engaging-councillors", "other"]) == "engaging-councillors"
    merged = AreaInfo("leadership", "Leadership", "Leadership", replaces=("a", "b"))
    assert aggregates.previous_key(merged, ["a", "b"]) is None
    new = AreaInfo("net-zero", "Net zero", "Community")
    assert aggregates.previous_key(new, ["a"]) is None


def test_an_area_without_a_predecessor_has_no_change():
    before = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        rows=[CountRow(AREA.key, "R", "t", (5, 10, 5, 0, 0), (0, 0, 20, 0, 0))],
    )
    other = AreaInfo("net-zero", "Net zero", "Community")
    now = tables.build_round(
        areas=[other],
        levels=LEVELS,
        level_names=NAMES,
        previous=before,
        rows=[CountRow(other.key, "R", "t", (0, 5, 10, 5, 0), (0, 0, 10, 10, 0))],
    )
    assert now.areas[0].change is None


def test_a_change_is_not_comparable_when_either_figure_is_withheld():
    before = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        rows=[CountRow(AREA.key, "R", "t", (1, 1, 1, 0, 0), (0, 0, 3, 0, 0))],
    )
    now = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        previous=before,
        rows=[CountRow(AREA.key, "R", "t", (0, 5, 10, 5, 0), (0, 0, 10, 10, 0))],
    )
    assert now.areas[0].change.median is None and now.areas[0].change.share_points is None


def test_published_figures_survive_the_round_trip_through_json():
    import json

    built = tables.build_round(
        areas=[AREA],
        levels=LEVELS,
        level_names=NAMES,
        rows=[CountRow(AREA.key, "R", "t", (0, 5, 10, 5, 0), (0, 0, 10, 10, 0))],
    )
    assert serialise.from_data(json.loads(json.dumps(serialise.to_data(built)))) == built


def test_the_threshold_name_comes_from_the_frameworks_levels():
    built = tables.build_round(
        areas=[], levels=[1, 2, 3, 4], level_names=["Basic", "Growing", "Solid", "Strong"], rows=[]
    )
    assert built.threshold_name == "Solid"
