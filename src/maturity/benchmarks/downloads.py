"""A round's published figures as open data: the CSV and the JSON document (which the API's
answer shares), for machines; the pages that show the same figures: presenters.py.

Every figure comes from a `RoundBenchmark` (aggregates.py), already suppressed: a withheld
figure is "[c]" in the CSV and null in the JSON.
"""

from __future__ import annotations

import json
from typing import Any

from maturity.benchmarks import aggregates
from maturity.benchmarks.aggregates import RoundBenchmark
from maturity.benchmarks.models import Round
from maturity.spreadsheets import csv_text

# A withheld figure is "[c]" (the statistical convention for a figure kept confidential), as in
# the tables of the round's pages; the CSV's "suppression" column says what it means.
CSV_WITHHELD = "[c]"


def _csv_value(value: Any) -> Any:
    return CSV_WITHHELD if value is None else value


def results_csv(round_: Round, benchmark: RoundBenchmark) -> str:
    """Open data for machines: no byte order mark, one line ending (the one CSV writer neutralises
    every cell, so a group named like a formula stays text)."""
    level_columns = [
        f"level_{level}_{name.lower().replace(' ', '_')}"
        for level, name in zip(benchmark.levels, benchmark.level_names)
    ]
    header = [
        "round",
        "framework",
        "framework_version",
        "area_key",
        "area",
        "measure",
        "dimension",
        "population",
        "respondents",
        *level_columns,
        f"at_level_{benchmark.threshold}_or_above",
        f"percent_at_level_{benchmark.threshold}_or_above",
        "median_level",
        "lower_quartile_level",
        "upper_quartile_level",
        "suppression",
    ]
    framework = round_.framework
    rows = []
    for area in benchmark.areas:
        for population in area.populations:
            for measure in aggregates.MEASURES:
                m = population.measure(measure)
                rows.append(
                    [
                        round_.name,
                        framework.key,
                        framework.version,
                        area.key,
                        area.title,
                        measure,
                        population.dimension,
                        population.label,
                        _csv_value(population.respondents),
                        *(_csv_value(c) for c in m.counts),
                        _csv_value(m.at_or_above),
                        _csv_value(m.share),
                        _csv_value(m.median),
                        _csv_value(m.lower_quartile),
                        _csv_value(m.upper_quartile),
                        f"{CSV_WITHHELD} = withheld. {benchmark.rule}",
                    ]
                )
    return csv_text(header, rows, byte_order_mark=False, line_end="\n")


def results_document(round_: Round, benchmark: RoundBenchmark, *, invited: int, named: list[str]) -> dict[str, Any]:
    framework = round_.framework

    def measure(m: aggregates.Measure) -> dict[str, Any]:
        return {
            "counts": {str(level): count for level, count in zip(benchmark.levels, m.counts)},
            "at_or_above_threshold": m.at_or_above,
            "percent_at_or_above_threshold": m.share,
            "median": m.median,
            "lower_quartile": m.lower_quartile,
            "upper_quartile": m.upper_quartile,
        }

    return {
        "round": {
            "id": round_.pk,
            "name": round_.name,
            "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat(),
            "published_at": round_.published_at.isoformat() if round_.published_at else None,
            "organisations_invited": invited,
        },
        "framework": {"key": framework.key, "version": framework.version, "title": framework.title},
        "levels": [{"number": level, "name": name} for level, name in zip(benchmark.levels, benchmark.level_names)],
        "threshold": {"level": benchmark.threshold, "name": benchmark.threshold_name},
        "suppression": {"minimum": benchmark.minimum, "withheld_value": None, "rule": benchmark.rule},
        "quantiles": "Nearest rank: the level of the respondent at rank ceil(p × n); quartiles are given from "
        f"{aggregates.QUARTILES_MINIMUM_FACTOR * benchmark.minimum} respondents.",
        "previous_round": benchmark.previous_round,
        "named_respondents": named,
        "areas": [
            {
                "key": area.key,
                "title": area.title,
                "section": area.section,
                "change": (
                    {
                        "previous_area_key": area.change.previous_area_key,
                        "median_current": area.change.median,
                        "percent_points_at_or_above_threshold": area.change.share_points,
                    }
                    if area.change
                    else None
                ),
                "populations": [
                    {
                        "dimension": p.dimension,
                        "key": p.key,
                        "label": p.label,
                        "respondents": p.respondents,
                        "current": measure(p.current),
                        "target": measure(p.target),
                    }
                    for p in area.populations
                ],
            }
            for area in benchmark.areas
        ],
    }


def results_json(round_: Round, benchmark: RoundBenchmark, *, invited: int, named: list[str]) -> str:
    return json.dumps(
        results_document(round_, benchmark, invited=invited, named=named), ensure_ascii=False, separators=(",", ":")
    )
