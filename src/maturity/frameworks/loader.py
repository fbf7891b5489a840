"""The one validated path by which a framework file becomes data, and back again.

`read` parses YAML or JSON, `validate` checks the schema and the rules a schema cannot say
(unique keys, one descriptor per level, `follows` and `replaces` naming a loaded version and its
areas, organisation types), `load` writes a valid document in one transaction, and `export` gives
the document back in the same shape, so that export then load changes nothing.

A published or retired version is never changed by a load: it is superseded by a new version
that `follows` it. A group's variant (only the group's own areas) goes through `validate_variant`
and `load_variant`, with the same schema and rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from jsonschema import Draft202012Validator

from maturity.frameworks.models import Area, Framework, Section
from maturity.organisations.models import Organisation
from maturity.problems import Problems

SCHEMA_PATH = Path(__file__).with_name("schema.json")
BUNDLED_DIR = Path(__file__).with_name("data")
AREA_TEXT_FIELDS = ("short_title", "description", "what_it_is", "why_it_matters")
AREA_LIST_FIELDS = ("replaces", "not_applicable_to")
# Area keys that would clash with the paths of a framework's own pages.
RESERVED_AREA_KEYS = {"changes"}
RESERVED_FRAMEWORK_KEYS = {"versions"}
FIXED = (Framework.Status.PUBLISHED, Framework.Status.RETIRED)


class FrameworkError(Problems):
    """A framework file that cannot be read, or is not valid. `problems` lists each fault."""


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
        raise FrameworkError(
            [
                _("%(name)s: not valid JSON: %(error)s (line %(line)s, column %(column)s)")
                % {"name": name, "error": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if mark:
            raise FrameworkError(
                [
                    _("%(name)s: not valid YAML: %(error)s (line %(line)s, column %(column)s)")
                    % {"name": name, "error": problem, "line": mark.line + 1, "column": mark.column + 1}
                ]
            ) from None
        raise FrameworkError([_("%(name)s: not valid YAML: %(error)s") % {"name": name, "error": problem}]) from None
    if not isinstance(document, dict):
        raise FrameworkError(
            [_("%(name)s: a framework file must be a mapping with key, version, levels and sections") % {"name": name}]
        )
    for name in ("version", "follows"):
        if isinstance(document.get(name), (int, float)) and not isinstance(document.get(name), bool):
            # YAML reads `version: 2018` as a number; a version is a label, so keep it as text.
            document[name] = str(document[name])
    return document


def validate(document: dict[str, Any]) -> list[str]:
    """Every problem with the document, each naming where it is; an empty list means valid.

    Reads the database only to check `follows` and `replaces` against the version followed."""
    problems = [_schema_problem(error, document) for error in Draft202012Validator(schema()).iter_errors(document)]
    if problems:
        return sorted(problems)
    return _rule_problems(document) + _translation_problems(document) + _version_problems(document)


# A place in a framework file, in words: "Section 2 “Behaving commercially”, area 1 “Creating
# commercial opportunities”, levels" rather than "sections/1/areas/0/levels".
LISTS = {
    "sections": pgettext_lazy("a place in a framework file", "section"),
    "areas": pgettext_lazy("a place in a framework file", "area"),
    "levels": pgettext_lazy("a place in a framework file", "level"),
    "bullets": pgettext_lazy("a place in a framework file", "bullet"),
}
FIELD_WORDS = {
    "not_applicable_to": gettext_lazy("not applicable to"),
    "what_it_is": gettext_lazy("what it is"),
    "why_it_matters": gettext_lazy("why it matters"),
}


def place(document: Any, *parts: str | int) -> str:
    """Where `parts` (a JSON path) points in `document`, named by titles and numbers a person reads."""
    words: list[str] = []
    node, parts_ = document, list(parts)
    i = 0
    while i < len(parts_):
        part, following = parts_[i], parts_[i + 1] if i + 1 < len(parts_) else None
        items = node.get(part) if isinstance(node, dict) else None
        if part in LISTS and isinstance(following, int):
            item = items[following] if isinstance(items, list) and following < len(items) else None
            words.append(_item_words(LISTS[part], following, item))
            node, i = item, i + 2
            continue
        if isinstance(part, int):
            words.append(_("item %(number)s") % {"number": part + 1})
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            words.append(str(FIELD_WORDS.get(str(part), str(part).replace("_", " "))))
            node = items
        i += 1
    text = ", ".join(words)
    return (text[0].upper() + text[1:]) if text else _("The file")


def _item_words(kind: str, index: int, item: Any) -> str:
    words = {"kind": kind, "number": index + 1}
    if not isinstance(item, dict):
        return _("%(kind)s %(number)s") % words
    if str(kind) == str(LISTS["levels"]) and isinstance(item.get("number"), int):
        return _("level %(number)s") % {"number": item["number"]}
    title, key = item.get("title"), item.get("key")
    if isinstance(title, str) and title.strip():
        return _("%(kind)s %(number)s “%(title)s”") % {**words, "title": title.strip()}
    return (
        _("%(kind)s %(number)s (%(key)s)") % {**words, "key": key}
        if isinstance(key, str)
        else _("%(kind)s %(number)s") % words
    )


def _schema_problem(error, document: Any = None) -> str:
    return f"{place(document, *error.absolute_path)}: {error.message}"


def _rule_problems(document: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if document["key"] in RESERVED_FRAMEWORK_KEYS:
        problems.append(
            _("key: %(key)s is kept for the framework pages' own paths: choose another key")
            % {"key": repr(document["key"])}
        )
    numbers = [level["number"] for level in document["levels"]]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(_("levels: numbers must run 1, 2, 3... in order, not %(numbers)s") % {"numbers": numbers})
    names = [level["name"] for level in document["levels"]]
    if len(set(names)) != len(names):
        problems.append(_("levels: each level needs its own name"))
    section_keys: set[str] = set()
    area_keys: set[str] = set()
    for s, section in enumerate(document["sections"]):
        if section["key"] in section_keys:
            problems.append(
                _("%(where)s: %(key)s is used by another section")
                % {"where": place(document, "sections", s, "key"), "key": repr(section["key"])}
            )
        section_keys.add(section["key"])
        for a, area in enumerate(section["areas"]):
            where = place(document, "sections", s, "areas", a)
            if area["key"] in area_keys:
                problems.append(
                    _("%(where)s, key: %(key)s is used by another area") % {"where": where, "key": repr(area["key"])}
                )
            if area["key"] in RESERVED_AREA_KEYS:
                problems.append(
                    _("%(where)s, key: %(key)s is kept for the framework's own pages: choose another key")
                    % {"where": where, "key": repr(area["key"])}
                )
            area_keys.add(area["key"])
            types = set(Organisation.Type.values)
            for t, kind in enumerate(area.get("not_applicable_to", [])):
                if kind not in types:
                    problems.append(
                        _(
                            "%(where)s, not applicable to, item %(number)s: %(kind)s is not an organisation type: use %(types)s"
                        )
                        % {
                            "where": where,
                            "number": t + 1,
                            "kind": repr(kind),
                            "types": ", ".join(Organisation.Type.values),
                        }
                    )
            area_numbers = [level["number"] for level in area["levels"]]
            if area_numbers != numbers:
                problems.append(
                    _("%(where)s, levels: needs one descriptor for each level %(numbers)s in order, not %(found)s")
                    % {"where": where, "numbers": numbers, "found": area_numbers}
                )
    return problems


def translation_languages() -> list[str]:
    """The languages a framework may be translated into: the service's, but English (the source)."""
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _given(value: Any) -> bool:
    return value not in (None, "", [])


def _translation_problems(document: dict[str, Any]) -> list[str]:
    """A language's translation gives every text field of the framework, or the language is left
    out: a page is never half in one language. Each problem names what is missing or unknown."""
    problems: list[str] = []
    languages = translation_languages()
    for code, translated in (document.get("translations") or {}).items():
        where = _("translations, %(language)s") % {"language": code}
        if code not in languages:
            problems.append(
                _("%(where)s: %(language)s is not a language of the service: use %(languages)s")
                % {"where": where, "language": repr(code), "languages": ", ".join(languages)}
            )
            continue
        if not _given(translated.get("title")):
            problems.append(_("%(where)s: missing the framework's title") % {"where": where})
        names = {level["number"] for level in translated.get("levels", [])}
        numbers = [level["number"] for level in document["levels"]]
        missing = [str(n) for n in numbers if n not in names]
        if missing:
            problems.append(
                _("%(where)s, levels: missing the name of level %(numbers)s")
                % {"where": where, "numbers": ", ".join(missing)}
            )
        problems += [
            _("%(where)s, levels: %(number)s is not a level of the framework") % {"where": where, "number": n}
            for n in sorted(names - set(numbers))
        ]
        problems += _translated_items(
            f"{where}, sections",
            translated.get("sections", {}),
            [(section, ("title", "description"), None) for section in document["sections"]],
            LISTS["sections"],
        )
        problems += _translated_items(
            f"{where}, areas",
            translated.get("areas", {}),
            [
                (area, ("title", *AREA_TEXT_FIELDS), area["levels"])
                for section in document["sections"]
                for area in section["areas"]
            ],
            LISTS["areas"],
        )
    return problems


def _translated_items(where: str, translated: dict[str, Any], items: list, kind: str) -> list[str]:
    problems: list[str] = []
    known = {item["key"] for item, _, _ in items}
    for item, fields, levels in items:
        given = translated.get(item["key"], {})
        name = _("%(where)s, %(kind)s “%(title)s” (%(key)s)") % {
            "where": where,
            "kind": kind,
            "title": item["title"],
            "key": item["key"],
        }
        missing = [
            str(FIELD_WORDS.get(f, f.replace("_", " ")))
            for f in fields
            if _given(item.get(f)) and not _given(given.get(f))
        ]
        extra = [
            str(FIELD_WORDS.get(f, f.replace("_", " ")))
            for f in fields
            if _given(given.get(f)) and not _given(item.get(f))
        ]
        if levels is not None:
            descriptors = {level["number"] for level in given.get("levels", [])}
            missing += [
                _("the descriptor of level %(number)s") % {"number": level["number"]}
                for level in levels
                if level["number"] not in descriptors
            ]
            extra += [
                _("level %(number)s") % {"number": n}
                for n in sorted(descriptors - {level["number"] for level in levels})
            ]
        if missing:
            problems.append(_("%(where)s: missing %(fields)s") % {"where": name, "fields": ", ".join(missing)})
        if extra:
            problems.append(
                _("%(where)s: translates %(fields)s, which the English does not have")
                % {"where": name, "fields": ", ".join(extra)}
            )
    problems += [
        _("%(where)s: %(key)s is not a %(kind)s of the framework") % {"where": where, "key": repr(key), "kind": kind}
        for key in sorted(set(translated) - known)
    ]
    return problems


def _version_problems(document: dict[str, Any]) -> list[str]:
    """`follows` names a loaded version of the same framework; `replaces` names its areas."""
    problems: list[str] = []
    follows = document.get("follows")
    replacing = [
        (place(document, "sections", s, "areas", a, "replaces"), area["replaces"])
        for s, section in enumerate(document["sections"])
        for a, area in enumerate(section["areas"])
        if area.get("replaces")
    ]
    if follows is None:
        problems += [
            _("%(where)s: only a version that follows another can replace areas: add `follows:`") % {"where": where}
            for where, keys in replacing
        ]
        return problems
    if follows == document["version"]:
        return [_("follows: a version cannot follow itself (%(ref)s)") % {"ref": f"{document['key']}@{follows}"}]
    followed = Framework.objects.filter(key=document["key"], version=follows, group__isnull=True).first()
    if followed is None:
        return [
            _("follows: %(ref)s is not loaded: load the version this one follows first")
            % {"ref": f"{document['key']}@{follows}"}
        ]
    step, seen = followed, set()
    while step is not None and step.pk not in seen:
        if step.version == document["version"]:
            return [
                _("follows: %(followed)s follows %(ref)s, so this would go round in a circle")
                % {"followed": followed.ref, "ref": f"{document['key']}@{document['version']}"}
            ]
        seen.add(step.pk)
        step = step.follows
    earlier = set(followed.areas.values_list("key", flat=True))
    for where, keys in replacing:
        for k, key in enumerate(keys):
            if key not in earlier:
                problems.append(
                    _("%(where)s, item %(number)s: %(key)s is not an area of %(ref)s")
                    % {"where": where, "number": k + 1, "key": repr(key), "ref": followed.ref}
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

    Loading the same document again changes nothing. Only a draft can change: a published or
    retired version (or one with assessments) is superseded by a new version that follows it.
    """
    check(document)
    framework = Framework.objects.filter(key=document["key"], version=document["version"]).first()
    status = status or document.get("status") or (framework.status if framework else Framework.Status.PUBLISHED)
    if framework is not None:
        if framework.group_id is not None:
            raise FrameworkError(
                [
                    _("%(ref)s is the variant of a group: its group replaces it from the group's pages")
                    % {"ref": framework.ref}
                ]
            )
        same = export(framework) == _comparable(document)
        if same and framework.status == status:
            return LoadResult(framework, "unchanged")
        if not same and framework.assessments.exists():
            raise FrameworkError(
                [
                    _("%(ref)s already has assessments, so its content cannot change: load it as a new version")
                    % {"ref": framework.ref}
                ]
            )
        if framework.status in FIXED:
            raise FrameworkError([_fixed_message(framework, same, status)])
        outcome = "updated"
    else:
        framework = Framework(key=document["key"], version=document["version"])
        outcome = "created"
    framework.title = document["title"]
    framework.source = document.get("source", "")
    framework.levels = [{"number": level["number"], "name": level["name"]} for level in document["levels"]]
    framework.follows = (
        Framework.objects.get(key=document["key"], version=document["follows"], group__isnull=True)
        if document.get("follows")
        else None
    )
    if status in FIXED and framework.follows is not None and framework.follows.status == Framework.Status.DRAFT:
        raise FrameworkError(
            [
                _("follows: %(ref)s is a draft: publish it before a version that follows it")
                % {"ref": framework.follows.ref}
            ]
        )
    framework.status = status
    framework.translations = document.get("translations") or {}
    _stamp(framework)
    framework.save()
    _write_sections(framework, document["sections"])
    return LoadResult(framework, outcome)


def _fixed_message(framework: Framework, same: bool, status: str) -> str:
    values = {"ref": framework.ref, "state": str(framework.get_status_display()).lower(), "version": framework.version}
    if same and status == Framework.Status.DRAFT:
        return _("%(ref)s is %(state)s, so it cannot become a draft again: a new version supersedes it") % values
    if same and framework.status == Framework.Status.PUBLISHED:
        return _("%(ref)s is published: retire it with `maturity framework retire %(ref)s`") % values
    if same:
        return _("%(ref)s is retired, so it cannot be published again: a new version supersedes it") % values
    return (
        _(
            "%(ref)s is %(state)s, so its content cannot change: load the changes as a new version "
            '(a new `version:`, with `follows: "%(version)s"`)'
        )
        % values
    )


def _stamp(framework: Framework) -> None:
    if framework.status in FIXED and framework.published_at is None:
        framework.published_at = timezone.now()
    if framework.status == Framework.Status.RETIRED and framework.retired_at is None:
        framework.retired_at = timezone.now()


def _write_sections(framework: Framework, sections: list[dict[str, Any]], *, after: tuple[int, int] = (0, 0)) -> None:
    """Write the sections and areas, numbering them on from `after` (sections, areas): a group's
    areas come after those of the framework it extends."""
    existing_sections = {section.key: section for section in framework.sections.all()}
    existing_areas = {area.key: area for area in framework.areas.all()}
    kept_sections, kept_areas = set(), set()
    section_offset, area_position = after
    for s_position, data in enumerate(sections, start=section_offset + 1):
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
            area.replaces = list(area_data.get("replaces", []))
            area.not_applicable_to = list(area_data.get("not_applicable_to", []))
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
    }
    if framework.follows_id is not None:
        document["follows"] = framework.follows.version
    document["title"] = framework.title
    if framework.source:
        document["source"] = framework.source
    document["levels"] = [{"number": level["number"], "name": level["name"]} for level in framework.levels]
    document["sections"] = [
        _export_section(section, areas_by_section.get(section.pk, []))
        for section in framework.sections.order_by("position")
    ]
    if framework.translations:
        document["translations"] = framework.translations
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
    for field in AREA_LIST_FIELDS:
        if getattr(area, field):
            data[field] = list(getattr(area, field))
    data["levels"] = [{"number": level["number"], "descriptor": level["descriptor"]} for level in area.descriptors]
    return data


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document as export() would give it (no status, no empty optional fields)."""
    document = {key: value for key, value in document.items() if key != "status"}
    if not document.get("source"):
        document.pop("source", None)
    if not document.get("translations"):
        document.pop("translations", None)
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


# --- A group's variant: the group's own areas, added to a national framework ------------------


def variant_schema() -> dict[str, Any]:
    return {"$defs": schema()["$defs"], "$ref": "#/$defs/variant"}


def validate_variant(document: dict[str, Any], *, group, extends: Framework) -> list[str]:
    """Every problem with a group's variant document (only `title` and `sections`), checked by the
    framework schema and rules against the levels of the framework it extends, plus the rules of
    a variant: each area has a description, help and a descriptor per level, and a key of its own
    (not an area of the framework, nor of another group's variant of it)."""
    problems = [
        _schema_problem(error, document) for error in Draft202012Validator(variant_schema()).iter_errors(document)
    ]
    if problems:
        return sorted(problems)
    problems = _rule_problems(_variant_document(document, group=group, extends=extends, key="x", version="x"))
    national = set(extends.areas.values_list("key", flat=True))
    others = dict(
        Area.objects.filter(
            framework__extends=extends, framework__status__in=[Framework.Status.DRAFT, Framework.Status.PUBLISHED]
        )
        .exclude(framework__group=group)
        .values_list("key", "framework__group__name")
    )
    for s, section in enumerate(document["sections"]):
        for a, area in enumerate(section["areas"]):
            where = place(document, "sections", s, "areas", a)
            if area["key"] in national:
                problems.append(
                    _("%(where)s, key: %(key)s is an area of %(ref)s already: give the group's area a key of its own")
                    % {"where": where, "key": repr(area["key"]), "ref": extends.ref}
                )
            elif area["key"] in others:
                problems.append(
                    _(
                        "%(where)s, key: %(key)s is an area of %(group)s's variant: give it a key of your own, such as %(suggested)s"
                    )
                    % {
                        "where": where,
                        "key": repr(area["key"]),
                        "group": others[area["key"]],
                        "suggested": repr(group.slug + "-" + area["key"]),
                    }
                )
            if not area.get("description"):
                problems.append(_("%(where)s: a group's area needs a description") % {"where": where})
            if not (area.get("what_it_is") or area.get("why_it_matters")):
                problems.append(
                    _("%(where)s: a group's area needs help: what_it_is, why_it_matters or both") % {"where": where}
                )
            if area.get("replaces"):
                problems.append(
                    _("%(where)s, replaces: a group's area adds to the framework and cannot replace its areas")
                    % {"where": where}
                )
    return problems


def check_variant(document: dict[str, Any], *, group, extends: Framework) -> dict[str, Any]:
    problems = validate_variant(document, group=group, extends=extends)
    if problems:
        raise FrameworkError(problems)
    return document


def variant_key(group, extends: Framework) -> str:
    """The key of a group's variants of `extends`: `nps-north-west` (kept to the field's 50 characters)."""
    key = f"{extends.key}-{group.slug}"[:50].strip("-")
    if Framework.objects.filter(key=key).exclude(group=group).exists():
        key = f"{extends.key}-g{group.pk}"[:50]
    return key


def _variant_document(document: dict[str, Any], *, group, extends: Framework, key: str, version: str) -> dict[str, Any]:
    return {
        "key": key,
        "version": version,
        "title": document.get("title") or f"{group.name}: the group's own areas",
        "levels": extends.levels,
        "sections": document["sections"],
    }


@transaction.atomic
def load_variant(document: dict[str, Any], *, group, extends: Framework) -> LoadResult:
    """Load a group's areas as the group's draft variant of `extends` (a new draft, or the one
    waiting to be published, updated). The group publishes it from its pages."""
    check_variant(document, group=group, extends=extends)
    variants = Framework.objects.filter(group=group, extends=extends)
    framework = variants.filter(status=Framework.Status.DRAFT).first()
    outcome = "updated"
    if framework is None:
        key = variant_key(group, extends)
        number = variants.count() + 1
        while Framework.objects.filter(key=key, version=f"{extends.version}.{number}").exists():
            number += 1
        framework = Framework(key=key, version=f"{extends.version}.{number}", group=group, extends=extends)
        outcome = "created"
    full = _variant_document(document, group=group, extends=extends, key=framework.key, version=framework.version)
    framework.title = full["title"]
    framework.levels = [dict(level) for level in extends.levels]
    framework.status = Framework.Status.DRAFT
    framework.follows = variants.exclude(status=Framework.Status.DRAFT).order_by("-published_at", "-pk").first()
    framework.save()
    after = (extends.sections.count(), max(extends.areas.values_list("position", flat=True), default=0))
    _write_sections(framework, full["sections"], after=after)
    return LoadResult(framework, outcome)


def variant_document(framework: Framework) -> dict[str, Any]:
    """A variant as the group uploads it: its title and its own sections."""
    return {"title": framework.title, "sections": export(framework)["sections"]}
