"""What the framework pages show, prepared from the models so that templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from maturity.frameworks.models import Area, Framework, Section


@dataclass(frozen=True)
class LevelCard:
    number: int
    name: str
    descriptor: Any


def level_cards(framework: Framework, area: Area) -> list[LevelCard]:
    names = framework.level_names
    return [LevelCard(d["number"], names[d["number"]], d["descriptor"]) for d in area.descriptors]


def area_url(framework: Framework, area: Area) -> str:
    return reverse("frameworks:area", kwargs={"key": framework.key, "version": framework.version, "area_key": area.key})


def sections_with_areas(framework: Framework) -> list[tuple[Section, list[Area]]]:
    areas = list(framework.areas.order_by("position"))
    return [
        (section, [area for area in areas if area.section_id == section.pk])
        for section in framework.sections.order_by("position")
    ]


def overview(framework: Framework) -> dict[str, Any]:
    sections = sections_with_areas(framework)
    return {
        "framework": framework,
        "themes": [
            {"section": s, "areas": [{"area": a, "url": area_url(framework, a)} for a in areas]}
            for s, areas in sections
            if s.kind == Section.Kind.THEME
        ],
        "enablers": [
            {"section": s, "areas": [{"area": a, "url": area_url(framework, a)} for a in areas]}
            for s, areas in sections
            if s.kind == Section.Kind.ENABLERS
        ],
        "levels": framework.levels,
        "area_count": sum(len(areas) for _, areas in sections),
        "enabler_count": sum(len(areas) for s, areas in sections if s.kind == Section.Kind.ENABLERS),
        "export_json": reverse("frameworks:export", kwargs={"key": framework.key, "version": framework.version, "fmt": "json"}),
        "export_yaml": reverse("frameworks:export", kwargs={"key": framework.key, "version": framework.version, "fmt": "yaml"}),
    }


def area_page(framework: Framework, area: Area) -> dict[str, Any]:
    areas = list(framework.areas.order_by("position"))
    index = next(i for i, a in enumerate(areas) if a.pk == area.pk)
    previous_area = areas[index - 1] if index > 0 else None
    next_area = areas[index + 1] if index + 1 < len(areas) else None
    return {
        "framework": framework,
        "area": area,
        "section": area.section,
        "levels": level_cards(framework, area),
        "overview_url": reverse("frameworks:detail", kwargs={"key": framework.key, "version": framework.version}),
        "previous": {"title": previous_area.label, "url": area_url(framework, previous_area)} if previous_area else None,
        "next": {"title": next_area.label, "url": area_url(framework, next_area)} if next_area else None,
    }
