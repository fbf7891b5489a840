"""The crosswalk between versions of a framework, so that an organisation's trend survives a change
of model. Pure functions over plain data (no Django): `selectors.version_chain(framework)` gives
the chain from the database.

An area's trend carries on from the previous version when the area keeps its key, or when it
names areas of the previous version in `replaces` (one area split in two: both carry the old
trend; two merged in one: the new area carries both). An area removed without a replacement ends
its trend with the last version that had it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class VersionAreas:
    """One version of a framework as the crosswalk needs it: each area key with its `replaces`."""

    version: str
    areas: Mapping[str, tuple[str, ...]]


def lineage(chain: Sequence[VersionAreas]) -> dict[str, set[str]]:
    """For each area of the last version of `chain` (oldest first), the keys of the areas of
    earlier versions whose trend it continues (an empty set for an area new in that version)."""
    if not chain:
        return {}
    ancestors: dict[str, set[str]] = {key: set() for key in chain[0].areas}
    for previous, current in zip(chain, chain[1:]):
        following: dict[str, set[str]] = {}
        for key, replaces in current.areas.items():
            found: set[str] = set()
            for earlier in (key, *replaces):
                if earlier in previous.areas:
                    found |= {earlier} | ancestors[earlier]
            following[key] = found
        ancestors = following
    return ancestors


def trend_key_map(chain: Sequence[VersionAreas]) -> dict[str, frozenset[str]]:
    """For each area of the last version: every area key whose level belongs to its trend (its own
    key first among equals, then the keys it descends from)."""
    return {key: frozenset({key} | earlier) for key, earlier in lineage(chain).items()}


def trend_level(levels: Mapping[str, int | None], area_key: str, key_map: Mapping[str, frozenset[str]]) -> int | None:
    """The level one assessment (`levels`: its area key -> level) contributes to `area_key`'s trend.

    The area's own key wins; otherwise the areas it replaces, and when it replaced several (a
    merge) the lowest of their levels, since the new area's descriptors cover all of them.
    """
    own = levels.get(area_key)
    if own is not None:
        return own
    known = [levels[key] for key in key_map.get(area_key, ()) if levels.get(key) is not None]
    return min(known) if known else None


def ended_trends(chain: Sequence[VersionAreas]) -> dict[str, str]:
    """Area keys whose trend ended: removed without a replacement, with the last version that had them."""
    ended: dict[str, str] = {}
    for previous, current in zip(chain, chain[1:]):
        carried = set(current.areas) | {old for replaces in current.areas.values() for old in replaces}
        for key in previous.areas:
            if key not in carried:
                ended[key] = previous.version
    return ended
