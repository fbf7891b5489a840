"""How fast, and in how much memory, procurement notices are imported.

Every release in the shared OCDS files (../shared/data/ocds_*) is replicated, each copy with its
own ocid, to 100,000 releases, written once as JSON Lines and once as a single release package.
Each file is imported into an empty database through the same path as `maturity evidence
import-ocds`, and the rate is printed beside a plain `json` parse of the same data. Each
measurement runs in its own process, so that each peak memory (maxrss) is its own; importing a
tenth of the releases as well shows whether memory stays flat as the file grows.

Goal (issue 6): within 3x of the plain json parse, and flat memory.

    .venv/bin/python perf/ocds.py [--releases N] [--database-url URL] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MATURITY_SHARED_DATA") or ROOT.parent / "shared" / "data")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def real_releases() -> list[dict]:
    releases = []
    for path in sorted(SHARED.glob("ocds_*/**/*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if "records" in document:
            for record in document["records"]:
                releases.extend(r for r in record.get("releases", []) if "ocid" in r)
        elif "releases" in document:
            releases.extend(r for r in document["releases"] if "ocid" in r)
        else:
            releases.append(document)
    return releases


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    """The replicated releases as JSON Lines and as one release package, written a release at a time."""
    source = real_releases()
    lines, package = folder / f"releases-{count}.jsonl", folder / f"package-{count}.json"
    with lines.open("w", encoding="utf-8") as jsonl, package.open("w", encoding="utf-8") as whole:
        whole.write('{"uri": "https://example.org/bench", "publishedDate": "2025-01-01T00:00:00Z", "releases": [\n')
        for n in range(count):
            release = dict(source[n % len(source)])
            release["ocid"] = f"{release['ocid']}-r{n // len(source)}"
            text = json.dumps(release, ensure_ascii=False)
            jsonl.write(text + "\n")
            whole.write(("," if n else "") + text + "\n")
        whole.write("]}\n")
    return lines, package


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maturity.settings")
    # Test settings without DEBUG: DEBUG would keep every query in memory.
    os.environ.setdefault("MATURITY_TESTING", "1")
    os.environ["DEBUG"] = "0"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from maturity.processes import settle

    settle()  # as the worker and the command line do


def measure_import(path: Path, database_url: str) -> dict:
    setup_django(database_url)
    from django.core.management import call_command

    from maturity.evidence import services
    from maturity.evidence.models import BuyerMapping, Procurement

    call_command("migrate", verbosity=0)
    if Procurement.objects.exists() or BuyerMapping.objects.exists():
        raise SystemExit("the benchmark needs an empty database")
    started = time.perf_counter()
    ((_, result),) = services.import_ocds_path(path=path)
    seconds = time.perf_counter() - started
    if not isinstance(result, services.OcdsResult):
        raise SystemExit(f"{path.name} was not imported: {result.problems}")
    return {
        "seconds": seconds,
        "releases": result.releases,
        "stored": result.stored,
        "procurements": Procurement.objects.count(),
        "peak_mb": peak_mb(),
    }


def measure_json(path: Path, kind: str) -> dict:
    started = time.perf_counter()
    if kind == "json-lines":
        count = 0
        with path.open("rb") as handle:
            for line in handle:
                json.loads(line)
                count += 1
    else:
        with path.open("rb") as handle:
            count = len(json.load(handle)["releases"])
    return {"seconds": time.perf_counter() - started, "releases": count, "peak_mb": peak_mb()}


def empty_database(database_url: str, folder: Path, label: str) -> str:
    """A fresh SQLite file for each import (so that each starts empty, and its peak memory is its
    own); with --database-url, the evidence tables are emptied first in a process of their own."""
    if not database_url.startswith("sqlite"):
        run_child("clean", "-", database_url)
        return database_url
    return f"sqlite:///{folder}/{label}.sqlite3"


def clean(database_url: str) -> dict:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    from maturity.evidence.models import Award, BuyerMapping, EvidenceImport, Notice, Procurement

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for model in (Award, Notice, Procurement, BuyerMapping):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    EvidenceImport.objects.filter(kind="ocds").delete()
    return {}


def run_child(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (the median is shown)")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "DATABASE_URL"), help=argparse.SUPPRESS)

    args = parser.parse_args()
    if args.child:
        kind, path, database_url = args.child
        if kind == "clean":
            result = clean(database_url)
        elif kind == "import":
            result = measure_import(Path(path), database_url)
        else:
            result = measure_json(Path(path), kind)
        print(json.dumps(result))
        return
    if not list(SHARED.glob("ocds_*")):
        sys.exit(f"no OCDS data under {SHARED}: set MATURITY_SHARED_DATA")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database_url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        shown = database_url.split("@")[-1] if args.database_url else "a new SQLite file for each import"
        small_lines, small_package = write_files(folder, args.releases // 10)
        lines, package = write_files(folder, args.releases)
        print(
            f"OCDS benchmark: {len(real_releases())} real releases replicated to {args.releases:,} "
            f"(JSON Lines {lines.stat().st_size / 1e6:.0f} MB), database: {shown}, median of {args.repeat} run(s)"
        )
        for label, kind, big, small in (
            ("JSON Lines", "json-lines", lines, small_lines),
            ("release package", "package", package, small_package),
        ):
            runs: dict[str, list[dict]] = {"plain": [], "ours": [], "tenth": []}
            for run in range(args.repeat):  # in turn, so that a busy spell slows each of them alike
                runs["plain"].append(run_child(kind, str(big), database_url))
                runs["ours"].append(
                    run_child(
                        "import", str(big), empty_database(args.database_url or "sqlite", folder, f"{kind}-all-{run}")
                    )
                )
                runs["tenth"].append(
                    run_child(
                        "import",
                        str(small),
                        empty_database(args.database_url or "sqlite", folder, f"{kind}-tenth-{run}"),
                    )
                )
            plain, ours, tenth = (
                sorted(runs[key], key=lambda r: r["seconds"])[len(runs[key]) // 2] for key in ("plain", "ours", "tenth")
            )
            print(f"  {label}:")
            print(
                f"    plain json parse:  {plain['seconds']:6.2f} s  {plain['releases'] / plain['seconds']:9,.0f} releases/s  "
                f"peak {plain['peak_mb']:.0f} MB"
            )
            print(
                f"    import:            {ours['seconds']:6.2f} s  {ours['releases'] / ours['seconds']:9,.0f} releases/s  "
                f"peak {ours['peak_mb']:.0f} MB  ({ours['procurements']:,} procurements)"
            )
            print(
                f"    import of a tenth: {tenth['seconds']:6.2f} s  {tenth['releases'] / tenth['seconds']:9,.0f} releases/s  "
                f"peak {tenth['peak_mb']:.0f} MB"
            )
            ratio = ours["seconds"] / plain["seconds"]
            flat = ours["peak_mb"] <= tenth["peak_mb"] * 1.25
            print(
                f"    import / json:     {ratio:.2f}x (goal: within 3x) {'met' if ratio <= 3 else 'NOT met'}; "
                f"memory {'flat' if flat else 'NOT flat'} ({tenth['peak_mb']:.0f} MB for a tenth, {ours['peak_mb']:.0f} MB for all)"
            )


if __name__ == "__main__":
    main()
