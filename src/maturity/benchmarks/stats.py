"""Statistics of some respondents' levels, from their counts at each level (or from the levels
themselves): order statistics, nearest-rank quantiles and medians, shares. Pure functions, no Django
imports: the benchmarks of a round (tables.py) use them; the median of levels given one by one
(median_level, for the group dashboards too) is the median's rule in maturity/suppression.py."""

from __future__ import annotations

import math
from collections.abc import Sequence


def total(counts: Sequence[int]) -> int:
    return sum(counts)


def order_statistic(levels: Sequence[int], counts: Sequence[int], k: int) -> int:
    """The k-th smallest value (0-based) of the respondents, from the counts at each level."""
    seen = 0
    for level, count in zip(levels, counts):
        seen += count
        if k < seen:
            return level
    raise IndexError(k)


def quantile(levels: Sequence[int], counts: Sequence[int], p: float) -> int | None:
    """The level of the respondent at rank ceil(p * n) in level order (the nearest-rank method).

    Levels are ordered categories, so a quantile is always a level: the median (p = 0.5) of an
    even number of respondents is the lower of the two middle levels. Unlike an interpolated
    quantile, a nearest-rank one never gives away an exact count (see ADR 0008)."""
    n = total(counts)
    if n == 0:
        return None
    rank = max(1, math.ceil(round(p * n, 9)))
    return order_statistic(levels, counts, rank - 1)


def median(levels: Sequence[int], counts: Sequence[int]) -> int | None:
    return quantile(levels, counts, 0.5)


def at_or_above(levels: Sequence[int], counts: Sequence[int], threshold: int) -> int:
    return sum(count for level, count in zip(levels, counts) if level >= threshold)


def percent(part: int | None, whole: int | None) -> int | None:
    """A whole-number percentage, or None when either figure is withheld."""
    if part is None or not whole:
        return None
    return math.floor(100 * part / whole + 0.5)
