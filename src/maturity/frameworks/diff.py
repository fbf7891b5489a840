"""What changed between two versions of a framework, word by word.

Pure functions over framework documents (the shape of the framework files and of
`loader.export`), with no Django: `word_diff` compares two texts word by word, `compare` lists
the areas added, removed, renamed and replaced, the descriptors changed and the organisation
types an area applies to, and `as_text` prints
the result for the command line (`maturity framework diff nps@2018 nps@2019`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

from maturity.text import plain

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
TEXT_FIELDS = (
    ("description", gettext_lazy("Description")),
    ("what_it_is", gettext_lazy("What it is")),
    ("why_it_matters", gettext_lazy("Why it is important")),
)


@dataclass(frozen=True)
class Segment:
    """A run of words that is the same in both texts, only in the new one, or only in the old one."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new` as equal, deleted and inserted runs (whitespace is not a change)."""
    a, b = old.split(), new.split()
    segments: list[Segment] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, f"{segments[-1].text} {' '.join(words)}")
        else:
            segments.append(Segment(op, " ".join(words)))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EQUAL, a[i1:i2])
        else:
            add(DELETE, a[i1:i2])
            add(INSERT, b[j1:j2])
    return segments


def old_text(segments: Iterable[Segment]) -> str:
    return " ".join(s.text for s in segments if s.op != INSERT)


def new_text(segments: Iterable[Segment]) -> str:
    return " ".join(s.text for s in segments if s.op != DELETE)


def has_changes(segments: Iterable[Segment]) -> bool:
    return any(s.op != EQUAL for s in segments)


# --- Two versions of a framework ----------------------------------------------------------------


@dataclass(frozen=True)
class AreaRef:
    key: str
    title: str
    section: str


@dataclass(frozen=True)
class Renamed:
    key: str
    old_title: str
    new_title: str
    title: list[Segment]


@dataclass(frozen=True)
class Replaced:
    area: AreaRef
    replaces: list[AreaRef]


@dataclass(frozen=True)
class TextChange:
    """One changed text of an area: a level's descriptor (`level` set) or a help text."""

    label: str
    segments: list[Segment]
    level: int | None = None


@dataclass(frozen=True)
class ChangedArea:
    key: str
    title: str
    descriptors: list[TextChange]
    texts: list[TextChange]


@dataclass(frozen=True)
class LevelRenamed:
    number: int
    old_name: str
    new_name: str


@dataclass(frozen=True)
class ApplicabilityChanged:
    """An area kept from one version to the next whose organisation types it does not apply to changed."""

    key: str
    title: str
    now_excluded: list[str]  # types it no longer applies to
    now_included: list[str]  # types it applies to again


@dataclass
class FrameworkChanges:
    old_ref: str
    new_ref: str
    old_version: str
    new_version: str
    added: list[AreaRef] = field(default_factory=list)
    removed: list[AreaRef] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    changed: list[ChangedArea] = field(default_factory=list)
    levels_renamed: list[LevelRenamed] = field(default_factory=list)
    applicability: list[ApplicabilityChanged] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.replaced
            or self.changed
            or self.levels_renamed
            or self.applicability
        )


def _areas(document: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    return {area["key"]: (area, section["title"]) for section in document["sections"] for area in section["areas"]}


def _ref(document: dict[str, Any]) -> str:
    return f"{document['key']}@{document['version']}"


def compare(old: dict[str, Any], new: dict[str, Any]) -> FrameworkChanges:
    """The changes from framework document `old` to `new`.

    Areas are matched by key. An area of `new` that names areas of `old` in `replaces` is listed
    as replacing them (and is not "added"); an area of `old` that is neither kept nor replaced is
    "removed", so its trend ends with the old version.
    """
    old_areas, new_areas = _areas(old), _areas(new)
    changes = FrameworkChanges(_ref(old), _ref(new), str(old["version"]), str(new["version"]))
    old_names = {level["number"]: level["name"] for level in old["levels"]}
    new_names = {level["number"]: level["name"] for level in new["levels"]}
    for number, name in new_names.items():
        if number in old_names and old_names[number] != name:
            changes.levels_renamed.append(LevelRenamed(number, old_names[number], name))

    replaced_keys: set[str] = set()
    for key, (area, section) in new_areas.items():
        replaces = [k for k in area.get("replaces", []) if k in old_areas]
        if replaces:
            replaced_keys.update(replaces)
            changes.replaced.append(
                Replaced(
                    AreaRef(key, area["title"], section),
                    [AreaRef(k, old_areas[k][0]["title"], old_areas[k][1]) for k in replaces],
                )
            )
        if key not in old_areas:
            if not replaces:
                changes.added.append(AreaRef(key, area["title"], section))
            continue
        before = old_areas[key][0]
        if before["title"] != area["title"]:
            changes.renamed.append(
                Renamed(key, before["title"], area["title"], word_diff(before["title"], area["title"]))
            )
        changed = _changed_area(before, area, new_names)
        if changed is not None:
            changes.changed.append(changed)
        was, now = set(before.get("not_applicable_to", [])), set(area.get("not_applicable_to", []))
        if was != now:
            changes.applicability.append(ApplicabilityChanged(key, area["title"], sorted(now - was), sorted(was - now)))
    for key, (area, section) in old_areas.items():
        if key not in new_areas and key not in replaced_keys:
            changes.removed.append(AreaRef(key, area["title"], section))
    return changes


def _changed_area(before: dict[str, Any], after: dict[str, Any], names: dict[int, str]) -> ChangedArea | None:
    old_levels = {level["number"]: level["descriptor"] for level in before["levels"]}
    descriptors = []
    for level in after["levels"]:
        number = level["number"]
        segments = word_diff(plain(old_levels.get(number)), plain(level["descriptor"]))
        if has_changes(segments):
            descriptors.append(TextChange(f"Level {number} – {names.get(number, '?')}", segments, number))
    texts = []
    for name, label in TEXT_FIELDS:
        segments = word_diff(plain(before.get(name)), plain(after.get(name)))
        if has_changes(segments):
            texts.append(TextChange(label, segments))
    if not descriptors and not texts:
        return None
    return ChangedArea(after["key"], after["title"], descriptors, texts)


# --- The command line's view ----------------------------------------------------------------------


def marked(segments: Iterable[Segment]) -> str:
    """Segments as text, git's word-diff style: [-removed words-] {+added words+}."""
    parts = []
    for segment in segments:
        if segment.op == DELETE:
            parts.append(f"[-{segment.text}-]")
        elif segment.op == INSERT:
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return " ".join(parts)


def applicability_text(change: ApplicabilityChanged, labels: dict[str, str] | None = None) -> str:
    """'no longer applies to District council; applies again to Combined authority'."""

    def names(kinds: list[str]) -> str:
        words = [(labels or {}).get(kind, kind) for kind in kinds]
        return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]

    parts = []
    if change.now_excluded:
        parts.append(f"no longer applies to {names(change.now_excluded)}")
    if change.now_included:
        parts.append(f"applies again to {names(change.now_included)}")
    return "; ".join(parts)


def as_text(changes: FrameworkChanges, type_labels: dict[str, str] | None = None) -> str:
    lines = [f"Changes from {changes.old_ref} to {changes.new_ref}"]
    if changes.is_empty:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"
    if changes.levels_renamed:
        lines.append("\nLevels renamed:")
        lines += [f"  level {c.number}: {c.old_name} -> {c.new_name}" for c in changes.levels_renamed]
    if changes.added:
        lines.append("\nAreas added:")
        lines += [f"  + {a.key}: {a.title} ({a.section})" for a in changes.added]
    if changes.removed:
        lines.append(f"\nAreas removed (their trend ends with version {changes.old_version}):")
        lines += [f"  - {a.key}: {a.title}" for a in changes.removed]
    if changes.renamed:
        lines.append("\nAreas renamed:")
        lines += [f"  {r.key}: {marked(r.title)}" for r in changes.renamed]
    if changes.replaced:
        lines.append("\nAreas replaced (their trend carries on in the new area):")
        for r in changes.replaced:
            old = ", ".join(f"{a.key} ({a.title})" for a in r.replaces)
            lines.append(f"  {r.area.key} ({r.area.title}) replaces {old}")
    if changes.applicability:
        lines.append("\nWho areas apply to:")
        lines += [f"  {c.key}: {applicability_text(c, type_labels)}" for c in changes.applicability]
    if changes.changed:
        lines.append("\nDescriptors and help changed:")
        for area in changes.changed:
            lines.append(f"  {area.key}: {area.title}")
            for change in [*area.texts, *area.descriptors]:
                lines.append(f"    {change.label}: {marked(change.segments)}")
    return "\n".join(lines) + "\n"
