"""The layers of the package (docs/adr/0027-layers.md): no two apps import each other, and every
import runs down the declared order, never up.

Every module's imports are read with ast, those inside functions too: a lazy import that dodges a
cycle is still an import. A unit is a package under src/maturity (an app, or `charts`, `reports`)
or a top-level module. Top-level modules not named below are shared rules (scoring, suppression,
words...): the bottom layer, which imports no app.
"""

from __future__ import annotations

import ast
import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("LAYERS_SOURCE", Path(__file__).resolve().parents[1] / "src")) / "maturity"

# Bottom to top. A unit may import the units before it, never one after it.
ORDER = [
    "charts",
    "audit",
    "jobs",
    "mail",  # every email is a background job
    "organisations",
    "accounts",  # people: sign-in, invitations to an organisation, two-factor, profile
    "frameworks",
    "legal",  # the beta banner names the framework in force
    "groups",
    "assessments",
    "comments",
    "documents",
    "benchmarks",
    "plans",
    "evidence",
    "exemplars",
    "reports",
    "api",
    "operations",
    "workplace",  # the pages that combine several apps
]
# The project itself, above everything: the URL configuration, the template environment, the
# national home page, the settings and the entry points.
PROJECT = {"urls", "views", "national", "jinja", "settings", "settings_test", "__main__"}


def units() -> set[str]:
    return {
        path.name if path.is_dir() else path.stem
        for path in SOURCE.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
    }


def rank(unit: str) -> int:
    if unit in PROJECT:
        return len(ORDER)
    return ORDER.index(unit) if unit in ORDER else -1


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, the unit under maturity it names) for every import of the module, at any depth."""
    module = ["maturity", *path.relative_to(SOURCE).with_suffix("").parts]
    package = module[:-1]  # for a package's __init__ too: its own package
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            names = [f"{name}.{alias.name}" for alias in node.names] if name == "maturity" else [name]
        else:
            continue
        found += [
            (node.lineno, parts[1])
            for parts in (n.split(".") for n in names)
            if len(parts) > 1 and parts[0] == "maturity"
        ]
    return found


def imports() -> list[tuple[str, str, str]]:
    """(importing unit, imported unit, "module:line") across units."""
    known = units()
    result = []
    for path in sorted(SOURCE.rglob("*.py")):
        rel = path.relative_to(SOURCE)
        if "migrations" in rel.parts:
            continue
        unit = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for line, target in imported(path):
            if target != unit and target in known:
                result.append((unit, target, f"src/maturity/{rel}:{line}"))
    return result


def test_every_package_has_a_place_in_the_order():
    packages = {path.name for path in SOURCE.iterdir() if (path / "__init__.py").exists()}
    assert packages - set(ORDER) == set(), "add the new package to ORDER in tests/test_layers.py"


def test_no_two_units_import_each_other():
    where = defaultdict(list)
    for unit, target, at in imports():
        where[unit, target].append(at)
    mutual = [
        f"{a} and {b}: {', '.join(where[a, b])} / {', '.join(where[b, a])}"
        for a, b in sorted(where)
        if a < b and (b, a) in where
    ]
    assert not mutual, "these import each other:\n" + "\n".join(mutual)


def test_every_import_runs_down_the_layers():
    upward = [
        f"{at}: {unit} imports {target}, which is above it"
        for unit, target, at in imports()
        if rank(target) >= rank(unit)
        and not (unit in PROJECT and target in PROJECT)
        and not (rank(unit) == rank(target) == -1)
    ]
    assert not upward, "imports that run upward (docs/adr/0027-layers.md):\n" + "\n".join(upward)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from maturity.benchmarks import ledger\n", [(1, "benchmarks")]),
        ("def f():\n    from maturity.groups.models import Group\n", [(2, "groups")]),
        ("from maturity import scoring, audit\n", [(1, "scoring"), (1, "audit")]),
        ("import maturity.jobs.kinds\n", [(1, "jobs")]),
        ("from ..organisations import models\n", [(1, "organisations")]),
        ("from . import models\n", [(1, "audit")]),
    ],
)
def test_imports_are_read_at_any_depth_and_relative_ones_too(tmp_path, monkeypatch, source, expected):
    monkeypatch.setattr(sys.modules[__name__], "SOURCE", tmp_path)
    module = tmp_path / "audit" / "views.py"
    module.parent.mkdir()
    module.write_text(source)
    assert imported(module) == expected
