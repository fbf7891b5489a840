"""Which exemplars to suggest to a council that wants help in an area, in what order, and why.

Pure functions over plain data (no Django imports), so every rule is tested without a database
(tests/exemplars/test_ranking.py works the examples by hand).

The threshold
-------------
`EXEMPLAR_LEVEL = 4`: an organisation may offer itself as an exemplar in an area when its latest
*signed-off* assessment puts it at level 4 or above there. In the NPS 2018 framework level 4 is
called "Leader" and level 5 "Innovator"; the names always come from the framework's data, never
from here. Eligibility is checked again every time suggestions are made, not only when offering.

The score
---------
For a requester R and an exemplar E at level L in the area::

    score = 3 × [same type] + 2 × [same region] + population points + (L − EXEMPLAR_LEVEL)

    population points = 2  when |E.population − R.population| ≤ 20% of R.population
                        1  when it is within 50% of R.population
                        0  otherwise, or when either population is unknown

Likeness is worth up to 7 points and the level up to 1 (the framework's top level in NPS 2018):
councils learn most from councils like them, and a level above the threshold breaks the tie
between two equally alike exemplars. Equal scores are ordered by fewer open requests first (so the
asking is spread), then by the exemplar's name.

Limits
------
`MAX_OPEN_REQUESTS = 3`: an offer with that many open requests is not suggested until one is
answered, so nobody is swamped. `PROMPT_GAP = 2`: an area where the target is two or more levels
above the current level prompts the council to look for help there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

EXEMPLAR_LEVEL = 4
MAX_OPEN_REQUESTS = 3
PROMPT_GAP = 2
WAITING_DAYS = 14

SAME_TYPE_POINTS = 3
SAME_REGION_POINTS = 2
POPULATION_BANDS = ((20, 2), (50, 1))  # (within this many per cent, points), closest first


@dataclass(frozen=True)
class Council:
    """What the ranking needs to know of an organisation (from the register)."""

    id: int
    name: str
    type: str
    type_label: str
    region: str = ""
    population: int | None = None


@dataclass(frozen=True)
class Candidate:
    """An offer to be an exemplar in one area, as the ranking sees it."""

    offer_id: int
    council: Council
    level: int | None
    level_name: str
    open_requests: int = 0
    asked_by_requester: bool = False  # the requester already has an open request with this offer


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """ "Same type: London borough; same region: London; population within 20%; at Innovator"."""
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:]


def is_eligible(level: int | None, threshold: int = EXEMPLAR_LEVEL) -> bool:
    return level is not None and level >= threshold


def needs_prompt(current: int | None, target: int | None, min_gap: int = PROMPT_GAP) -> bool:
    """An area to suggest looking for help in: the target is `min_gap` or more levels above now."""
    return current is not None and target is not None and target - current >= min_gap


def population_band(requester: int | None, other: int | None) -> tuple[int, int] | None:
    """(per cent, points) of the closest band `other` falls in around `requester`, or None."""
    if not requester or other is None:
        return None
    difference = abs(other - requester)
    for per_cent, points in POPULATION_BANDS:
        if difference * 100 <= per_cent * requester:
            return per_cent, points
    return None


def likeness(requester: Council, other: Council) -> tuple[int, list[str]]:
    """How alike two councils are: points, and the reasons in the words the page shows."""
    points, reasons = 0, []
    if requester.type and requester.type == other.type:
        points += SAME_TYPE_POINTS
        reasons.append(_("same type: %(type)s") % {"type": other.type_label})
    if requester.region and requester.region.strip().lower() == other.region.strip().lower():
        points += SAME_REGION_POINTS
        reasons.append(_("same region: %(region)s") % {"region": other.region.strip()})
    band = population_band(requester.population, other.population)
    if band is not None:
        per_cent, band_points = band
        points += band_points
        reasons.append(_("population within %(per_cent)s%%") % {"per_cent": per_cent})
    return points, reasons


def score(requester: Council, candidate: Candidate, threshold: int = EXEMPLAR_LEVEL) -> Suggestion:
    points, reasons = likeness(requester, candidate.council)
    points += max((candidate.level or threshold) - threshold, 0)
    reasons.append(_("at %(level)s") % {"level": candidate.level_name})
    return Suggestion(candidate=candidate, score=points, reasons=tuple(reasons))


def is_available(candidate: Candidate, max_open: int = MAX_OPEN_REQUESTS) -> bool:
    """Open to one more request; an offer the requester already asked stays visible to it."""
    return candidate.asked_by_requester or candidate.open_requests < max_open


def suggest(
    requester: Council,
    candidates: Iterable[Candidate],
    *,
    threshold: int = EXEMPLAR_LEVEL,
    max_open: int = MAX_OPEN_REQUESTS,
    limit: int | None = None,
) -> list[Suggestion]:
    """The exemplars to suggest, best first: never the requester itself, never one below the
    threshold, never one that already has `max_open` open requests."""
    suggestions = [
        score(requester, c, threshold)
        for c in candidates
        if c.council.id != requester.id and is_eligible(c.level, threshold) and is_available(c, max_open)
    ]
    suggestions.sort(
        key=lambda s: (-s.score, s.candidate.open_requests, s.candidate.council.name, s.candidate.offer_id)
    )
    return suggestions[:limit] if limit is not None else suggestions


# --- The national view: where help is most wanted and least offered --------------------------


@dataclass(frozen=True)
class AreaBalance:
    key: str
    title: str
    position: int
    demand: int  # organisations that want help in the area
    supply: int  # offers by organisations eligible in the area

    @property
    def shortfall(self) -> int:
        return self.demand - self.supply


def rank_areas(balances: Iterable[AreaBalance]) -> list[AreaBalance]:
    """Demand minus supply, largest first; then the most wanted; then the framework's order."""
    return sorted(balances, key=lambda b: (-b.shortfall, -b.demand, b.position, b.key))
