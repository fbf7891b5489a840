"""Which indicators speak to which areas: read from data/indicator-areas.yaml and checked.

No area is named in code: the mapping is data, like the framework itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from maturity.evidence.indicators import DEFINITIONS

AREAS_FILE = Path(__file__).parent / "data" / "indicator-areas.yaml"
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class MappingError(ValueError):
    pass


def parse(document: object) -> dict[str, dict[str, tuple[str, ...]]]:
    """{framework key: {area key: (indicator keys, in the order of DEFINITIONS)}}, or MappingError."""
    problems: list[str] = []
    if not isinstance(document, dict) or not isinstance(document.get("frameworks"), dict):
        raise MappingError("the file needs a “frameworks” mapping")
    result: dict[str, dict[str, list[str]]] = {}
    for framework, indicators in document["frameworks"].items():
        if not isinstance(indicators, dict):
            problems.append(f"{framework}: expected indicator keys, each with a list of area keys")
            continue
        areas: dict[str, list[str]] = {}
        for indicator, area_keys in indicators.items():
            if indicator not in DEFINITIONS:
                problems.append(f"{framework}: unknown indicator {indicator!r}")
                continue
            if not isinstance(area_keys, list) or not area_keys:
                problems.append(f"{framework}: {indicator} needs a list of area keys")
                continue
            for area in area_keys:
                if not isinstance(area, str) or not _KEY.match(area):
                    problems.append(f"{framework}: {indicator}: {area!r} is not an area key")
                    continue
                areas.setdefault(area, []).append(indicator)
        order = list(DEFINITIONS)
        result[str(framework)] = {area: sorted(keys, key=order.index) for area, keys in areas.items()}
    if problems:
        raise MappingError("; ".join(problems))
    return {framework: {area: tuple(keys) for area, keys in areas.items()} for framework, areas in result.items()}


@lru_cache(maxsize=1)
def mapping() -> dict[str, dict[str, tuple[str, ...]]]:
    try:
        return parse(yaml.safe_load(AREAS_FILE.read_text(encoding="utf-8")))
    except MappingError as error:
        raise MappingError(f"{AREAS_FILE} is not valid: {error}") from None


def indicators_for(framework_key: str, area_key: str, *, extends: str | None = None) -> tuple[str, ...]:
    """The indicator keys that speak to an area of a framework (or of the framework it extends)."""
    frameworks = mapping()
    found = frameworks.get(framework_key, {}).get(area_key)
    if found is None and extends:
        found = frameworks.get(extends, {}).get(area_key)
    return found or ()


def areas_for(framework_key: str, indicator_key: str) -> list[str]:
    return [area for area, keys in mapping().get(framework_key, {}).items() if indicator_key in keys]
