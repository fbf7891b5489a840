"""The group dashboard's figures: pure functions over plain data (no Django).

Small-number suppression is the national one rule (maturity.suppression), applied to what the
dashboard shows. Members that share their named results with the group may be seen one by one
anyway, so they protect nobody; those that share only aggregates are protected:
- the spread of the members answering (lowest, median and highest level) is a figure of them
  all, named or not: take the named ones away and it describes the others. It is shown only when
  none of the members answering shares only aggregates, or at least MINIMUM do (rule 4 with the
  named members as known: `shown`). So 4 named members and 1 other give no spread, as its lowest
  level could be the other's;
- the count of members sharing only aggregates that are behind the group's target is a cell of
  the line "those members = behind + not behind", whose total the group can work out from the
  members' list: rules 1 and 2 withhold it when it, or the rest, is 1 to MINIMUM - 1
  (`safe_count`).
Each area's figures are of different levels, so nothing is subtracted across areas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from maturity import suppression
from maturity.suppression import MINIMUM, median_level

SUPPRESSION_THRESHOLD = MINIMUM
FEW, UNANIMOUS, CHANGED = "few", "unanimous", "changed"
T = TypeVar("T")


def suppress(value: T, count: int, *, threshold: int = SUPPRESSION_THRESHOLD) -> T | None:
    """`value` when it comes from at least `threshold` organisations, otherwise None (not shown)."""
    return value if count >= threshold else None


@dataclass(frozen=True)
class Spread:
    """Where a set of organisations stand: how many answered, and their lowest, median and highest level."""

    count: int
    minimum: int | None
    median: int | None  # a level, by the one rule for medians (suppression.median_level)
    maximum: int | None
    suppressed: bool
    # Why it is withheld: FEW members sharing only aggregates, all at one level (UNANIMOUS), or
    # CHANGED by fewer than MINIMUM members' results since the group last saw it (rule 5).
    reason: str = ""

    @property
    def shown(self) -> bool:
        return self.count > 0 and not self.suppressed


def withheld(spread_: Spread, reason: str) -> Spread:
    """`spread_` withheld for `reason`."""
    return Spread(spread_.count, None, None, None, suppressed=True, reason=reason)


def spread(
    levels: Iterable[int | None],
    *,
    all_named: bool = False,
    others: int | None = None,
    threshold: int = SUPPRESSION_THRESHOLD,
) -> Spread:
    """The spread of the known `levels`, of which `others` come from members sharing only
    aggregates (by default all of them, or none when `all_named`); withheld unless `shown`."""
    known = sorted(level for level in levels if level is not None)
    if not known:
        return Spread(0, None, None, None, suppressed=False)
    others = 0 if all_named else len(known) if others is None else others
    if not shown(named=len(known) - others, others=others, threshold=threshold):
        return Spread(len(known), None, None, None, suppressed=True, reason=FEW)
    if others and known[0] == known[-1]:
        # Everybody at one level (the unanimity guard): it would tell each member's level.
        return Spread(len(known), None, None, None, suppressed=True, reason=UNANIMOUS)
    return Spread(len(known), known[0], median_level(known), known[-1], suppressed=False)


def shown(*, named: int, others: int, threshold: int = SUPPRESSION_THRESHOLD) -> bool:
    """Whether a figure of the members answering may be shown: `named` of them share named
    results, which the group may see one by one, and `others` only aggregates. The one rule's
    rule 4 over the two populations the dashboard shows (the members answering, and the named
    ones), with the named members known: true when the others are none or at least `threshold`."""
    populations = {"answering": ("named", "others"), "named": ("named",)}
    return not suppression.chain_withheld(
        {"named": named, "others": others}, populations, known={"named"}, minimum=threshold
    )


@dataclass(frozen=True)
class MemberLevel:
    """One member's levels in one area, and whether it lets the group see them by name."""

    name: str
    named: bool
    current: int | None
    target: int | None
    record: str = ""  # the member's results as shown, for the ledger (rule 5)


@dataclass(frozen=True)
class Behind:
    """The members below the group's target in an area: named ones, and how many others (or None
    when the others are too few to count without identifying them)."""

    named: list[MemberLevel]
    others: int | None


def safe_count(count: int, population: int, *, threshold: int = SUPPRESSION_THRESHOLD) -> int | None:
    """`count` of a `population` of organisations, or None when the one rule withholds it: the
    line population = count + the rest (population - count, known by subtraction), under rules 1
    and 2, withholds the count when it, or the rest, is 1 to threshold - 1 organisations."""
    if not population:
        return count  # nobody to protect
    table = suppression.Table(
        values={"population": population, "count": count, "rest": population - count},
        populations={"population": ("count", "rest")},
    )
    table.add_line("population", ("count", "rest"))
    return None if "count" in suppression.suppress(table, minimum=threshold) else count


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


def over_time(
    rows: dict[str, dict[str, tuple[Spread, list[MemberLevel]]]], earlier, *, threshold: int = SUPPRESSION_THRESHOLD
) -> tuple[set[tuple[str, str]], dict[str, list[str]]]:
    """Rule 5 for a group's dashboard: `rows[area][measure]` is a spread about to be shown and the
    members it is made of. Returns the spreads to withhold, so that no sum or difference of them
    and of the spreads the group saw before (`earlier`: the ledger's) describes 1 to threshold - 1
    members that share only aggregates (named members are known: they protect nobody); and the
    populations that remain shown, for the ledger ("area measure": records)."""
    now, known = {}, set()
    for area, measures in rows.items():
        for measure, (spread_, members) in measures.items():
            if spread_.shown:
                now[(area, measure)] = [m.record for m in members]
                known |= {m.record for m in members if m.named}
    hidden = set(suppression.withheld_over_time(now, earlier, known=known, minimum=threshold)) if earlier else set()
    shown = {f"{area} {measure}": records for (area, measure), records in now.items() if (area, measure) not in hidden}
    return hidden, shown
