"""The figures of a round's benchmarks, as values: for each area, its populations (all
respondents, each region, council type and group) and their measures (counts per level, the share
at the threshold level or above, median and quartiles), with the change since the previous round.

No Django imports. Every page, download and API answer reads these values, already suppressed
(None where withheld). How they are computed: tables.py (the grouped counts of selectors.py
laid out as suppression tables); the statistics over counts per level: stats.py; kept as JSON
when a round is published: serialise.py; charts: maturity.charts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from maturity import suppression

# The level from which an organisation counts as at the threshold: level number 3 ("Mature" in
# the NPS 2018 framework, but the name always comes from the framework's data). See ADR 0008.
THRESHOLD_LEVEL = 3

# The median is shown for every population whose respondents are shown; the quartiles only from
# twice the suppression minimum, because with fewer respondents the median and the two quartiles
# together can pin down a withheld count (ADR 0008).
QUARTILES_MINIMUM_FACTOR = 2

MEASURES = ("current", "target")
ALL, REGION, TYPE, GROUP = "all", "region", "type", "group"
DIMENSIONS = (ALL, REGION, TYPE, GROUP)
# Dimensions whose populations split the respondents with no overlap: their figures add up to
# those of all respondents, which gives the column lines of suppression.
PARTITIONS = (REGION, TYPE)


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """The current (or target) levels of one population in one area; None where withheld."""

    counts: tuple[int | None, ...]
    at_or_above: int | None
    share: int | None  # percentage at the threshold level or above
    median: int | None
    lower_quartile: int | None
    upper_quartile: int | None


@dataclass(frozen=True)
class Population:
    dimension: str  # all, region, type or group
    key: str
    label: str
    respondents: int | None  # None: withheld, and so is every other figure
    current: Measure
    target: Measure

    @property
    def withheld(self) -> bool:
        return self.respondents is None

    def measure(self, name: str) -> Measure:
        return self.current if name == "current" else self.target


@dataclass(frozen=True)
class Change:
    """From the previous round to this one, for all respondents (None where not comparable)."""

    previous_area_key: str
    median: int | None  # levels
    share_points: int | None  # percentage points at the threshold level or above


@dataclass(frozen=True)
class AreaBenchmark:
    key: str
    title: str
    section: str
    populations: tuple[Population, ...]
    change: Change | None = None

    @property
    def all(self) -> Population:
        return self.populations[0]

    def of(self, dimension: str) -> list[Population]:
        return [p for p in self.populations if p.dimension == dimension]

    def find(self, dimension: str, key: str) -> Population | None:
        for population in self.populations:
            if population.dimension == dimension and population.key == key:
                return population
        return None


@dataclass(frozen=True)
class RoundBenchmark:
    levels: tuple[int, ...]
    level_names: tuple[str, ...]
    threshold: int
    minimum: int
    areas: tuple[AreaBenchmark, ...]
    previous_round: str | None = None  # the name of the round the changes are measured from
    rule: str = suppression.RULE_TEXT  # the suppression rule the figures were suppressed under

    @property
    def threshold_name(self) -> str:
        return dict(zip(self.levels, self.level_names)).get(self.threshold, str(self.threshold))

    def level_name(self, number: int) -> str:
        return dict(zip(self.levels, self.level_names)).get(number, str(number))

    def area(self, key: str) -> AreaBenchmark | None:
        for area in self.areas:
            if area.key == key:
                return area
        return None

    @property
    def respondents(self) -> int | None:
        """The most respondents of any area (areas left out for some council types have fewer)."""
        shown = [area.all.respondents for area in self.areas if area.all.respondents is not None]
        return max(shown) if shown else None


# --- Input: grouped counts from the database ---------------------------------------------------


@dataclass(frozen=True)
class AreaInfo:
    key: str
    title: str
    section: str
    not_applicable_to: frozenset[str] = frozenset()
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountRow:
    """Respondents of one area who share a region, a council type and the same groups, counted
    at each level of the current and the target level. Such respondents are an *atom* of the
    suppression rule (suppression.chain_withheld): every population shown (all, a region, a type,
    a group) is a sum of atoms, and differences between populations are differences of atoms."""

    area: str
    region: str
    type: str
    current: tuple[int, ...]
    target: tuple[int, ...]
    groups: frozenset[str] = frozenset()


Atom = tuple[str, str, frozenset[str]]  # region, council type, groups


# --- Change since the previous round -----------------------------------------------------------


def previous_key(area: AreaInfo, previous_keys: Iterable[str]) -> str | None:
    """The area of the previous round that this one continues: the same key, or else the one key
    it replaces (framework crosswalk). An area that replaces several has no single predecessor."""
    previous_keys = set(previous_keys)
    if area.key in previous_keys:
        return area.key
    replaced = [key for key in area.replaces if key in previous_keys]
    return replaced[0] if len(replaced) == 1 else None


def change(now: Population, before: Population) -> tuple[float | None, int | None]:
    median_change = None
    if now.current.median is not None and before.current.median is not None:
        median_change = round(now.current.median - before.current.median, 4)
    share_change = None
    if now.current.share is not None and before.current.share is not None:
        share_change = now.current.share - before.current.share
    return median_change, share_change


def with_change(benchmark: AreaBenchmark, area: AreaInfo, previous: RoundBenchmark) -> AreaBenchmark:
    key = previous_key(area, (a.key for a in previous.areas))
    if key is None:
        return benchmark
    before = previous.area(key)
    median_change, share_change = change(benchmark.all, before.all)
    return AreaBenchmark(
        key=benchmark.key,
        title=benchmark.title,
        section=benchmark.section,
        populations=benchmark.populations,
        change=Change(previous_area_key=key, median=median_change, share_points=share_change),
    )
