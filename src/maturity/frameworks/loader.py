"""The one validated path by which a framework file becomes data, and back again.

`read` parses YAML or JSON, `validate` checks the schema and the rules a schema cannot say
(unique keys, one descriptor per level), `load` writes a valid document in one transaction,
and `export` gives the document back in the same shape, so that export then load changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from jsonschema import Draft202012Validator

from maturity.frameworks.models import Area, Framework, Section

SCHEMA_PATH = Path(__file__).with_name("schema.json")
BUNDLED_DIR = Path(__file__).with_name("data")
AREA_TEXT_FIELDS = ("short_title", "description", "what_it_is", "why_it_matters")


class FrameworkError(Exception):
    """A framework file that cannot be read, or is not valid. `problems` lists each fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    outcome: str  # "created", "updated" or "unchanged"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def read(path: str | Path) -> dict[str, Any]:
    """Parse a framework file (.yaml, .yml or .json)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrameworkError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        raise FrameworkError([f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    return parse(raw, name=str(path), as_json=path.suffix.lower() == ".json")


def parse(raw: str, *, name: str = "the file", as_json: bool = False) -> dict[str, Any]:
    try:
        document = json.loads(raw) if as_json else yaml.safe_load(raw)
    except json.JSONDecodeError as error:
        raise FrameworkError([f"{name}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise FrameworkError([f"{name}: not valid YAML: {problem}{where}"]) from None
    if not isinstance(document, dict):
        raise FrameworkError([f"{name}: a framework file must be a mapping with key, version, levels and sections"])
    if isinstance(document.get("version"), (int, float)):
        # YAML reads `version: 2018` as a number; the version is a label, so keep it as text.
        document["version"] = str(document["version"])
    return document


def validate(document: dict[str, Any]) -> list[str]:
    """Every problem with the document, each naming where it is; an empty list means valid."""
    problems = [_schema_problem(error) for error in Draft202012Validator(schema()).iter_errors(document)]
    if problems:
        return sorted(problems)
    return _rule_problems(document)


def _schema_problem(error) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    return f"{where}: {error.message}"


def _rule_problems(document: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    numbers = [level["number"] for level in document["levels"]]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"levels: numbers must run 1, 2, 3... in order, not {numbers}")
    names = [level["name"] for level in document["levels"]]
    if len(set(names)) != len(names):
        problems.append("levels: each level needs its own name")
    section_keys: set[str] = set()
    area_keys: set[str] = set()
    for s, section in enumerate(document["sections"]):
        if section["key"] in section_keys:
            problems.append(f"sections/{s}/key: {section['key']!r} is used by another section")
        section_keys.add(section["key"])
        for a, area in enumerate(section["areas"]):
            where = f"sections/{s}/areas/{a}"
            if area["key"] in area_keys:
                problems.append(f"{where}/key: {area['key']!r} is used by another area")
            area_keys.add(area["key"])
            area_numbers = [level["number"] for level in area["levels"]]
            if area_numbers != numbers:
                problems.append(
                    f"{where}/levels: needs one descriptor for each level {numbers} in order, not {area_numbers}"
                )
    return problems


def check(document: dict[str, Any]) -> dict[str, Any]:
    problems = validate(document)
    if problems:
        raise FrameworkError(problems)
    return document


@transaction.atomic
def load(document: dict[str, Any], *, status: str | None = None) -> LoadResult:
    """Create or update the framework `key@version` from a valid document.

    Loading the same document again changes nothing. A framework that already has assessments
    cannot have its areas changed: a new version must be published instead.
    """
    check(document)
    framework = Framework.objects.filter(key=document["key"], version=document["version"]).first()
    status = status or document.get("status") or (framework.status if framework else Framework.Status.PUBLISHED)
    if framework is not None:
        if export(framework) == _comparable(document) and framework.status == status:
            return LoadResult(framework, "unchanged")
        if framework.assessments.exists() and export(framework) != _comparable(document):
            raise FrameworkError(
                [f"{framework.ref} already has assessments, so its content cannot change: load it as a new version"]
            )
        outcome = "updated"
    else:
        framework = Framework(key=document["key"], version=document["version"])
        outcome = "created"
    framework.title = document["title"]
    framework.source = document.get("source", "")
    framework.levels = [{"number": level["number"], "name": level["name"]} for level in document["levels"]]
    framework.status = status
    framework.save()
    _write_sections(framework, document["sections"])
    return LoadResult(framework, outcome)


def _write_sections(framework: Framework, sections: list[dict[str, Any]]) -> None:
    existing_sections = {section.key: section for section in framework.sections.all()}
    existing_areas = {area.key: area for area in framework.areas.all()}
    kept_sections, kept_areas = set(), set()
    area_position = 0
    for s_position, data in enumerate(sections, start=1):
        section = existing_sections.get(data["key"]) or Section(framework=framework, key=data["key"])
        section.title, section.kind = data["title"], data["kind"]
        section.description = data.get("description")
        section.position = s_position
        section.save()
        kept_sections.add(section.key)
        for area_data in data["areas"]:
            area_position += 1
            area = existing_areas.get(area_data["key"]) or Area(framework=framework, key=area_data["key"])
            area.section = section
            area.title = area_data["title"]
            area.short_title = area_data.get("short_title", "")
            area.description = area_data.get("description")
            area.what_it_is = area_data.get("what_it_is")
            area.why_it_matters = area_data.get("why_it_matters")
            area.descriptors = [
                {"number": level["number"], "descriptor": level["descriptor"]} for level in area_data["levels"]
            ]
            area.position = area_position
            area.save()
            kept_areas.add(area.key)
    framework.areas.exclude(key__in=kept_areas).delete()
    framework.sections.exclude(key__in=kept_sections).delete()


def export(framework: Framework) -> dict[str, Any]:
    """The framework as a document of the file format (and of the public JSON export)."""
    areas_by_section: dict[int, list[Area]] = {}
    for area in framework.areas.order_by("position"):
        areas_by_section.setdefault(area.section_id, []).append(area)
    document: dict[str, Any] = {
        "key": framework.key,
        "version": framework.version,
        "title": framework.title,
    }
    if framework.source:
        document["source"] = framework.source
    document["levels"] = [{"number": level["number"], "name": level["name"]} for level in framework.levels]
    document["sections"] = [
        _export_section(section, areas_by_section.get(section.pk, []))
        for section in framework.sections.order_by("position")
    ]
    return document


def _export_section(section: Section, areas: list[Area]) -> dict[str, Any]:
    data: dict[str, Any] = {"key": section.key, "title": section.title, "kind": section.kind}
    if section.description is not None:
        data["description"] = section.description
    data["areas"] = [_export_area(area) for area in areas]
    return data


def _export_area(area: Area) -> dict[str, Any]:
    data: dict[str, Any] = {"key": area.key, "title": area.title}
    for field in AREA_TEXT_FIELDS:
        value = getattr(area, field)
        if value not in (None, ""):
            data[field] = value
    data["levels"] = [{"number": level["number"], "descriptor": level["descriptor"]} for level in area.descriptors]
    return data


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document as export() would give it (no status, no empty optional fields)."""
    document = {key: value for key, value in document.items() if key != "status"}
    if not document.get("source"):
        document.pop("source", None)
    document["sections"] = [
        {
            **{k: v for k, v in section.items() if k != "areas" and v is not None},
            "areas": [{k: v for k, v in area.items() if v not in (None, "")} for area in section["areas"]],
        }
        for section in document["sections"]
    ]
    return json.loads(json.dumps(document))


def dump(document: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def find(ref: str) -> Framework:
    """The framework named `key@version` (or just `key` for its latest published version)."""
    key, _, version = ref.partition("@")
    frameworks = Framework.objects.filter(key=key)
    if version:
        framework = frameworks.filter(version=version).first()
    else:
        framework = frameworks.filter(status=Framework.Status.PUBLISHED).order_by("-version").first()
    if framework is None:
        known = ", ".join(f.ref for f in Framework.objects.order_by("key", "version")) or "none loaded yet"
        raise FrameworkError([f"No framework {ref!r}. Known frameworks: {known}"])
    return framework


def bundled_path(name: str = "nps-2018.yaml") -> Path:
    return BUNDLED_DIR / name
