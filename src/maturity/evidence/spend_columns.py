"""Which column of a spend file holds which field, read from its headings against the table of
synonyms in data/spend-columns.yaml (`propose_mapping`); the lead confirms or corrects it, and
`check_mapping` says what is still missing. Pure functions, no Django models."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.words import join_words

COLUMNS_FILE = Path(__file__).parent / "data" / "spend-columns.yaml"
NOT_USED = ""

_HEADING = re.compile(r"[^a-z0-9£]")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


# The labels of data/spend-columns.yaml, for translation (a label not listed here stays as written).
FIELD_LABELS = {
    "Payment date": gettext_lazy("Payment date"),
    "Amount (£)": gettext_lazy("Amount (£)"),
    "Supplier name": gettext_lazy("Supplier name"),
    "Supplier ID": gettext_lazy("Supplier ID"),
    "Service area": gettext_lazy("Service area"),
    "Expenditure category": gettext_lazy("Expenditure category"),
    "Capital or revenue": gettext_lazy("Capital or revenue"),
    "Company number": gettext_lazy("Company number"),
    "Charity number": gettext_lazy("Charity number"),
    "VCSE (yes or no)": gettext_lazy("VCSE (yes or no)"),
    "SME (yes or no)": gettext_lazy("SME (yes or no)"),
    "Organisation name": gettext_lazy("Organisation name"),
    "Organisation URI": gettext_lazy("Organisation URI"),
    "Organisation code": gettext_lazy("Organisation code"),
}


@lru_cache(maxsize=1)
def fields() -> tuple[Field, ...]:
    """The fields of data/spend-columns.yaml, checked once."""
    document = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    problems = []
    result = []
    seen: dict[str, str] = {}
    for entry in document.get("fields") or []:
        key = entry.get("key")
        if not key or not entry.get("label") or not entry.get("synonyms"):
            problems.append(f"a field needs a key, a label and synonyms: {entry!r}")
            continue
        for synonym in entry["synonyms"]:
            heading = heading_key(str(synonym))
            if heading in seen and seen[heading] != key:
                problems.append(f"the heading {synonym!r} is listed for both {seen[heading]} and {key}")
            seen[heading] = key
        result.append(
            Field(
                key,
                FIELD_LABELS.get(entry["label"], entry["label"]),
                bool(entry.get("required")),
                tuple(map(str, entry["synonyms"])),
            )
        )
    keys = {f.key for f in result}
    missing = {"date", "amount", "supplier_name"} - keys
    if missing:
        problems.append(f"the required fields {sorted(missing)} are not defined")
    if problems:
        raise ValueError(f"{COLUMNS_FILE} is not valid: " + "; ".join(problems))
    return tuple(result)


def field_labels() -> dict[str, str]:
    return {f.key: f.label for f in fields()}


def heading_key(heading: str) -> str:
    return _HEADING.sub("", heading.lower().replace("&", "and"))


def propose_mapping(columns: list[str]) -> list[str]:
    """The field each column holds, by its heading (NOT_USED for the others)."""
    synonyms: list[tuple[str, str, int]] = []  # (heading key, field, rank)
    for f in fields():
        for rank, synonym in enumerate(f.synonyms):
            synonyms.append((heading_key(synonym), f.key, rank))
    exact = {heading: (key, rank) for heading, key, rank in synonyms}
    candidates: dict[str, list[tuple[int, int, int]]] = {}  # field -> [(fuzzy?, rank, column)]
    for index, column in enumerate(columns):
        heading = heading_key(column)
        if not heading:
            continue
        if heading in exact:
            key, rank = exact[heading]
            candidates.setdefault(key, []).append((0, rank, index))
            continue
        close = difflib.get_close_matches(heading, exact.keys(), n=1, cutoff=0.9)
        if close:
            key, rank = exact[close[0]]
            candidates.setdefault(key, []).append((1, rank, index))
    mapping = [NOT_USED] * len(columns)
    for key, found in candidates.items():
        __, ___, index = min(found)
        mapping[index] = key
    return mapping


def check_mapping(mapping: list[str], columns: list[str]) -> list[str]:
    """What is wrong with a mapping: a required field missing, or one field given twice."""
    labels = field_labels()
    problems = []
    for f in fields():
        chosen = [
            columns[i] or _("column %(number)s") % {"number": i + 1} for i, key in enumerate(mapping) if key == f.key
        ]
        if f.required and not chosen:
            problems.append(_("Choose the column that holds the %(field)s") % {"field": str(f.label).lower()})
        if len(chosen) > 1:
            problems.append(
                _("Choose only one column for the %(field)s: %(columns)s are both chosen")
                % {"field": str(f.label).lower(), "columns": join_words(chosen)}
            )
    unknown = {key for key in mapping if key and key not in labels}
    if unknown:
        problems.append(_("Unknown fields: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    return problems
