"""Rule 4 of the one suppression rule: no sum or difference of the populations shown describes 1
to 4 organisations. Hand-computed tables first; then audits on small random tables that try every
set of atoms against every combination of the populations shown, with linear algebra of their
own (fractions, not the rule's integers). Pure: no database."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from maturity import suppression
from maturity.benchmarks import aggregates, serialise, tables
from maturity.benchmarks.aggregates import AreaInfo, CountRow
from maturity.suppression import MINIMUM, chain_withheld, revealed
from tests.rank import rank

AREA = AreaInfo("a", "Area", "Section")
LEVELS = [1, 2, 3]


def row(region: str, type_: str, counts: tuple[int, ...], groups=()) -> CountRow:
    return CountRow(AREA.key, region, type_, counts, counts, frozenset(groups))


def build(rows: list[CountRow]) -> aggregates.AreaBenchmark:
    return tables.build_area(AREA, levels=LEVELS, threshold=2, rows=rows)


def respondents(built: aggregates.AreaBenchmark) -> dict[tuple[str, str], int | None]:
    return {(p.dimension, p.key): p.respondents for p in built.populations}


# --- Hand-computed tables ----------------------------------------------------------------------------


def test_the_london_example_withholds_the_types_and_shows_london():
    # 5 districts and 2 counties, all in London. The counties are too few; the districts would be
    # all respondents minus the counties, so they go too (rule 2). London is all respondents.
    built = build([row("London", "district", (1, 2, 2)), row("London", "county", (0, 1, 1))])
    assert respondents(built) == {
        ("all", ""): 7,
        ("region", "London"): 7,
        ("type", "county"): None,
        ("type", "district"): None,
    }


def test_the_london_example_is_caught_by_rule_4_on_its_own_too():
    sizes = {"districts": 5, "counties": 2}
    populations = {
        "district": ["districts"],
        "county": ["counties"],
        "London": ["districts", "counties"],
        "all": ["districts", "counties"],
    }
    # With the counties withheld, London minus the districts is the 2 counties: the districts go.
    assert chain_withheld(sizes, populations, {"county"}) == ["district"]
    assert chain_withheld(sizes, populations, {"county", "district"}) == []


def test_a_region_minus_a_type_gives_one_councils_levels_against_anothers():
    # Region R1: council a (type u) and 10 of type t; region R2: council b (type t) and 10 of type
    # u. No two populations nest, yet R1 - t = a - b: at each level 1, 0 or -1, which says where a
    # and b stand whenever they differ. Withholding one region changes nothing (it is all
    # respondents minus the other), so both regions are withheld; the types stay.
    rows = [row("R1", "u", (1, 0, 0)), row("R1", "t", (0, 5, 5)), row("R2", "t", (0, 0, 1)), row("R2", "u", (5, 5, 0))]
    assert revealed((1, 10, 1, 10), ((1, 1, 0, 0), (0, 0, 1, 1), (0, 1, 1, 0), (1, 0, 0, 1))) == (0, 2)
    assert respondents(build(rows)) == {
        ("all", ""): 22,
        ("region", "R1"): None,
        ("region", "R2"): None,
        ("type", "t"): 11,
        ("type", "u"): 11,
    }


def test_a_consortium_across_two_regions_is_withheld_when_it_differs_from_one_by_a_council_each_way():
    # Region R1: 10 counties, 9 of them in consortium G; region R2: 12 districts, 1 of them in G.
    # R1 - G = (the county outside G) - (the district in G). Withholding R1 would not stop it (the
    # counties are R1), withholding G does.
    rows = [
        row("R1", "county", (3, 3, 3), {"G"}),
        row("R1", "county", (0, 1, 0)),
        row("R2", "district", (0, 0, 1), {"G"}),
        row("R2", "district", (5, 3, 3)),
    ]
    assert respondents(build(rows)) == {
        ("all", ""): 22,
        ("region", "R1"): 10,
        ("region", "R2"): 12,
        ("type", "county"): 10,
        ("type", "district"): 12,
        ("group", "G"): None,
    }


def test_a_chain_of_three_populations_is_caught():
    # Region R1 is all of type a's R1 part, so a - R1 = a's 5 in R2, and R2 - (a - R1) = the one
    # b in R2: no two populations nest, and no two differ by fewer than 5.
    rows = [
        row("R1", "a", (4, 4, 0)),
        row("R2", "a", (1, 2, 2)),
        row("R2", "b", (0, 1, 0)),
        row("R3", "b", (4, 4, 0)),
        row("R3", "c", (2, 2, 2)),
    ]
    figures = respondents(build(rows))
    assert described(rows, set(figures)) == [["R2/b"]]  # every population shown would give it away
    assert described(rows, {key for key, n in figures.items() if n is not None}) == []


def test_organisations_known_by_name_protect_nobody():
    # A group's dashboard: members that share named results may be seen one by one; 4 of them
    # and 1 that shares only aggregates give no figure (it would describe the one).
    populations = {"answering": ("named", "others"), "named": ("named",)}
    assert chain_withheld({"named": 4, "others": 1}, populations, known={"named"}) == ["answering"]
    assert chain_withheld({"named": 4, "others": 0}, populations, known={"named"}) == []
    assert chain_withheld({"named": 4, "others": 5}, populations, known={"named"}) == []


def test_the_smallest_population_whose_withholding_stops_it_goes_then_the_first_given():
    sizes = {"x": 1, "y": 20, "z": 20}
    # P - R = x: withholding P or R stops it, R is smaller; Q (x + y + z) takes no part.
    assert chain_withheld(sizes, {"Q": ["x", "y", "z"], "P": ["x", "y"], "R": ["y"]}) == ["R"]
    # Q - R = x and P - S = x: no one withholding stops both; R and S are the smallest, R is
    # given first; then S stops P - S.
    assert chain_withheld(sizes, {"Q": ["x", "y"], "P": ["x", "z"], "R": ["y"], "S": ["z"]}) == ["R", "S"]


def test_rounds_published_before_rule_4_keep_their_figures_and_the_rule_they_were_published_under():
    built = tables.build_round(
        areas=[AREA], levels=LEVELS, level_names=["A", "B", "C"], rows=[row("R", "t", (2, 3, 5))]
    )
    assert built.rule == suppression.RULE_TEXT and "No sum or difference of the populations shown" in built.rule
    frozen = json.loads(json.dumps(serialise.to_data(built)))
    assert serialise.from_data(frozen) == built
    del frozen["rule"]  # as frozen before rule 4
    assert serialise.from_data(frozen).rule == suppression.PAIRWISE_RULE_TEXT
    assert serialise.from_data(frozen).areas == built.areas


# --- Audits: every set of atoms, every combination ---------------------------------------------------


def described_sets(sizes: list[int], rows: list[list[int]], minimum: int = MINIMUM) -> list[tuple[int, ...]]:
    """Every set of atoms of 1 to minimum - 1 organisations that some combination of the rows
    describes on its own: leaving its atoms out lowers the rank (a combination is zero elsewhere)."""
    whole = rank(rows)
    found = []
    for count in range(1, minimum):
        for chosen in itertools.combinations(range(len(sizes)), count):
            if (
                sum(sizes[j] for j in chosen) < minimum
                and rank([[v for j, v in enumerate(r) if j not in chosen] for r in rows]) < whole
            ):
                found.append(chosen)
    return found


def described(rows: list[CountRow], shown: set[tuple[str, str]]) -> list[list[str]]:
    """The sets of atoms (region/type/groups) that the populations `shown` describe alone."""
    atoms: dict[tuple, int] = {}
    for r in rows:
        key = (r.region, r.type, r.groups)
        atoms[key] = atoms.get(key, 0) + sum(r.current)
    keys = list(atoms)

    def holds(population: tuple[str, str], atom: tuple) -> int:
        dimension, name = population
        region, type_, groups = atom
        return int(
            dimension == "all"
            or (dimension, name) in {("region", region), ("type", type_)}
            or (dimension == "group" and name in groups)
        )

    matrix = [[holds(p, a) for a in keys] for p in sorted(shown)]
    names = ["/".join([a[0], a[1], *sorted(a[2])]) for a in keys]
    return [[names[j] for j in found] for found in described_sets([atoms[a] for a in keys], matrix)]


def random_tables(seed: int, count: int, atoms: int):
    rnd = random.Random(seed)
    for _ in range(count):
        sizes = [rnd.choice([1, 1, 2, 3, 4, 5, 6, 9, 12]) for _ in range(atoms)]
        rows = [[rnd.choice([0, 0, 1]) for _ in range(atoms)] for _ in range(rnd.randint(2, 7))]
        yield sizes, rows


@pytest.mark.parametrize("sizes, rows", list(random_tables(seed=4, count=60, atoms=7)))
def test_revealed_finds_a_described_set_exactly_when_there_is_one(sizes, rows):
    found = revealed(tuple(sizes), tuple(map(tuple, rows)))
    every = described_sets(sizes, rows)
    assert bool(found) == bool(every)
    assert not found or found in every


@pytest.mark.parametrize("sizes, rows", list(random_tables(seed=5, count=60, atoms=8)))
def test_after_rule_4_no_combination_of_the_populations_shown_describes_fewer_than_five(sizes, rows):
    populations = {f"p{i}": [j for j, v in enumerate(r) if v] for i, r in enumerate(rows)}
    extra = chain_withheld(dict(enumerate(sizes)), populations)
    shown = [r for i, r in enumerate(rows) if f"p{i}" not in extra]
    assert described_sets(sizes, shown) == []


def random_round(seed: int) -> list[CountRow]:
    """Up to 10 atoms over 3 regions, 2 council types and 2 groups that overlap them at random."""
    rnd = random.Random(seed)
    rows = []
    for region, type_ in itertools.product(("R1", "R2", "R3"), ("t", "u")):
        for groups in rnd.sample([(), ("G",), ("H",), ("G", "H")], rnd.choice([0, 1, 1, 2])):
            n = rnd.choice([1, 1, 2, 3, 4, 5, 6, 8])
            counts = [0, 0, 0]
            for _ in range(n):
                counts[rnd.randrange(3)] += 1
            rows.append(row(region, type_, tuple(counts), groups))
    return rows[:10]


@pytest.mark.parametrize("seed", range(40))
def test_no_combination_of_the_populations_a_round_shows_describes_fewer_than_five(seed):
    rows = random_round(seed)
    shown = {key for key, n in respondents(build(rows)).items() if n is not None}
    assert described(rows, shown) == []
