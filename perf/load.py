"""The real production server under a mixed read load, on the national dataset (issue 13).

The dataset is the one `perf/rounds.py` builds (every English council, five diagnostic
rounds), on PostgreSQL, plus, for each of a few councils, a lead with a password, a draft
assessment carried over from the last signed-off one, an action plan and an API token. The
server is `maturity serve` (what `make serve` runs) with its production settings from the
environment, the static files collected, logs written to var/load/server.log.

Locust (as a library) drives it for a fixed time with a closed loop of simulated people, each
sending its next request as soon as the last one is answered:
- council leads, signed in through the sign-in form: home, task list, results, an area, the action plan;
- visitors: the framework and an area of it, the published benchmarks, a round's results and an area;
- API clients with a lead's token: the organisation's assessments and answers, a framework, benchmarks;
- and, in the same run and under the same load, the anonymous home page and a stylesheet.

Printed: requests per second, the median, 95th and 99th percentile per page and in all, the
errors (any answer but 200), each page's median against the anonymous home page's, the server's
memory (all its processes, proportional set size) sampled through the run, and the machine's load
average. Goals (issue 13, on 2 cores): at least 300 requests/s held for the whole run with p99
under 250 ms and no errors; every page's median within 5x the anonymous home page's; memory flat.

    make load                                   # installs the bench extra, then runs this, 60 s
    .venv/bin/python perf/load.py --duration 60 [--users 10] [--workers N] [--create]
    .venv/bin/python perf/load.py --duration 600 --max-requests 0    # memory over 10 minutes

DATABASE_URL names the PostgreSQL database (default postgres://postgres@127.0.0.1:5432/maturity_load);
`--create` drops and builds it again (a few seconds), as does the first run if it has no rounds.
The server listens on 127.0.0.1:--port (8140). The load generator runs on the same machine and takes
some of its CPU, as the clients of a real deployment would not.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "var" / "load"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/maturity_load"
PASSWORD = "load-test-passphrase-2018"
LEADS = 8
GOAL_RPS, GOAL_P99_MS, GOAL_RATIO, GOAL_MEMORY_GROWTH = 300, 250, 5.0, 0.10
BASELINE = "anonymous: home"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load (after a warm-up)")
    parser.add_argument("--warm-up", type=int, default=20, help="seconds of load before measuring")
    parser.add_argument("--users", type=int, default=10, help="simulated people, each one request at a time")
    parser.add_argument(
        "--workers", type=int, default=None, help="WEB_CONCURRENCY of the server (its default: 2 per core + 1)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=None, help="WEB_MAX_REQUESTS of the server (0: workers never recycled)"
    )
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--create", action="store_true", help="drop and build the dataset again")
    parser.add_argument("--register", default=None, help="the register CSV (as perf/rounds.py)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)  # the child that builds the data
    return parser.parse_args()


def database_url() -> str:
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The load test runs on PostgreSQL: set DATABASE_URL=postgres://...")
    return url


def server_environment(**extra: str) -> dict[str, str]:
    """Production settings, as `make serve` reads them, over plain HTTP on this machine."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "MATURITY_TESTING", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "maturity.settings",
            "DATABASE_URL": database_url(),
            "MATURITY_HOME": str(HOME),
            "SECRET_KEY": environment.get("SECRET_KEY") or secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_URL": "memory:",
        }
    )
    environment.update(extra)
    return environment


# --- The data (in a child process: Django is not loaded beside the load generator) ---------------


def prepare(create: bool, register: str | None) -> None:
    """Builds or reuses the dataset, then prints what the load needs as one JSON line."""
    sys.path.insert(0, str(ROOT))
    from perf import rounds

    rounds.setup(create)
    framework, _admin, _lead, _council, latest = rounds.build(register or str(rounds.REGISTER), 2018)
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from maturity.accounts.models import User
    from maturity.api import services as api_services
    from maturity.api.models import ApiToken
    from maturity.assessments import services
    from maturity.benchmarks.models import Participant, Round
    from maturity.organisations.models import Membership, Role

    today = timezone.localdate()
    taking_part = (
        Participant.objects.filter(round=latest, status=Participant.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    leads = []
    for n, participant in enumerate(taking_part[:LEADS]):
        council = participant.organisation
        user, _ = User.objects.get_or_create(
            email=f"load.lead{n}@example.com", defaults={"full_name": f"Lead {n} of {council.name}"}
        )
        user.password = make_password(PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(organisation=council, user=user, defaults={"role": Role.LEAD})
        draft = council.assessments.filter(status="in-progress").first()
        if draft is None:
            draft = services.start_assessment(
                organisation=council,
                framework=framework,
                user=user,
                carry_forward=True,
                title=f"Self-assessment {today.year + 1}",
            )
            for response in draft.responses.select_related("area"):
                for step in (1, 2):
                    services.add_action(
                        assessment=draft,
                        area=response.area,
                        user=user,
                        values={
                            "title": f"Step {step} towards the target in {response.area.short_title or response.area.title}",
                            "owner_name": "Olive Owner",
                            "description": "Agree the approach with the portfolio holder, then report progress to the board.",
                            "owner_email": "olive.owner@example.gov.uk",
                            "due_date": today + datetime.timedelta(days=30 * step),
                            "status": "in-progress" if step == 1 else "not-started",
                        },
                    )
        ApiToken.objects.filter(user=user, name="Load test").delete()
        token = api_services.create_token(
            user=user,
            organisation=council,
            name="Load test",
            scope=ApiToken.Scope.READ,
            expires_on=today + datetime.timedelta(days=30),
            today=today,
        ).secret
        leads.append({"email": user.email, "slug": council.slug, "draft": draft.pk, "token": token})
    published = Round.objects.filter(status=Round.Status.PUBLISHED).order_by("-closes_on").first()
    plan = {
        "leads": leads,
        "password": PASSWORD,
        "framework": [framework.key, framework.version],
        "areas": list(framework.areas.order_by("position").values_list("key", flat=True)),
        "round": published.pk,
    }
    print("PLAN " + json.dumps(plan))


def build_plan(args) -> dict:
    command = [sys.executable, __file__, "--prepare"] + (["--create"] if args.create else [])
    if args.register:
        command += ["--register", args.register]
    environment = server_environment(LOG_LEVEL="WARNING")
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0 and not args.create and "does not exist" in result.stderr:
        print("The database does not exist yet: building it.")
        result = subprocess.run(command + ["--create"], env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Preparing the dataset failed:\n{result.stdout}\n{result.stderr}")
    for line in result.stdout.splitlines():
        if not line.startswith("PLAN "):
            print(line)
    return json.loads(next(line for line in result.stdout.splitlines() if line.startswith("PLAN "))[5:])


# --- The server ------------------------------------------------------------------------------


def start_server(args) -> subprocess.Popen:
    HOME.mkdir(parents=True, exist_ok=True)
    environment = server_environment(HOST="127.0.0.1", PORT=str(args.port))
    if args.workers:
        environment["WEB_CONCURRENCY"] = str(args.workers)
    if args.max_requests is not None:
        environment["WEB_MAX_REQUESTS"] = str(args.max_requests)
    maturity = [sys.executable, "-m", "maturity"]
    subprocess.run(maturity + ["collectstatic", "--noinput", "-v0"], env=environment, check=True)
    log = (HOME / "server.log").open("w")
    server = subprocess.Popen(
        maturity + ["serve"], env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped: see {HOME / 'server.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"The server did not become ready: see {HOME / 'server.log'}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def server_memory_mb(pid: int) -> tuple[float, int]:
    """The server's memory (master and workers, proportional set size: shared pages counted once) and its workers."""
    import psutil

    master = psutil.Process(pid)
    processes = [master, *master.children(recursive=True)]
    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # a worker recycled between the listing and the reading
    return total / 2**20, len(processes) - 1


# --- The load --------------------------------------------------------------------------------


def people(plan: dict, host: str):
    """The simulated people (locust users). Imported here: locust patches the standard library."""
    from locust import FastHttpUser, constant, task

    leads = itertools.cycle(plan["leads"])
    key, version = plan["framework"]
    areas = itertools.cycle(plan["areas"])
    round_id = plan["round"]

    class Person(FastHttpUser):
        abstract = True
        wait_time = constant(0)

        # FastHttpUser would follow redirects: a page that sends to the sign-in page is an error here.
        def fetch(self, path: str, name: str, **headers) -> None:
            with self.client.get(
                path, name=name, headers=headers, allow_redirects=False, catch_response=True
            ) as answer:
                if answer.status_code != 200:
                    answer.failure(f"{answer.status_code} from {path}")

    class Lead(Person):
        """A council lead: signs in through the form, then reads their assessment's pages."""

        weight = 5
        host = ""

        def on_start(self) -> None:
            self.me = next(leads)
            form = self.client.get("/accounts/sign-in/", name="sign in (form)").text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            with self.client.post(
                "/accounts/sign-in/",
                name="sign in",
                allow_redirects=False,
                catch_response=True,
                data={"csrfmiddlewaretoken": token, "email": self.me["email"], "password": plan["password"]},
                headers={"Referer": f"{host}/accounts/sign-in/"},
            ) as answer:
                if answer.status_code != 302:
                    answer.failure(f"signing in gave {answer.status_code}")
            self.base = f"/organisations/{self.me['slug']}/assessments/{self.me['draft']}/"

        @task(2)
        def home(self) -> None:
            self.fetch("/", "lead: home")

        @task(3)
        def task_list(self) -> None:
            self.fetch(self.base, "lead: task list")

        @task(3)
        def results(self) -> None:
            self.fetch(self.base + "results/", "lead: results")

        @task(3)
        def area(self) -> None:
            self.fetch(f"{self.base}areas/{next(areas)}/", "lead: area")

        @task(2)
        def action_plan(self) -> None:
            self.fetch(self.base + "actions/", "lead: action plan")

    class Visitor(Person):
        """Someone reading the public framework and benchmarks, without signing in."""

        weight = 3

        @task(2)
        def framework(self) -> None:
            self.fetch(f"/framework/{key}/{version}/", "public: framework")

        @task(3)
        def framework_area(self) -> None:
            self.fetch(f"/framework/{key}/{version}/{next(areas)}/", "public: framework area")

        @task(1)
        def benchmarks(self) -> None:
            self.fetch("/benchmarks/", "public: benchmarks")

        @task(2)
        def round_results(self) -> None:
            self.fetch(f"/benchmarks/{round_id}/", "public: round results")

        @task(2)
        def round_area(self) -> None:
            self.fetch(f"/benchmarks/{round_id}/areas/{next(areas)}/", "public: round area")

        @task(1)
        def home(self) -> None:
            self.fetch("/", BASELINE)

        @task(1)
        def stylesheet(self) -> None:
            self.fetch(self.stylesheet_path, "anonymous: stylesheet")

        def on_start(self) -> None:
            page = self.client.get("/", name="anonymous: home (first)").text
            self.stylesheet_path = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)

    class ApiClient(Person):
        """Councils' dashboards reading the API, each with its lead's token. One simulated client
        stands for several dashboards (the next council's at each request): a token may make 600
        requests a minute (api/throttling.py), which one client at full speed would exceed."""

        weight = 2

        def dashboard(self) -> tuple[str, dict, dict[str, str]]:
            """The next council's assessments address, its lead's plan and its token's header."""
            me = next(leads)
            return (f"/api/v1/organisations/{me['slug']}/assessments", me, {"Authorization": f"Bearer {me['token']}"})

        @task(2)
        def assessments(self) -> None:
            base, _me, auth = self.dashboard()
            self.fetch(base, "api: assessments", **auth)

        @task(3)
        def responses(self) -> None:
            base, me, auth = self.dashboard()
            self.fetch(f"{base}/{me['draft']}/responses?page_size=100", "api: answers", **auth)

        @task(1)
        def framework(self) -> None:
            self.fetch(f"/api/v1/frameworks/{key}/{version}", "api: framework", **self.dashboard()[2])

        @task(2)
        def benchmarks(self) -> None:
            self.fetch(f"/api/v1/rounds/{round_id}/benchmarks?page_size=100", "api: benchmarks", **self.dashboard()[2])

    for person in (Lead, Visitor, ApiClient):
        person.host = host
    return [Lead, Visitor, ApiClient]


def run(args, plan: dict, server: subprocess.Popen) -> int:
    import gevent
    from locust.env import Environment

    host = f"http://127.0.0.1:{args.port}"
    environment = Environment(user_classes=people(plan, host))
    runner = environment.create_local_runner()
    runner.start(args.users, spawn_rate=args.users)
    print(f"Warming up for {args.warm_up} s with {args.users} simulated people...")
    gevent.sleep(args.warm_up)
    environment.stats.reset_all()
    load_before = os.getloadavg()
    memory = [server_memory_mb(server.pid)]
    started = time.monotonic()
    print(f"Measuring for {args.duration} s...")
    while time.monotonic() - started < args.duration:
        gevent.sleep(min(10, args.duration - (time.monotonic() - started)))
        memory.append(server_memory_mb(server.pid))
    elapsed = time.monotonic() - started
    runner.quit()
    load_after = os.getloadavg()
    return report(environment.stats, elapsed, memory, load_before, load_after, args)


def report(stats, elapsed: float, memory: list[tuple[float, int]], load_before, load_after, args) -> int:
    rows = sorted(
        (
            entry
            for entry in stats.entries.values()
            if entry.num_requests and "sign in" not in entry.name and "(first)" not in entry.name
        ),
        key=lambda entry: entry.name,
    )
    baseline = next((entry.median_response_time for entry in rows if entry.name == BASELINE), None) or 1
    print(
        f"\n{'page':<28} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7} "
        f"{'x home':>7}  goal"
    )
    missed = []
    for entry in rows:
        ratio = entry.median_response_time / baseline
        ok = ratio <= GOAL_RATIO and not entry.num_failures
        if not ok:
            missed.append(entry.name)
        print(
            f"{entry.name:<28} {entry.num_requests:>9} {entry.num_requests / elapsed:>7.1f} "
            f"{entry.median_response_time:>7.0f} {entry.get_response_time_percentile(0.95):>7.0f} "
            f"{entry.get_response_time_percentile(0.99):>7.0f} {entry.num_failures:>7} {ratio:>7.1f}  "
            f"{'ok' if ok else 'MISSED'}"
        )
    total = stats.total
    rps, p99 = total.num_requests / elapsed, total.get_response_time_percentile(0.99)
    print(
        f"{'all':<28} {total.num_requests:>9} {rps:>7.1f} {total.median_response_time:>7.0f} "
        f"{total.get_response_time_percentile(0.95):>7.0f} {p99:>7.0f} {total.num_failures:>7}"
    )
    for error in list(stats.errors.values())[:5]:
        print(f"  error x{error.occurrences}: {error.method} {error.name}: {error.error}")
    # Workers fill their caches (compiled code, kept pages) in the first minutes: memory is judged
    # from a quarter of the way through the run to its end.
    settled, last, peak = memory[len(memory) // 4][0], memory[-1][0], max(m for m, _ in memory)
    growth = (last - settled) / settled
    print(
        f"\nServer memory (master and {memory[-1][1]} workers, PSS), every 10 s: "
        + ", ".join(f"{m:.0f}" for m, _ in memory)
        + f" MB; {growth:+.0%} from a quarter of the way through to the end, peak {peak:.0f} MB."
    )
    print(
        f"Load average before and after: {' '.join(f'{x:.2f}' for x in load_before)} / "
        f"{' '.join(f'{x:.2f}' for x in load_after)} on {os.cpu_count()} cores; the load generator runs on the same machine."
    )
    goals = [
        (f"at least {GOAL_RPS} requests/s for {elapsed:.0f} s", rps >= GOAL_RPS),
        (f"p99 under {GOAL_P99_MS} ms (all requests: {p99:.0f} ms)", p99 < GOAL_P99_MS),
        (f"no errors ({total.num_failures})", total.num_failures == 0),
        (
            f"every page's median within {GOAL_RATIO:g}x the anonymous home page's ({baseline:.0f} ms)"
            + (f": missed by {', '.join(missed)}" if missed else ""),
            not missed,
        ),
        (
            f"memory flat (within {GOAL_MEMORY_GROWTH:.0%} from a quarter of the way through to the end)",
            growth <= GOAL_MEMORY_GROWTH,
        ),
    ]
    print("\nGoals:")
    for text, ok in goals:
        print(f"  {'met   ' if ok else 'MISSED'} {text}")
    return 0 if all(ok for _, ok in goals) else 1


def main() -> None:
    args = arguments()
    if args.prepare:
        prepare(args.create, args.register)
        return
    try:
        import locust  # noqa: F401  (before anything else: it patches the standard library)
    except ImportError:
        raise SystemExit(
            "Locust is not installed: .venv/bin/pip install -r requirements/bench.txt (or run `make load`)"
        ) from None
    started = time.perf_counter()
    plan = build_plan(args)
    print(
        f"Dataset ready in {time.perf_counter() - started:.0f} s: {len(plan['leads'])} leads with a draft, "
        f"an action plan and an API token."
    )
    server = start_server(args)
    try:
        status = run(args, plan, server)
    finally:
        stop_server(server)
    sys.exit(status)


if __name__ == "__main__":
    main()
