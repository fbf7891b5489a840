"""A second, example version of the bundled framework for the tests: `nps@2019`, following 2018.

It is built from the bundled file, so the 2018 wording is never copied here:
- `managing-strategic-risk` is retired and replaced by two new areas (a split), both naming it in
  `replaces`, so that a council's trend in it carries on in both;
- `engaging-local-smes` is renamed (same key, new title);
- one descriptor of `engaging-councillors` (level 3) is reworded;
- `enabling-vcse-engagement` is marked not applicable to combined authorities.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from maturity.frameworks import loader

RETIRED = "managing-strategic-risk"
SPLIT_INTO = ("managing-supply-chain-risk", "managing-climate-risk")
RENAMED = "engaging-local-smes"
NEW_SME_TITLE = "Engaging local small and medium-sized enterprises (SMEs) and micro-businesses"
REWORDED = "engaging-councillors"
NOT_FOR_COMBINED = "enabling-vcse-engagement"
NEW_DESCRIPTOR = "Councillors are briefed on procurement every year and a named cabinet member leads on it."


def bundled() -> dict:
    return loader.read(loader.bundled_path())


def area_in(document: dict, key: str) -> dict:
    return next(a for s in document["sections"] for a in s["areas"] if a["key"] == key)


def new_area(key: str, title: str, replaces: list[str] | None = None) -> dict:
    area = {
        "key": key,
        "title": title,
        "description": f"How the council handles {title.lower()}.",
        "what_it_is": f"{title} as part of commercial risk management.",
        "levels": [{"number": n, "descriptor": f"{title}: descriptor at level {n}."} for n in range(1, 6)],
    }
    if replaces:
        area["replaces"] = replaces
    return area


def nps_2019() -> dict:
    document = copy.deepcopy(bundled())
    document["version"] = "2019"
    document["follows"] = "2018"
    document["title"] = document["title"] + " (2019 example)"
    for section in document["sections"]:
        for i, area in enumerate(section["areas"]):
            if area["key"] == RETIRED:
                section["areas"][i : i + 1] = [
                    new_area(SPLIT_INTO[0], "Managing supply chain risk", [RETIRED]),
                    new_area(SPLIT_INTO[1], "Managing climate risk", [RETIRED]),
                ]
                break
    area_in(document, RENAMED)["title"] = NEW_SME_TITLE
    area_in(document, REWORDED)["levels"][2]["descriptor"] = NEW_DESCRIPTOR
    area_in(document, NOT_FOR_COMBINED)["not_applicable_to"] = ["combined-authority"]
    return document


def write_yaml(document: dict, folder: Path, name: str = "nps-2019-example.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def group_areas(prefix: str = "green") -> dict:
    """A group's variant document: one section with two areas of its own."""
    return {
        "title": "Regional priorities",
        "sections": [
            {
                "key": "regional-priorities",
                "title": "Regional priorities",
                "kind": "theme",
                "areas": [
                    {
                        **new_area(f"{prefix}-procurement", "Green procurement"),
                        "why_it_matters": "The region has declared a climate emergency.",
                    },
                    new_area(f"{prefix}-ethical-sourcing", "Ethical sourcing"),
                ],
            }
        ],
    }
