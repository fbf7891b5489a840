"""A round's published figures kept as JSON (PublishedResults.figures and .spreads), and read
back. No Django imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from maturity import suppression
from maturity.benchmarks.aggregates import (
    ALL,
    REGION,
    TYPE,
    AreaBenchmark,
    Change,
    Measure,
    Population,
    RoundBenchmark,
)


def to_data(benchmark: RoundBenchmark) -> dict[str, Any]:
    return asdict(benchmark)


def from_data(data: Mapping[str, Any]) -> RoundBenchmark:
    def measure(m: Mapping[str, Any]) -> Measure:
        return Measure(
            counts=tuple(m["counts"]),
            at_or_above=m["at_or_above"],
            share=m["share"],
            median=m["median"],
            lower_quartile=m["lower_quartile"],
            upper_quartile=m["upper_quartile"],
        )

    def population(p: Mapping[str, Any]) -> Population:
        return Population(
            dimension=p["dimension"],
            key=p["key"],
            label=p["label"],
            respondents=p["respondents"],
            current=measure(p["current"]),
            target=measure(p["target"]),
        )

    areas = tuple(
        AreaBenchmark(
            key=a["key"],
            title=a["title"],
            section=a["section"],
            populations=tuple(population(p) for p in a["populations"]),
            change=Change(**a["change"]) if a.get("change") else None,
        )
        for a in data["areas"]
    )
    return RoundBenchmark(
        levels=tuple(data["levels"]),
        level_names=tuple(data["level_names"]),
        threshold=data["threshold"],
        minimum=data["minimum"],
        areas=areas,
        previous_round=data.get("previous_round"),
        # Rounds published before rule 4 were suppressed, and are stated, without it.
        rule=data.get("rule", suppression.PAIRWISE_RULE_TEXT),
    )


def spreads(benchmark: RoundBenchmark) -> dict[str, Any]:
    """The current level's median and quartiles of all respondents, each region and each council
    type, by area: what an organisation's results page compares with."""
    return {
        "levels": list(benchmark.levels),
        "level_names": list(benchmark.level_names),
        "minimum": benchmark.minimum,
        "areas": {
            area.key: {
                f"{p.dimension}:{p.key}": [p.current.median, p.current.lower_quartile, p.current.upper_quartile]
                for p in area.populations
                if p.dimension in (ALL, REGION, TYPE)
            }
            for area in benchmark.areas
        },
    }
