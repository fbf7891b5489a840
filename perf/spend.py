"""How fast, and in how much memory, a council's spend file is imported and its indicators computed.

Trafford's 2024-25 file (210,068 payments, zipped) is imported through the same path as the
upload page (read the header, propose the columns, read every row, store the supplier-month
totals, compute the indicators), timed beside reading the same file with a plain `csv` loop and
with `pandas.read_csv` (skipped with a message when pandas is not installed: `pip install
.[bench]`). Each measurement runs in its own process, so that each peak memory (maxrss) is its own.

Goal (issue 13): within 2.5x of the pandas read alone, with one reading loop, and a peak under 300 MB.

    .venv/bin/python perf/spend.py [--file PATH] [--database-url URL]

The database is a fresh SQLite file in a temporary folder unless --database-url is given.
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
DEFAULT_FILE = (
    Path(os.environ.get("MATURITY_SHARED_DATA") or ROOT.parent / "shared" / "data")
    / "spend_trafford"
    / "trafford-supplier-spend-2024-25.zip"
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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

    from maturity.evidence import csv_reading, files, selectors, services, spend, spend_columns
    from maturity.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(
        slug="trafford-bench", defaults={"name": "Trafford", "type": "metropolitan-district"}
    )
    organisation.spend_lines.all().delete()
    organisation.evidence_imports.all().delete()
    before = peak_mb()
    started = time.perf_counter()
    opener, shown = files.path_opener(path, services.SPEND_SUFFIXES)
    header = csv_reading.read_header(opener, name=shown)
    mapping = spend_columns.propose_mapping(header.columns)
    data = spend.read_spend(opener, mapping, name=shown, encoding=header.encoding)
    read = time.perf_counter() - started
    from django.db import transaction

    with transaction.atomic():
        record = services.store_spend(organisation=organisation, data=data, file_name=shown, sha256="bench", user=None)
    stored = time.perf_counter() - started
    years = selectors.spend_years(organisation)
    total = time.perf_counter() - started
    figures = {key: figure.text for key, figure in years[0].figures.items()} if years else {}
    return {
        "seconds": total,
        "read_seconds": read,
        "store_seconds": stored - read,
        "indicator_seconds": total - stored,
        "rows": data.rows,
        "lines": record.summary["lines"],
        "peak_mb": peak_mb(),
        "peak_before_mb": before,
        "figures": figures,
    }


def measure_csv(path: Path) -> dict:
    import csv
    import io
    import zipfile

    started = time.perf_counter()
    rows, total = 0, 0.0
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as member:
        reader = csv.reader(io.TextIOWrapper(member, encoding="utf-8-sig", newline=""))
        header = next(reader)
        amount = header.index("Amount")
        for row in reader:
            rows += 1
            total += float(row[amount])
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": peak_mb()}


def measure_pandas(path: Path) -> dict:
    try:
        import pandas
    except ImportError:
        return {"skipped": "pandas is not installed (pip install .[bench])"}
    started = time.perf_counter()
    frame = pandas.read_csv(path)
    return {"seconds": time.perf_counter() - started, "rows": len(frame), "peak_mb": peak_mb()}


def child(kind: str, path: Path, database_url: str) -> None:
    result = {
        "import": lambda: measure_import(path, database_url),
        "csv": lambda: measure_csv(path),
        "pandas": lambda: measure_pandas(path),
    }[kind]()
    print(json.dumps(result))


def run_child(kind: str, path: Path, database_url: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--file", str(path), "--database-url", database_url],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def median_run(results: list[dict]) -> dict:
    """The run with the median time (a skipped measurement stays skipped)."""
    if any("skipped" in result for result in results):
        return results[0]
    return sorted(results, key=lambda result: result["seconds"])[len(results) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is shown)")
    parser.add_argument("--child", choices=["import", "csv", "pandas"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"{args.file} not found: set MATURITY_SHARED_DATA or pass --file")
    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        if args.child:
            child(args.child, args.file, database_url)
            return
        print(
            f"Spend benchmark: {args.file.name}, database {database_url.split('@')[-1]}, "
            f"median of {args.repeat} runs of each, taken in turn"
        )
        runs: dict[str, list[dict]] = {"import": [], "csv": [], "pandas": []}
        for _ in range(args.repeat):  # in turn, so that a busy spell slows each of them alike
            for kind in runs:
                runs[kind].append(run_child(kind, args.file, database_url))
        ours, plain, pandas = (median_run(runs[kind]) for kind in ("import", "csv", "pandas"))
    print(f"  plain csv loop:        {plain['seconds']:6.2f} s  {plain['rows']:,} rows  peak {plain['peak_mb']:.0f} MB")
    if "skipped" in pandas:
        print(f"  pandas.read_csv:       skipped: {pandas['skipped']}")
    else:
        print(
            f"  pandas.read_csv:       {pandas['seconds']:6.2f} s  {pandas['rows']:,} rows  peak {pandas['peak_mb']:.0f} MB"
        )
    print(
        f"  import + indicators:   {ours['seconds']:6.2f} s  {ours['rows']:,} rows -> {ours['lines']:,} supplier-month rows  "
        f"peak {ours['peak_mb']:.0f} MB (Django loaded: {ours['peak_before_mb']:.0f} MB)"
    )
    print(
        f"     read {ours['read_seconds']:.2f} s, store {ours['store_seconds']:.2f} s, indicators {ours['indicator_seconds']:.2f} s"
    )
    for key, text in ours["figures"].items():
        print(f"     {key}: {text}")
    if "skipped" not in pandas:
        ratio = ours["seconds"] / pandas["seconds"]
        print(f"  import / pandas read:  {ratio:.2f}x (goal: within 2.5x) {'met' if ratio <= 2.5 else 'NOT met'}")
    print(
        f"  peak memory:           {ours['peak_mb']:.0f} MB (goal: under 300 MB) {'met' if ours['peak_mb'] < 300 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
