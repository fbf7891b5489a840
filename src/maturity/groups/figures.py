"""The group dashboard's figures: pure functions over plain data (no Django).

Small-number suppression: no figure is shown that comes from fewer than SUPPRESSION_THRESHOLD
organisations, unless every one of them agreed to share its named results with the group (then
the figure reveals nothing they have not agreed to show). The threshold is the national one
(benchmarks.suppression.MINIMUM), and counts follow its primary rule: a count of 1 to 4
organisations is withheld, and so is one that would give such a count by subtraction.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Iterable, TypeVar

from maturity.benchmarks.suppression import MINIMUM

SUPPRESSION_THRESHOLD = MINIMUM
T = TypeVar("T")


def suppress(value: T, count: int, *, threshold: int = SUPPRESSION_THRESHOLD) -> T | None:
    """`value` when it comes from at least `threshold` organisations, otherwise None (not shown)."""
    return value if count >= threshold else None


@dataclass(frozen=True)
class Spread:
    """Where a set of organisations stand: how many answered, and their lowest, median and highest level."""

    count: int
    minimum: int | None
    median: float | None
    maximum: int | None
    suppressed: bool

    @property
    def shown(self) -> bool:
        return self.count > 0 and not self.suppressed


def spread(levels: Iterable[int | None], *, all_named: bool = False, threshold: int = SUPPRESSION_THRESHOLD) -> Spread:
    """The spread of the known `levels`; suppressed below `threshold` unless `all_named`."""
    known = sorted(level for level in levels if level is not None)
    if not known:
        return Spread(0, None, None, None, suppressed=False)
    if not all_named and suppress(known, len(known), threshold=threshold) is None:
        return Spread(len(known), None, None, None, suppressed=True)
    return Spread(len(known), known[0], statistics.median(known), known[-1], suppressed=False)


@dataclass(frozen=True)
class MemberLevel:
    """One member's levels in one area, and whether it lets the group see them by name."""

    name: str
    named: bool
    current: int | None
    target: int | None


@dataclass(frozen=True)
class Behind:
    """The members below the group's target in an area: named ones, and how many others (or None
    when the others are too few to count without identifying them)."""

    named: list[MemberLevel]
    others: int | None


def safe_count(count: int, population: int, *, threshold: int = SUPPRESSION_THRESHOLD) -> int | None:
    """`count` of a `population` of organisations, or None when it, or the rest of the population
    (population - count, known by subtraction), is 1 to threshold - 1 organisations."""
    rest = population - count
    if 0 < count < threshold or 0 < rest < threshold:
        return None
    return count


def behind_target(members: Iterable[MemberLevel], target: int, *, threshold: int = SUPPRESSION_THRESHOLD) -> Behind:
    members = [m for m in members if m.current is not None]
    below = [m for m in members if m.current < target]
    named = sorted((m for m in below if m.named), key=lambda m: (m.current, m.name))
    unnamed = [m for m in members if not m.named]
    others = safe_count(sum(1 for m in below if not m.named), len(unnamed), threshold=threshold)
    return Behind(named, others)


def level_text(value: float | None, names: dict[int, str]) -> str:
    """A level as the dashboard writes it: `3 – Mature`, or `2.5` for a median between two levels."""
    if value is None:
        return ""
    if float(value).is_integer():
        number = int(value)
        return f"{number} – {names[number]}" if number in names else str(number)
    return f"{value:g}"
