"""Prove that a maturity framework is a faithful transcription of the NPS 2018 seed text.

Pure Python (no Django), so the check can run against the YAML data file, a framework exported
from the database, or anything else with the same shape::

    {"levels": [{"number": 1, "name": "Minimum"}, ...],
     "sections": [{"key", "title", "kind": "theme" | "enablers", "description"?,
                   "areas": [{"key", "title", "short_title"?, "description"?, "what_it_is"?,
                              "why_it_matters"?, "levels": [{"number", "descriptor"}, ...]}]}]}

A "<text>" value (description, what_it_is, why_it_matters, descriptor) is either a string or a
list of blocks, where each block is a string (a paragraph) or ``{"bullets": [str, ...]}``.

The seed is text extracted from the strategy's PDF, so lines wrap mid-sentence, words are
hyphenated across lines and spacing is irregular. Two comparison keys absorb that:

* ``normalise`` keeps only letters and digits, casefolded. Wrapping, spacing, hyphenation,
  quotes and bullets cannot cause a false alarm, and any changed, added, dropped or moved
  word is still caught.
* ``seed_paragraphs`` is stricter: each paragraph and bullet of the seed, with the seed's own
  punctuation, capitals and curly quotes. Wrapped lines are joined with one space, except after
  a line-final hyphen or slash (every such case in the framework pages is a real
  "decision-making" or "and/or"), and repeated spaces are collapsed. Every paragraph and bullet
  of the framework must be one of them, exactly.

``check_framework`` returns human-readable problems. An empty list means the framework is
faithful.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEED = REPO.parent / "shared" / "seed" / "national-procurement-strategy-2018.txt"

LEVEL_NAMES = ("Minimum", "Developing", "Mature", "Leader", "Innovator")
THEME_COUNT, THEME_AREA_COUNT, ENABLER_COUNT = 3, 10, 4
TEXT_FIELDS = ("description", "what_it_is", "why_it_matters")

# Printed in every key area's page and carrying nothing of the framework's content. The level
# names and the page footer are added at run time.
FURNITURE = (
    "Key area:",
    "Description:",
    "Help: What it is:",
    "Why it is important:",
    "High level principle/specific behaviour:",
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_URL_LINE = re.compile(r"\s*(?:https?://|www\.)\S+\s*")


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def _key_char(ch: str) -> str:
    ch = unicodedata.normalize("NFKC", ch).translate(_QUOTES).casefold()
    return "".join(c for c in ch if c.isalnum())


def _key_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` together with, for each key character, its index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in _key_char(ch):
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def normalise(text: str) -> str:
    """Comparison key: whitespace collapsed, curly and straight quotes made the same, then
    reduced to casefolded letters and digits.

    The seed and the data go through the same function. So "decision-\\nmaking", "decision-making"
    and "decision making", "of  the" and "of the", and ‘x’ and 'x' all give the same key.
    Words and their order are kept.
    """
    text = re.sub(r"\s+", " ", text.translate(_QUOTES))
    return _key_with_map(text)[0]


def blocks(value: Any) -> Iterator[str]:
    """Each paragraph and each bullet of a "<text>" value, in order."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
        return
    if not isinstance(value, list):
        raise TypeError(f"expected a string or a list of blocks, got {type(value).__name__}")
    for block in value:
        if isinstance(block, str):
            yield block
        elif isinstance(block, dict) and set(block) == {"bullets"} and isinstance(block["bullets"], list):
            for bullet in block["bullets"]:
                if not isinstance(bullet, str):
                    raise TypeError(f"a bullet must be a string, got {type(bullet).__name__}")
                yield bullet
        else:
            raise TypeError(f"a block must be a string or {{bullets: [...]}}, got {block!r}")


def flatten(text: Any) -> str:
    """Turn a "<text>" value (a string or a list of blocks) into one string."""
    return " ".join(blocks(text))


def _flat(value: Any) -> str:
    """``flatten``, or "" for a malformed value (reported separately by ``_check_strings``)."""
    try:
        return flatten(value)
    except TypeError:
        return ""


def exact_seed_text(seed: str) -> str:
    """The seed with its line wrapping undone but its punctuation, capitals and quotes kept.

    Wrapped lines are joined with one space, except after a line-final hyphen or slash (in this
    strategy those are real: "decision-\\nmaking", "and/\\nor"). Repeated spaces become one.
    """
    text = re.sub(r"•\s*", " ", seed)
    text = re.sub(r"([-/])[ \t]*\n[ \t]*(?=\S)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def seed_paragraphs(seed: str) -> set[str]:
    """Every paragraph and every bullet of the seed, joined by ``exact_seed_text``.

    A paragraph ends at a blank line or a page break (a line the extraction starts with a space),
    and a bullet starts at "•". A paragraph that opens with a label ("Key area:", "Description:",
    "Help: What it is:", ..., or the enablers' header row of level names) is also included
    without the label.
    """
    units: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            units.append(exact_seed_text("\n".join(lines)))
            lines.clear()

    for line in seed.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("•"):
            flush()
            lines.append(stripped.lstrip("•").strip())
        elif line[0].isspace():  # the extraction starts each new page with a space
            flush()
            lines.append(line)
        else:
            lines.append(line)
    flush()
    labels = [*FURNITURE, "Description", " ".join(LEVEL_NAMES)]
    result = set(units)
    for unit in units:
        for label in labels:
            if unit.startswith(label + " "):
                result.add(unit[len(label) + 1 :])
    return result


def seed_path() -> Path:
    """$NPS_SEED if set, else <repo>/../shared/seed/national-procurement-strategy-2018.txt."""
    return Path(os.environ.get("NPS_SEED") or DEFAULT_SEED)


def seed_text() -> str | None:
    """The seed text (see ``seed_path``), or None if it is absent."""
    try:
        return seed_path().read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


class _Seed:
    def __init__(self, seed: str, framework_title: str, level_names: list[str]):
        self.raw = seed
        self.key, self.where = _key_with_map(seed)
        self.paragraphs = seed_paragraphs(seed)
        furniture = {normalise(f) for f in (*FURNITURE, *level_names)}
        title_key = normalise(framework_title) if framework_title else None
        for line in seed.splitlines():
            if _URL_LINE.fullmatch(line):  # link annotations repeated after a page's text
                furniture.add(normalise(line))
            elif title_key and re.fullmatch(rf"\d*{re.escape(title_key)}\d*", normalise(line)):
                furniture.add(normalise(line))  # page footer "16  National Procurement ..."
        furniture.discard("")
        alternatives = "|".join(re.escape(f) for f in sorted(furniture, key=len, reverse=True))
        self.furniture = re.compile(f"(?:{alternatives})*")

    def quote(self, start: int, end: int, limit: int = 160) -> str:
        """The raw seed text behind key[start:end], on one line."""
        if start >= end:
            return ""
        text = re.sub(r"\s+", " ", self.raw[self.where[start] : self.where[end - 1] + 1]).strip()
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def divergence(self, key: str, start: int, end: int) -> str:
        """Say where ``key`` stops matching the seed within key[start:end]."""
        lo, hi = 0, len(key)  # the longest prefix of key that occurs in the region
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.key.find(key[:mid], start, end) != -1:
                lo = mid
            else:
                hi = mid - 1
        if lo < 8:
            return "its opening words are not in this part of the seed"
        at = self.key.find(key[:lo], start, end) + lo
        return (
            f"it matches the seed up to “{self.quote(max(at - 40, 0), at)}” but then the seed "
            f"continues “{self.quote(at, min(at + 60, len(self.key)))}”"
        )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_structure(framework: dict, problems: list[str]) -> None:
    levels = framework.get("levels") or []
    numbers = [level.get("number") for level in levels]
    names = [level.get("name") for level in levels]
    if numbers != [1, 2, 3, 4, 5] or names != list(LEVEL_NAMES):
        problems.append(f"framework levels should be 1..5 {list(LEVEL_NAMES)}, got {list(zip(numbers, names))}")

    sections = framework.get("sections") or []
    themes = [s for s in sections if s.get("kind") == "theme"]
    enablers = [s for s in sections if s.get("kind") == "enablers"]
    other = [s.get("key") for s in sections if s.get("kind") not in ("theme", "enablers")]
    if other:
        problems.append(f"sections with an unknown kind: {other}")
    if len(themes) != THEME_COUNT:
        problems.append(f"expected {THEME_COUNT} theme sections, found {len(themes)}")
    theme_areas = sum(len(s.get("areas") or []) for s in themes)
    if theme_areas != THEME_AREA_COUNT:
        problems.append(f"expected {THEME_AREA_COUNT} key areas over the themes, found {theme_areas}")
    enabler_areas = sum(len(s.get("areas") or []) for s in enablers)
    if len(enablers) != 1 or enabler_areas != ENABLER_COUNT:
        problems.append(
            f"expected one enablers section with {ENABLER_COUNT} enablers, "
            f"found {len(enablers)} section(s) with {enabler_areas}"
        )

    seen: set[str] = set()
    for section in sections:
        for area in section.get("areas") or []:
            name = area.get("key") or area.get("title")
            if name in seen:
                problems.append(f"area key {name!r} is used twice")
            seen.add(name)
            area_levels = area.get("levels") or []
            if [level.get("number") for level in area_levels] != [1, 2, 3, 4, 5]:
                problems.append(
                    f"{name}: expected exactly 5 levels numbered 1..5, got "
                    f"{[level.get('number') for level in area_levels]}"
                )
            for level in area_levels:
                if not _flat(level.get("descriptor")).strip():
                    problems.append(f"{name}: level {level.get('number')} has no descriptor")
            if section.get("kind") == "theme":
                for field in TEXT_FIELDS:
                    if not _flat(area.get(field)).strip():
                        problems.append(f"{name}: key area has no {field}")


def _check_strings(label: str, value: Any, seed: _Seed, problems: list[str]) -> None:
    """Each paragraph and each bullet must be a whole paragraph or bullet of the seed, character
    for character apart from line wrapping. This catches punctuation (a full stop added or
    dropped), capitals, quotes and spacing, and also paragraphs that were merged or split."""
    try:
        parts = list(blocks(value))
    except TypeError as error:
        problems.append(f"{label}: {error}")
        return
    for part in parts:
        if part != part.strip() or "  " in part or re.search(r"[\n\t•]", part):
            problems.append(f"{label}: stray whitespace or bullet character in “{_short(part)}”")
        elif part not in seed.paragraphs:
            if normalise(part) in seed.key:
                why = "punctuation, capitals, quotes or spacing differ, or paragraphs were split or merged"
            else:
                why = "its words differ from the seed"
            problems.append(f"{label}: not a paragraph or bullet of the seed, exactly ({why}): “{_short(part)}”")


def check_framework(framework: dict, seed: str) -> list[str]:
    """All the ways ``framework`` departs from the seed text. An empty list means it is faithful.

    (a) Every title, description, what_it_is, why_it_matters and descriptor occurs in the seed.
        The letters-only check catches words; the exact check catches punctuation and quotes.
    (b) Each area's five descriptors occur in its own table region, in level order. In the key
        area tables, where the seed prints a level name above each cell, each descriptor must
        also start right under its own level's name.
    (c) Once the framework text is taken out of an area's region of the seed, only furniture is
        left: labels, level names, page footers and repeated links. Nothing has been dropped or
        cut short.
    (d) Levels 1..5 in every area, 10 key areas over 3 themes, and 4 enablers.
    """
    problems: list[str] = []
    _check_structure(framework, problems)

    level_names = [level.get("name", "") for level in framework.get("levels") or []] or list(LEVEL_NAMES)
    s = _Seed(seed, framework.get("title", ""), level_names)
    level_key = "".join(normalise(n) for n in level_names)
    heading_key = normalise("Key area:")

    sections = framework.get("sections") or []
    for section in sections:
        _check_strings(f"section {section.get('key')} title", section.get("title"), s, problems)
        if normalise(section.get("title") or "") not in s.key:
            problems.append(f"section title “{section.get('title')}” does not occur in the seed")
        if "description" in section:
            _check_strings(f"section {section.get('key')} description", section["description"], s, problems)
            if normalise(_flat(section["description"])) not in s.key:
                problems.append(f"section {section.get('key')}: description does not occur in the seed")

    # Where each area's heading is in the seed: "Key area: <title>" for key areas, or
    # "<title>" directly followed by the level names for the enabler tables.
    ordered = [(si, area) for si, section in enumerate(sections) for area in section.get("areas") or []]
    headings: list[tuple[int, int, bool] | None] = []
    cursor = 0
    for _, area in ordered:
        title = normalise(area.get("title") or "")
        found = None
        for prefix, suffix in ((heading_key, ""), ("", level_key)):
            at = s.key.find(prefix + title + suffix, cursor) if title else -1
            if at != -1 and (found is None or at < found[0]):
                # labelled: the seed prints each level's name above that level's cell
                found = (at + len(prefix), at + len(prefix) + len(title), not suffix)
        headings.append(found)
        if found:
            cursor = found[1]

    for index, (si, area) in enumerate(ordered):
        name = area.get("key") or area.get("title")
        for field in ("title", "short_title", *TEXT_FIELDS):
            if field in area:
                _check_strings(f"{name} {field}", area[field], s, problems)
        for level in area.get("levels") or []:
            _check_strings(f"{name} level {level.get('number')} descriptor", level.get("descriptor"), s, problems)
        if "short_title" in area and normalise(area["short_title"]) not in s.key:
            problems.append(f"{name}: short_title “{area['short_title']}” does not occur in the seed")

        heading = headings[index]
        if heading is None:
            problems.append(f"{name}: heading “{area.get('title')}” not found in the seed (or out of order)")
            for field in TEXT_FIELDS:
                if field in area and normalise(_flat(area[field])) not in s.key:
                    problems.append(f"{name}: {field} does not occur in the seed")
            for level in area.get("levels") or []:
                if normalise(_flat(level.get("descriptor"))) not in s.key:
                    problems.append(f"{name}: level {level.get('number')} descriptor does not occur in the seed")
            continue

        start = heading[0]
        later = [h[0] for h in headings[index + 1 :] if h]
        end = later[0] if later else len(s.key)

        # (a) + (b): find each piece inside the region, each after the one before it.
        labelled = heading[2]
        pieces = [(field, area[field], None) for field in TEXT_FIELDS if field in area]
        pieces += [
            (f"level {lv.get('number')} descriptor", lv.get("descriptor"), lv.get("number"))
            for lv in area.get("levels") or []
        ]
        taken = [heading[:2]]
        cursor = heading[1]
        previous = "heading"
        for label, value, number in pieces:
            key = normalise(_flat(value))
            if not key:  # missing or malformed: reported above
                continue
            at = s.key.find(key, cursor, end)
            if at == -1:
                if s.key.find(key, start, end) != -1:
                    problems.append(
                        f"{name}: {label} is out of place: in the seed it comes before the {previous} "
                        f"(moved to another level?) “{_short(flatten(value))}”"
                    )
                elif key in s.key:
                    problems.append(f"{name}: {label} occurs in the seed, but not in this area's table")
                else:
                    problems.append(f"{name}: {label} does not occur in the seed: {s.divergence(key, start, end)}")
                continue
            # In a labelled table each level's text starts right under that level's name, so
            # text moved across a boundary between two levels is caught here too. The enabler
            # tables print the names once, as a header row, so their boundaries cannot be
            # checked this way. They are recorded as decisions in the data file.
            if labelled and isinstance(number, int) and 1 <= number <= len(level_names):
                level_name = normalise(level_names[number - 1])
                if not s.key[cursor:at].endswith(level_name):
                    problems.append(
                        f"{name}: {label} does not begin right after the seed's “{level_names[number - 1]}” "
                        f"heading (text moved between levels?): “{_short(flatten(value))}”"
                    )
            taken.append((at, at + len(key)))
            cursor = at + len(key)
            previous = label

        # The last area of a section ends where the next section's heading starts.
        if index + 1 < len(ordered) and ordered[index + 1][0] != si:
            next_title = normalise(sections[ordered[index + 1][0]].get("title") or "")
            at = s.key.find(next_title, cursor, end) if next_title else -1
            if at != -1:
                end = at

        # (c) coverage: whatever the framework did not account for must be furniture.
        position = start
        for a, b in sorted(taken) + [(end, end)]:
            if a > position and not s.furniture.fullmatch(s.key, position, a):
                problems.append(f"{name}: seed text missing from the framework: “{s.quote(position, a)}”")
            position = max(position, b)
    return problems
