"""The real open data in ../shared/data (or $MATURITY_SHARED_DATA), and small files made from it.

Figures that tests compare with are worked out here in plain csv/json code, independently of the
evidence app (its normalisation rules are re-stated, not imported)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

SHARED_DATA = Path(
    os.environ.get("MATURITY_SHARED_DATA") or Path(__file__).resolve().parents[2].parent / "shared" / "data"
)
OCDS_2016 = SHARED_DATA / "ocds_contracts_finder_2016" / "releases"
OCDS_2017 = SHARED_DATA / "ocds_contracts_finder_2017"
OCDS_2025 = SHARED_DATA / "ocds_contracts_finder_2025_award_sample" / "release57.json"
OXFORD = SHARED_DATA / "spend_oxford_city_council"
TRAFFORD_ZIP = SHARED_DATA / "spend_trafford" / "trafford-supplier-spend-2024-25.zip"
TRAFFORD_GRANTS = SHARED_DATA / "vcse_grants_trafford" / "trafford_council_voluntary_sector_grants.csv"
REGISTER = SHARED_DATA / "uk_local_authorities" / "uk_local_authorities_current.csv"


def needs(*paths: Path):
    missing = [str(p) for p in paths if not p.exists()]
    return pytest.mark.skipif(
        bool(missing),
        reason=f"shared test data not found: {', '.join(missing)} (set MATURITY_SHARED_DATA to the shared/data folder)",
    )


def ocds_files() -> list[Path]:
    return sorted(p for p in SHARED_DATA.glob("ocds_*/**/*.json"))


def all_releases() -> list[dict]:
    """Every release in the shared OCDS files, read with plain json."""
    releases = []
    for path in ocds_files():
        document = json.loads(path.read_text(encoding="utf-8"))
        if "releases" in document and "compiledRelease" not in document and "versionedRelease" not in document:
            releases.extend(document["releases"])
        elif "releases" in document:
            releases.extend(r for r in document["releases"] if "ocid" in r)
        else:
            releases.append(document)
    return releases


def trafford_slice(rows: int = 2000) -> bytes:
    """The header and the first `rows` rows of Trafford's 2024-25 spend file."""
    with zipfile.ZipFile(TRAFFORD_ZIP) as archive, archive.open(archive.namelist()[0]) as member:
        lines = []
        for number, line in enumerate(member):
            if number > rows:
                break
            lines.append(line)
    return b"".join(lines)


def spend_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def name_key(name: str) -> str:
    """The supplier-name rule as documented: accents dropped, lower case, & as "and", apostrophes
    dropped, other punctuation as spaces, a leading "the" and trailing legal forms dropped."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.split(r"[^a-z0-9]+", plain.lower().replace("&", " and ").replace("'", ""))
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in {"ltd", "limited", "plc", "llp", "lp", "cic", "cio", "inc", "incorporated"}:
        words.pop()
    return " ".join(words)


def is_redacted(name: str) -> bool:
    return bool(re.match(r"^\W*redacted\b", name.strip(), re.IGNORECASE))


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
