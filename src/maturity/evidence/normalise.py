"""Names as people write them, reduced to a key that matches however they are written.

Pure functions, no Django. A buyer in a procurement notice ("Doncaster MBC", "London Borough of
Redbridge") is matched to the register's names and alternative names by comparing keys; a
supplier in a spend file ("ACME LIMITED ", "Acme Ltd") is matched to the same supplier in
another file, or to a grant recipient, the same way.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Abbreviations councils use for their own kind, spelt out before the kind is dropped.
_ABBREVIATIONS = {
    "mbc": ("metropolitan", "borough", "council"),
    "mdc": ("metropolitan", "district", "council"),
    "bc": ("borough", "council"),
    "dc": ("district", "council"),
    "cc": ("county", "council"),
    "ua": ("unitary", "authority"),
}
# Words naming what kind of council it is, dropped from the end of a name: "Stockport
# Metropolitan Borough Council" and "Stockport" are one council.
_COUNCIL_KIND = {"council", "borough", "district", "county", "city", "metropolitan", "unitary"}
# Phrases dropped from the start: "London Borough of Redbridge", "City of Doncaster Council".
_COUNCIL_PREFIXES = (
    ("the",),
    ("london", "borough", "of"),
    ("royal", "borough", "of"),
    ("borough", "of"),
    ("city", "and", "county", "of"),
    ("city", "of"),
    ("county", "of"),
)

# Legal forms at the end of a supplier's name: "Acme Ltd" and "ACME LIMITED" are one supplier.
_LEGAL_FORMS = {"ltd", "limited", "plc", "llp", "lp", "cic", "cio", "inc", "incorporated"}


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ").replace("'", "")
    return [word for word in _NOT_WORD.split(text) if word]


def organisation_key(name: str) -> str:
    """The key of a council's name: case, punctuation, "the", "council", "borough of" and the like
    do not count. Two names with the same key are taken to be the same council."""
    words: list[str] = []
    for word in _words(name):
        words.extend(_ABBREVIATIONS.get(word, (word,)))
    changed = True
    while changed and words:
        changed = False
        for prefix in _COUNCIL_PREFIXES:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words = words[len(prefix) :]
                changed = True
    while len(words) > 1 and words[-1] in _COUNCIL_KIND:
        words.pop()
    return " ".join(words)


def supplier_key(name: str) -> str:
    """The key of a supplier's or grant recipient's name: case, punctuation, a leading "the" and
    a trailing legal form (Ltd, Limited, PLC, LLP, CIC, CIO) do not count."""
    words = _words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def registration_number(value: str) -> str:
    """A charity or company number as written in different files: spaces dropped, upper case, and
    the placeholders people type for "none" ("N/A", "0", "-") read as empty."""
    text = re.sub(r"\s+", "", value or "").upper()
    if text in {"", "0", "-", "NA", "N/A", "NONE", "NULL", "NOTAPPLICABLE"}:
        return ""
    if text.isdigit():
        # Company numbers are eight characters with leading zeros: 7962245 and 07962245 are one.
        text = text.lstrip("0") or "0"
    return text
