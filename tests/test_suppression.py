"""The suppression rule, on hand-computed tables, and a search showing that no withheld figure can
be worked out from the figures shown. Pure: no database."""

from __future__ import annotations

import itertools
import random

import pytest

from maturity.benchmarks import stats, tables
from maturity.benchmarks.aggregates import AreaInfo, CountRow
from maturity.suppression import MINIMUM, Table, nested_pairs, protect_nested, suppress

AREA = AreaInfo("engaging-councillors", "Engaging councillors", "Showing leadership")


def one_line(total: int, members: list[int]) -> set[str]:
    table = Table(values={"total": total, **{f"m{i}": v for i, v in enumerate(members)}})
    table.add_line("total", [f"m{i}" for i in range(len(members))])
    return suppress(table)


def test_the_minimum_is_five():
    assert MINIMUM == 5


def test_a_line_of_counts_of_five_or_more_or_zero_shows_everything():
    assert one_line(20, [0, 12, 8]) == set()


def test_a_small_count_is_withheld_with_the_smallest_other_count_so_it_cannot_be_subtracted():
    # 20 = 3 + 9 + 8: 3 is withheld; alone it would be 20 - 9 - 8, so 8 (the smallest) goes too.
    assert one_line(20, [3, 9, 8]) == {"m0", "m2"}


def test_withheld_counts_together_must_reach_five():
    # 1 + 2 = 3 would be 20 - 17: the 17 is withheld as well.
    assert one_line(20, [1, 2, 17]) == {"m0", "m1", "m2"}


def test_zeros_are_shown_and_are_not_used_as_the_complement_while_a_count_can_be():
    assert one_line(20, [2, 0, 0, 18]) == {"m0", "m3"}


def test_a_withheld_total_withholds_one_of_its_cells_so_it_cannot_be_added_up():
    table = Table(values={"total": 13, "a": 6, "b": 7}, forced={"total"})
    table.add_line("total", ["a", "b"])
    assert suppress(table) == {"total", "a"}


def test_a_population_of_fewer_than_five_shows_nothing_and_one_more_population_is_withheld():
    # Regions of 3, 10 and 12 respondents (25 in all), at levels 1 and 2. Region A has too few;
    # its 3 would be 25 - 10 - 12, so the next smallest region, B, is withheld too.
    rows = [
        CountRow("a", "A", "t", (1, 2), (1, 2)),
        CountRow("a", "B", "t", (5, 5), (5, 5)),
        CountRow("a", "C", "t", (6, 6), (6, 6)),
    ]
    built = tables.build_area(AreaInfo("a", "A", "S"), levels=[1, 2], threshold=2, rows=rows)
    shown = {(p.dimension, p.key): p.respondents for p in built.populations}
    assert shown == {
        ("all", ""): 25,
        ("region", "A"): None,
        ("region", "B"): None,
        ("region", "C"): 12,
        ("type", "t"): 25,
    }
    region_a = built.find("region", "A")
    assert (
        region_a.current.counts == (None, None) and region_a.current.median is None and region_a.current.share is None
    )


def test_a_small_level_count_is_withheld_with_a_complement_in_its_row_and_the_share_stays_consistent():
    # 26 respondents now at levels 1-5: 2, 8, 10, 6, 0. The 2 is withheld; so is the 8 (same side
    # of level 3, so the share at 3 or above, 16 of 26, stays shown and reveals nothing).
    built = tables.build_area(
        AREA,
        levels=[1, 2, 3, 4, 5],
        threshold=3,
        rows=[CountRow(AREA.key, "London", "london-borough", (2, 8, 10, 6, 0), (0, 2, 10, 8, 6))],
    )
    current = built.all.current
    assert current.counts == (None, None, 10, 6, 0)
    assert (current.at_or_above, current.share) == (16, 62)
    # Targets 0, 2, 10, 8, 6: the 2 is withheld with the 6, and then the count at 3 or above
    # (which would give 2 + 0 = 26 - 24) is withheld too.
    target = built.all.target
    assert target.counts == (0, None, 10, 8, None)
    assert target.at_or_above is None and target.share is None


def test_the_median_is_shown_for_five_respondents_but_the_quartiles_only_from_ten():
    five = tables.build_area(
        AREA, levels=[1, 2, 3], threshold=2, rows=[CountRow(AREA.key, "R", "t", (0, 3, 2), (0, 2, 3))]
    )
    assert five.all.current.median == 2 and five.all.current.lower_quartile is None
    ten = tables.build_area(
        AREA, levels=[1, 2, 3], threshold=2, rows=[CountRow(AREA.key, "R", "t", (0, 5, 5), (0, 1, 9))]
    )
    assert (ten.all.current.lower_quartile, ten.all.current.median, ten.all.current.upper_quartile) == (2, 2, 3)


def test_a_unanimous_population_shows_neither_its_counts_nor_its_median():
    # All five at level 2: their count, or a median with a lowest and highest, would tell each one's level.
    five = tables.build_area(
        AREA, levels=[1, 2, 3], threshold=2, rows=[CountRow(AREA.key, "R", "t", (0, 5, 0), (0, 2, 3))]
    )
    assert five.all.respondents == 5 and five.all.current.counts[1] is None and five.all.current.median is None
    assert five.all.target.median == 3


def test_nested_populations_with_the_same_respondents_are_withheld_together():
    table = Table(values={("R", "n"): 12, ("T", "n"): 12, ("R", "x"): 12, ("T", "x"): 12}, forced={("R", "x")})
    protect_nested(
        table,
        nested_pairs({"R": 12, "T": 12}, {("R", "T"): 12}),
        {"R": [("R", "n"), ("R", "x")], "T": [("T", "n"), ("T", "x")]},
    )
    assert ("T", "x") in suppress(table)


def test_a_population_inside_another_that_differs_by_fewer_than_five_is_withheld():
    # London: 34 respondents, 33 of them London boroughs and the Greater London Authority. The
    # boroughs' figures would give the Authority's by subtraction: the boroughs are withheld.
    rows = [
        CountRow(AREA.key, "London", "london-borough", (3, 10, 10, 10, 0), (0, 3, 10, 10, 10)),
        CountRow(AREA.key, "London", "other", (0, 1, 0, 0, 0), (0, 0, 1, 0, 0)),
        CountRow(AREA.key, "South East", "county", (5, 5, 5, 5, 0), (0, 5, 5, 5, 5)),
    ]
    built = tables.build_area(AREA, levels=[1, 2, 3, 4, 5], threshold=3, rows=rows)
    assert built.find("type", "london-borough").respondents is None
    assert built.find("region", "London").respondents == 34


def test_pairs_are_nested_only_when_one_holds_all_of_the_others_respondents():
    assert nested_pairs({"R": 10, "G": 6, "H": 6}, {("R", "G"): 6, ("R", "H"): 5}) == [("R", "G")]


# --- No withheld figure can be worked out: an exhaustive search on small tables -----------------------

LEVELS = [1, 2, 3]


def _consistent(population, counts, threshold) -> bool:
    if population.respondents is not None and sum(counts) != population.respondents:
        return False
    if any(shown is not None and shown != c for shown, c in zip(population.current.counts, counts)):
        return False
    hi = stats.at_or_above(LEVELS, counts, threshold)
    return population.current.at_or_above is None or population.current.at_or_above == hi


def recoverable(regions: list[tuple[int, ...]], *, minimum: int, threshold: int = 2) -> list[str]:
    """Every table of counts that gives the same shown figures is tried; a withheld figure that
    has the same value in all of them could be worked out."""
    rows = [CountRow("a", f"r{i}", "t", c, c) for i, c in enumerate(regions)]
    built = tables.build_area(AreaInfo("a", "A", "S"), levels=LEVELS, threshold=threshold, rows=rows, minimum=minimum)
    populations = [built.find("region", f"r{i}") for i in range(len(regions))]
    biggest = sum(map(sum, regions))
    candidates = [
        [
            c
            for c in itertools.product(range(biggest + 1), repeat=3)
            if sum(c) <= biggest and _consistent(p, c, threshold)
        ]
        for p in populations
    ]
    seen: dict = {}
    for combination in itertools.product(*candidates):
        totals = tuple(map(sum, zip(*combination)))
        if not _consistent(built.all, totals, threshold):
            continue
        for i, counts in enumerate(combination):
            for level, value in enumerate(counts):
                seen.setdefault((f"r{i}", level), set()).add(value)
            seen.setdefault((f"r{i}", "n"), set()).add(sum(counts))
        for level, value in enumerate(totals):
            seen.setdefault(("all", level), set()).add(value)
    problems = []
    for i, p in enumerate(populations):
        for level, shown in enumerate(p.current.counts):
            if shown is None and len(seen[(f"r{i}", level)]) < 2:
                problems.append(f"region r{i} level {level + 1}")
        if p.respondents is None and len(seen[(f"r{i}", "n")]) < 2:
            problems.append(f"region r{i} respondents")
    for level, shown in enumerate(built.all.current.counts):
        if shown is None and len(seen[("all", level)]) < 2:
            problems.append(f"all level {level + 1}")
    return problems


def _tables(seed: int, count: int):
    rnd = random.Random(seed)
    made = 0
    while made < count:
        regions = [tuple(rnd.choice([0, 1, 2, 3, 4, 5, 6, 8]) for _ in LEVELS) for _ in range(2)]
        if min(map(sum, regions)) > 0 and sum(map(sum, regions)) <= 16:
            made += 1
            yield regions


@pytest.mark.parametrize("regions", list(_tables(seed=8, count=25)))
def test_no_withheld_figure_can_be_worked_out_from_the_figures_shown(regions):
    assert recoverable(regions, minimum=MINIMUM) == []
    assert recoverable(regions, minimum=3, threshold=3) == []
