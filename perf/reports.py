"""Times the committee report (PDF) and the workbook round trip for a full assessment.

A full assessment: every area of the bundled framework answered, and 50 actions. Each figure is
the median of several runs after one warm-up run, printed beside its goal and beside a baseline
measured in the same run on the same machine (so a slow machine shows as a slow baseline too):

- PDF baseline: the results page of the same assessment, rendered through Django's test client.
- XLSX baseline: openpyxl saving and reading back an empty workbook.

Run from the project folder:  .venv/bin/python perf/reports.py [--runs 7]
It makes a throwaway test database (SQLite in memory, or test_<name> with DATABASE_URL set).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test helpers build the full assessment
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maturity.settings_test")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

GOALS = {"pdf": 1.5, "round trip": 0.5}
ACTIONS = 50


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run, after one warm-up run (imports, fonts, templates)."""
    function()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def build():
    from tests.factories import make_member, make_organisation
    from tests.reports.helpers import full_assessment

    from maturity.assessments.services import start_assessment
    from maturity.frameworks import loader
    from maturity.organisations.models import Role

    framework = loader.load(loader.read(loader.bundled_path())).framework
    camden = make_organisation("Camden")
    lead = make_member(camden, Role.LEAD, "Lena Lead")
    assessment = start_assessment(organisation=camden, framework=framework, title="Self-assessment 2026", user=lead)
    return full_assessment(assessment, actions=ACTIONS), lead


def empty_workbook_round_trip() -> None:
    from openpyxl import Workbook, load_workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measurement (default 7)")
    runs = parser.parse_args().runs

    from maturity.reports import importer, pdf, workbook

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        assessment, lead = build()
        client = Client()
        client.force_login(lead)
        results_url = reverse("assessments:results", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})

        def results_page() -> None:
            assert client.get(results_url).status_code == 200

        def round_trip() -> None:
            data = workbook.export_workbook(assessment)
            result = importer.import_workbook(assessment=assessment, name="bench.xlsx", data=data, user=lead)
            assert not result.changed

        start = time.perf_counter()
        first_pdf = pdf.render_pdf(assessment)
        cold = time.perf_counter() - start
        exported = workbook.export_workbook(assessment)
        figures = {
            "pdf": timed(lambda: pdf.render_pdf(assessment), runs),
            "pdf: html only": timed(lambda: pdf.render_html(assessment), runs),
            "results page (baseline)": timed(results_page, runs),
            "xlsx export": timed(lambda: workbook.export_workbook(assessment), runs),
            "xlsx import (checks only)": timed(
                lambda: importer.import_workbook(assessment=assessment, name="bench.xlsx", data=exported, user=lead),
                runs,
            ),
            "round trip": timed(round_trip, runs),
            "empty workbook (baseline)": timed(empty_workbook_round_trip, runs),
        }
        baselines = {
            "pdf": "results page (baseline)",
            "pdf: html only": "results page (baseline)",
            "xlsx export": "empty workbook (baseline)",
            "xlsx import (checks only)": "empty workbook (baseline)",
            "round trip": "empty workbook (baseline)",
        }
        wall = {name: statistics.median(times[0]) for name, times in figures.items()}
        cpu = {name: statistics.median(times[1]) for name, times in figures.items()}

        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"Reports benchmark: {assessment.responses.count()} areas, {assessment.actions.count()} actions, "
            f"{connection.vendor}; median of {runs} runs after a warm-up; {os.cpu_count()} cores, load average {load}"
        )
        print(
            f"PDF of {len(first_pdf) // 1024} KB; the first PDF of the process (cold start) took {cold * 1000:.0f} ms"
        )
        print("Wall time is what a user waits; CPU time is the same work without the other processes' share.")
        print()
        print(f"{'measurement':<28}{'wall ms':>9}{'cpu ms':>9}{'goal ms':>9}{'vs baseline':>13}  verdict (wall)")
        for name in figures:
            goal, baseline = GOALS.get(name), baselines.get(name)
            ratio = f"{wall[name] / wall[baseline]:.1f}x" if baseline else ""
            verdict = ("meets the goal" if wall[name] < goal else "misses the goal") if goal else ""
            goal_ms = f"{goal * 1000:.0f}" if goal else ""
            print(f"{name:<28}{wall[name] * 1000:>9.0f}{cpu[name] * 1000:>9.0f}{goal_ms:>9}{ratio:>13}  {verdict}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
