"""The pages of the load test, timed in-process: what each costs the server, apart from the load.

`perf/load.py` measures the real server under load, which on a shared machine says as much
about the other work on it as about the product. This script asks the same pages through Django's
test client in one process (every middleware, the session and sign-in, templates, the database on
PostgreSQL), one at a time, with the production settings `make serve` uses, on the dataset
`perf/load.py` builds: a lead signed in with a session, a visitor, an API client with a
token. Printed per page: the median and lowest of `--runs` requests (after a warm-up), the median
CPU time of this process per request (the application's own work: on a busy machine the elapsed
time says more about the other work than about the page), its queries (the database's work), and
its ratio to the anonymous home page asked alternately with it; and the machine's load average.
A signed-in page is timed twice: as served again, kept, and as made afresh after a write
(docs/adr/0026-kept-signed-in-pages.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maturity_load .venv/bin/python perf/pages.py
    .venv/bin/python perf/pages.py --profile "lead: area"      # cProfile of one page, top functions

The dataset is built (or reused) as `perf/load.py` does; run that once first, or pass --create.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perf import load  # noqa: E402

BASELINE = load.BASELINE


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page (after a warm-up)")
    parser.add_argument("--profile", default=None, help="profile this page (its name in the table) instead")
    parser.add_argument("--queries", default=None, help="print the SQL of this page's queries instead")
    parser.add_argument("--create", action="store_true", help="drop and build the dataset again")
    parser.add_argument("--register", default=None)
    return parser.parse_args()


def pages(plan: dict) -> dict[str, tuple[str, str, dict]]:
    """name: (who asks, path, headers), the load test's pages."""
    lead = plan["leads"][0]
    key, version = plan["framework"]
    area = plan["areas"][3]
    base = f"/organisations/{lead['slug']}/assessments/{lead['draft']}/"
    api = f"/api/v1/organisations/{lead['slug']}/assessments"
    token = {"HTTP_AUTHORIZATION": f"Bearer {lead['token']}"}
    round_id = plan["round"]
    return {
        BASELINE: ("visitor", "/", {}),
        "lead: home": ("lead", "/", {}),
        "lead: task list": ("lead", base, {}),
        "lead: results": ("lead", base + "results/", {}),
        "lead: area": ("lead", f"{base}areas/{area}/", {}),
        "lead: action plan": ("lead", base + "actions/", {}),
        "public: framework": ("visitor", f"/framework/{key}/{version}/", {}),
        "public: framework area": ("visitor", f"/framework/{key}/{version}/{area}/", {}),
        "public: benchmarks": ("visitor", "/benchmarks/", {}),
        "public: round results": ("visitor", f"/benchmarks/{round_id}/", {}),
        "public: round area": ("visitor", f"/benchmarks/{round_id}/areas/{area}/", {}),
        "api: assessments": ("visitor", api, token),
        "api: answers": ("visitor", f"{api}/{lead['draft']}/responses?page_size=100", token),
        "api: framework": ("visitor", f"/api/v1/frameworks/{key}/{version}", token),
        "api: benchmarks": ("visitor", f"/api/v1/rounds/{round_id}/benchmarks?page_size=100", token),
    }


def setup_django() -> None:
    environment = load.server_environment(ALLOWED_HOSTS="testserver", LOG_LEVEL="WARNING")
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the pages link through


def clients(plan: dict) -> dict:
    from django.test import Client

    from maturity.accounts.models import User

    lead = Client()
    lead.force_login(User.objects.get(email=plan["leads"][0]["email"]))
    return {"lead": lead, "visitor": Client()}


def ask(client, path: str, headers: dict) -> tuple[float, float]:
    """Milliseconds of the request: elapsed, and of this process's CPU (the server's own work, which
    the other work on a shared machine delays but does not change; the database's is apart)."""
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, **headers)
    elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed, cpu


def queries_of(client, path: str, headers: dict) -> list[str]:
    from django.db import connection

    found = []

    def counted(execute, sql, params, many, context):
        found.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        ask(client, path, headers)
    return found


def profile(name: str, plan: dict, people: dict, runs: int) -> None:
    who, path, headers = pages(plan)[name]
    for _ in range(5):
        ask(people[who], path, headers)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        ask(people[who], path, headers)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"{name} ({path}), {runs} requests:")
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(70)


def main() -> None:
    args = arguments()
    plan = load.build_plan(args)
    setup_django()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's session handling; the settings stay production's
    people = clients(plan)
    if args.profile:
        profile(args.profile, plan, people, args.runs)
        return
    if args.queries:
        who, path, headers = pages(plan)[args.queries]
        for sql in queries_of(people[who], path, headers):
            print(sql[:400], end="\n\n")
        return
    from maturity import pagecache

    load_before = os.getloadavg()
    visitor = people["visitor"]
    rows = []
    for name, (who, path, headers) in pages(plan).items():
        client = people[who]
        for _ in range(3):
            ask(client, path, headers)
        page, home, made = [], [], []
        for _ in range(args.runs):
            home.append(ask(visitor, "/", {}))
            page.append(ask(client, path, headers))
            pagecache.forget_signed_in()  # as after a write: a signed-in page made afresh
            made.append(ask(client, path, headers))
        rows.append(
            (
                name,
                statistics.median(t for t, _ in page),
                min(t for t, _ in page),
                statistics.median(c for _, c in page),
                statistics.median(c for _, c in made),
                statistics.median(t for t, _ in home),
                len(queries_of(client, path, headers)),
            )
        )
    load_after = os.getloadavg()
    print(
        f"\n{'page':<28} {'median ms':>10} {'lowest ms':>10} {'CPU ms':>7} {'made CPU':>9} {'home ms':>8} "
        f"{'x home':>7} {'queries':>8}"
    )
    for name, median, lowest, cpu, made_cpu, home, queries in rows:
        print(
            f"{name:<28} {median:>10.1f} {lowest:>10.1f} {cpu:>7.1f} {made_cpu:>9.1f} {home:>8.1f} "
            f"{median / home:>7.1f} {queries:>8}"
        )
    print(
        "\nCPU ms: as served again; made CPU: after a write, when a signed-in page is made afresh "
        "(docs/adr/0026-kept-signed-in-pages.md). Public pages are kept per release either way."
    )
    print(
        f"\nLoad average before and after: {' '.join(f'{x:.2f}' for x in load_before)} / "
        f"{' '.join(f'{x:.2f}' for x in load_after)} on {os.cpu_count()} cores."
    )


if __name__ == "__main__":
    main()
