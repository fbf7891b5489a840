"""Register files for the import tests: the real one from ../shared/data, and small made-up ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from maturity.organisations.register import REQUIRED_COLUMNS

REGISTER = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "uk_local_authorities"
    / "uk_local_authorities_current.csv"
)

needs_register = pytest.mark.skipif(
    not REGISTER.exists(), reason=f"the mySociety register is not at {REGISTER} (shared test data)"
)


def row(code: str, name: str, **values: str) -> dict[str, str]:
    """A register row for an English district, with `values` (column names with _ for -) on top."""
    base = {
        "local-authority-code": code,
        "official-name": f"{name} District Council",
        "nice-name": name,
        "gss-code": "",
        "start-date": "",
        "end-date": "",
        "replaced-by": "",
        "nation": "England",
        "region": "South East",
        "local-authority-type": "NMD",
        "alt-names": name,
        "pop-2020": "100000.0",
    }
    base.update({key.replace("_", "-"): value for key, value in values.items()})
    return base


def register_csv(rows: list[dict[str, str]], *, columns: tuple[str, ...] = REQUIRED_COLUMNS + ("notes",)) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in rows:
        writer.writerow(item)
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "register.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def real_rows() -> list[dict[str, str]]:
    with REGISTER.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
