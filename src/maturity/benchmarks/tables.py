"""A round's figures computed from grouped counts, suppressed all at once.

No Django imports. The database does the grouping (selectors.py gives counts per area, region,
council type, set of groups and level: the atoms of suppression); this module adds them up into
populations, lays each area's populations out as a table of cells with the lines that add up
(the suppression tables), applies the suppression rule of suppression.py to the whole table and
reads the figures back as the values of aggregates.py, so that every page, download and API
answer shows the same, already suppressed, figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from maturity import suppression
from maturity.benchmarks import aggregates
from maturity.benchmarks.aggregates import (
    ALL,
    DIMENSIONS,
    GROUP,
    MEASURES,
    PARTITIONS,
    QUARTILES_MINIMUM_FACTOR,
    REGION,
    THRESHOLD_LEVEL,
    TYPE,
    AreaBenchmark,
    AreaInfo,
    Atom,
    CountRow,
    Measure,
    Population,
    RoundBenchmark,
)
from maturity.benchmarks.stats import median, percent, quantile
from maturity.suppression import MINIMUM, Table


@dataclass
class _Sums:
    current: list[int]
    target: list[int]

    @classmethod
    def zero(cls, levels: int) -> _Sums:
        return cls([0] * levels, [0] * levels)

    def add(self, row: CountRow | _Sums) -> None:
        for i, value in enumerate(row.current):
            self.current[i] += value
        for i, value in enumerate(row.target):
            self.target[i] += value

    @property
    def respondents(self) -> int:
        return sum(self.current)


def build_area(
    area: AreaInfo,
    *,
    levels: Sequence[int],
    threshold: int,
    rows: Iterable[CountRow],
    labels: Mapping[tuple[str, str], str] | None = None,
    minimum: int = MINIMUM,
    records: Mapping[Atom, Iterable[str]] | None = None,
    earlier: Mapping[Any, Iterable[str]] | None = None,
    kept: dict | None = None,
    exposed_left_out: bool = False,
) -> AreaBenchmark:
    """One area's figures for all respondents and by region, council type and group, suppressed.

    Rows of council types the area does not apply to are left out before anything is counted.
    With `records` (each atom's respondents, as ledger records) and `earlier` (the populations
    of earlier rounds, by their records: the ledger), rule 5 runs too: the atoms of rule 4 are
    then records held by the same populations now and before. `exposed_left_out`: what the
    earlier populations describe on their own is already left out of `records` and `earlier`
    (`suppression.exposed_records`, worked out once per state of the ledger).
    """
    labels = labels or {}
    atoms = _atoms(area, rows, len(levels))
    members, sums = _populations(atoms, len(levels))
    # Populations in a stable order: all, then regions, types and groups by label.
    keys = [(ALL, "")] + sorted(
        (k for k in sums if k[0] != ALL),
        key=lambda k: (DIMENSIONS.index(k[0]), labels.get(k, k[1]).lower(), k[1]),
    )
    layout = _Layout(len(levels))
    table = _table(keys, sums, layout=layout, levels=levels, threshold=threshold)
    index = {key: p for p, key in enumerate(keys)}
    pairs_ = suppression.nested_pairs({key: sums[key].respondents for key in keys}, _overlaps(atoms))
    suppression.protect_nested(
        table,
        [(index[outer], index[inner]) for outer, inner in pairs_],
        {p: layout.cells(p) for p in range(len(keys))},
        minimum=minimum,
    )
    # Of populations of one size, all respondents is withheld last (rule 4's ties follow this order).
    order = [*keys[1:], keys[0]]
    if records is not None and earlier:
        sizes, now_atoms, earlier_atoms = _record_atoms(area, records, earlier, tuple(order), kept)
        populations = {index[key]: now_atoms[key] for key in order}
    else:
        sizes, earlier_atoms = {atom: s.respondents for atom, s in atoms.items()}, None
        populations = {index[key]: members[key] for key in order}
    withheld = suppression.suppress_with_chains(
        table,
        sizes=sizes,
        populations=populations,
        earlier=earlier_atoms,
        earlier_exposed=not exposed_left_out,
        size_cells={index[key]: layout.size(index[key]) for key in order},
        minimum=minimum,
    )
    populations = tuple(
        _population(
            key,
            p,
            sums[key],
            table.values,
            withheld,
            layout=layout,
            levels=levels,
            label=labels.get(key, key[1]),
            minimum=minimum,
        )
        for p, key in enumerate(keys)
    )
    return AreaBenchmark(key=area.key, title=area.title, section=area.section, populations=populations)


def _record_atoms(
    area: AreaInfo,
    records: Mapping[Atom, Iterable[str]],
    earlier: Mapping[Any, Iterable[str]],
    order: tuple[tuple[str, str], ...],
    kept: dict | None,
) -> tuple:
    """suppression.record_atoms for the area's populations now and the earlier ones. Areas that
    apply to the same council types have the same respondents: `kept` (one per round's
    computation) holds the atoms worked out for them."""
    key = (area.not_applicable_to, order)
    if kept is not None and key in kept:
        return kept[key]
    now = population_records(area, records)
    atoms = suppression.record_atoms({k: now.get(k, ()) for k in order}, earlier)
    if kept is not None:
        kept[key] = atoms
    return atoms


def population_records(area: AreaInfo, records: Mapping[Atom, Iterable[str]]) -> dict[tuple[str, str], frozenset[str]]:
    """The respondents of each population of the area (all, each region, type and group), as
    ledger records, from each atom's respondents; council types the area does not apply to are
    left out."""
    sets: dict[tuple[str, str], set[str]] = {(ALL, ""): set()}
    for atom, held in records.items():
        if atom[1] in area.not_applicable_to:
            continue
        for key in _populations_of(atom):
            sets.setdefault(key, set()).update(held)
    return {key: frozenset(held) for key, held in sets.items()}


def shown_records(
    benchmark: RoundBenchmark, areas: Sequence[AreaInfo], records: Mapping[Atom, Iterable[str]]
) -> dict[str, frozenset[str]]:
    """What a round's figures show, for the ledger: each population not withheld in each area
    ("area: population" -> its respondents' records)."""
    shown: dict[str, frozenset[str]] = {}
    for area in areas:
        figures = benchmark.area(area.key)
        if figures is None:
            continue
        sets = population_records(area, records)
        for population in figures.populations:
            key = (population.dimension, population.key)
            if not population.withheld and sets.get(key):
                shown[f"{area.key}: {population.label}"] = sets[key]
    return shown


def _atoms(area: AreaInfo, rows: Iterable[CountRow], levels: int) -> dict[Atom, _Sums]:
    """The area's respondents by region, council type and groups, with at least one respondent."""
    atoms: dict[Atom, _Sums] = {}
    for row in rows:
        if row.area != area.key or row.type in area.not_applicable_to:
            continue
        atoms.setdefault((row.region, row.type, row.groups), _Sums.zero(levels)).add(row)
    return {atom: s for atom, s in sorted(atoms.items(), key=lambda item: _atom_order(item[0])) if s.respondents}


def _populations(
    atoms: Mapping[Atom, _Sums], levels: int
) -> tuple[dict[tuple[str, str], list[Atom]], dict[tuple[str, str], _Sums]]:
    """Each population's atoms (all respondents always, even with none) and its sums."""
    members: dict[tuple[str, str], list[Atom]] = {(ALL, ""): []}
    for atom in atoms:
        for key in _populations_of(atom):
            members.setdefault(key, []).append(atom)
    sums = {key: _Sums.zero(levels) for key in members}
    for key, held in members.items():
        for atom in held:
            sums[key].add(atoms[atom])
    return members, sums


def _atom_order(atom: Atom) -> tuple:
    region, type_, groups = atom
    return (region, type_, sorted(groups))


def _populations_of(atom: Atom) -> list[tuple[str, str]]:
    region, type_, groups = atom
    return [(ALL, ""), (REGION, region), (TYPE, type_), *((GROUP, g) for g in sorted(groups))]


def _overlaps(atoms: Mapping[Atom, _Sums]) -> dict[tuple[tuple[str, str], tuple[str, str]], int]:
    """The respondents each two populations share, from the atoms they share (exact, whatever
    the groups: a consortium across regions, a combined authority of several types)."""
    shared: dict[tuple[tuple[str, str], tuple[str, str]], int] = defaultdict(int)
    for atom, s in atoms.items():
        for a, b in combinations(_populations_of(atom), 2):
            shared[(a, b)] += s.respondents
    return shared


@dataclass(frozen=True)
class _Layout:
    """Cells are numbered: population p's cells are p * width + 0 (its respondents), then for each
    measure its count at each level and its count at the threshold or above."""

    levels: int
    width: int = 0

    def __post_init__(self):
        object.__setattr__(self, "width", 1 + len(MEASURES) * (self.levels + 1))

    def size(self, p: int) -> int:
        return p * self.width

    def level(self, p: int, measure: int, i: int) -> int:
        return p * self.width + 1 + measure * (self.levels + 1) + i

    def hi(self, p: int, measure: int) -> int:
        return p * self.width + 1 + measure * (self.levels + 1) + self.levels

    def cells(self, p: int) -> range:
        return range(p * self.width, (p + 1) * self.width)


def _table(
    keys: list[tuple[str, str]],
    sums: Mapping[tuple[str, str], _Sums],
    *,
    layout: _Layout,
    levels: Sequence[int],
    threshold: int,
) -> Table:
    table = Table()
    values = table.values
    above = [i for i, level in enumerate(levels) if level >= threshold]
    below = [i for i, level in enumerate(levels) if level < threshold]
    for p, key in enumerate(keys):
        s = sums[key]
        size = layout.size(p)
        values[size] = s.respondents
        for m, measure in enumerate(MEASURES):
            counts = getattr(s, measure)
            cells = [layout.level(p, m, i) for i in range(len(levels))]
            for cell, count in zip(cells, counts):
                values[cell] = count
                if count and suppression.unanimous(counts):
                    table.forced.add(cell)  # the unanimity guard: it would tell each respondent's level
            hi = layout.hi(p, m)
            values[hi] = sum(counts[i] for i in above)
            # The population's respondents are the sum of its counts at each level; the count at
            # the threshold or above is the sum of those levels; and the respondents are also the
            # levels below the threshold plus the count at or above it (the share gives it away).
            table.add_line(size, cells)
            table.add_line(hi, [cells[i] for i in above])
            table.add_line(size, [*(cells[i] for i in below), hi])
        table.populations[size] = tuple(layout.cells(p))[1:]
    # Regions and council types each split all respondents: each column adds up to the figure of
    # all respondents (population 0).
    for dimension in PARTITIONS:
        members = [p for p, key in enumerate(keys) if key[0] == dimension]
        for j in range(layout.width):
            table.add_line(j, [p * layout.width + j for p in members])
    return table


def _population(
    key: tuple[str, str],
    p: int,
    s: _Sums,
    values: Mapping[int, int],
    withheld: set,
    *,
    layout: _Layout,
    levels: Sequence[int],
    label: str,
    minimum: int,
) -> Population:
    def shown(cell: int) -> int | None:
        return None if cell in withheld else values[cell]

    respondents = shown(layout.size(p))

    def measure(m: int, name: str) -> Measure:
        counts = getattr(s, name)
        hi = shown(layout.hi(p, m))
        visible = respondents is not None and not suppression.unanimous(counts)
        spread = visible and respondents >= QUARTILES_MINIMUM_FACTOR * minimum
        return Measure(
            counts=tuple(shown(layout.level(p, m, i)) for i in range(len(levels))),
            at_or_above=hi,
            share=percent(hi, respondents),
            median=median(levels, counts) if visible else None,
            lower_quartile=quantile(levels, counts, 0.25) if spread else None,
            upper_quartile=quantile(levels, counts, 0.75) if spread else None,
        )

    return Population(
        dimension=key[0],
        key=key[1],
        label=label,
        respondents=respondents,
        current=measure(0, "current"),
        target=measure(1, "target"),
    )


def build_round(
    *,
    areas: Sequence[AreaInfo],
    levels: Sequence[int],
    level_names: Sequence[str],
    rows: Sequence[CountRow],
    labels: Mapping[tuple[str, str], str] | None = None,
    threshold: int = THRESHOLD_LEVEL,
    minimum: int = MINIMUM,
    previous: RoundBenchmark | None = None,
    previous_name: str | None = None,
    records: Mapping[Atom, Iterable[str]] | None = None,
    earlier: Mapping[Any, Iterable[str]] | None = None,
    exposed_left_out: bool = False,
) -> RoundBenchmark:
    by_area: dict[str, list[CountRow]] = defaultdict(list)
    for row in rows:
        by_area[row.area].append(row)
    built, kept = [], {}
    for area in areas:
        benchmark = build_area(
            area,
            levels=levels,
            threshold=threshold,
            rows=by_area[area.key],
            labels=labels,
            minimum=minimum,
            records=records,
            earlier=earlier,
            kept=kept,
            exposed_left_out=exposed_left_out,
        )
        if previous is not None:
            benchmark = aggregates.with_change(benchmark, area, previous)
        built.append(benchmark)
    return RoundBenchmark(
        levels=tuple(levels),
        level_names=tuple(level_names),
        threshold=threshold,
        minimum=minimum,
        areas=tuple(built),
        previous_round=previous_name if previous else None,
    )
