"""Times the rounds and benchmark pages on a national dataset, against a minimal page.

The dataset: every current English council from mySociety's register (imported with the
product's own `maturity organisations import` service), a group per region and a few consortia,
and five diagnostic rounds two years apart in which about four councils in five submit a
signed-off self-assessment with realistic levels (most at Developing or Mature, districts a little
lower, maturity rising from round to round). The first four rounds are published; the fifth is
closed, so its pages are timed twice: as the national team's preview and, after publishing it, as the
public pages (the frozen figures). The preview computes its figures on the first view after a
change to the round's inputs and keeps them (src/maturity/benchmarks/previews.py): its pages are timed as repeat
views, against the goal, and the first view after a change (an assessment signed off again) is
timed on its own and printed below the table, outside the goal. Run again on the same database,
the script takes the latest round back to closed, so that its preview is timed again.

Each page is fetched through Django's test client (all middleware, templates, the same user as a
real visit: the national admin, an anonymous visitor, a council's lead). Printed: the first request
(a published round's page, or a preview's, is rendered then and kept by the process), the median of several more,
the number of queries, and the ratio to a minimal page (the product's layout with an empty content
block) requested alternately with the page as the same user, so that both see the same load on the
machine. The goal: every page within 5 times the minimal page and under 150 ms.

Run from the project folder, on a fresh PostgreSQL database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maturity_rounds_bench \\
        .venv/bin/python perf/rounds.py --create

`--create` drops and creates the database named in DATABASE_URL with dropdb/createdb (the
PostgreSQL client programs), then migrates it. Without DATABASE_URL it uses a SQLite file under
var/ (recreated with --create). `--register` points at another copy of the register CSV.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
import types
import warnings
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT.parent / "shared" / "data" / "uk_local_authorities" / "uk_local_authorities_current.csv"
GOAL_RATIO, GOAL_MS = 5.0, 150.0
ROUND_YEARS = (2018, 2020, 2022, 2024, 2026)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--create", action="store_true", help="drop and create the database first")
    parser.add_argument("--register", default=str(REGISTER), help="the register CSV (uk_local_authorities_current.csv)")
    parser.add_argument("--runs", type=int, default=21, help="timed requests per page (after one warm-up)")
    parser.add_argument("--seed", type=int, default=2018)
    return parser.parse_args()


def create_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlparse(url)
        options = [
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
        ]
        name = parts.path.lstrip("/")
        subprocess.run(["dropdb", *options, "--if-exists", name], check=True)
        subprocess.run(["createdb", *options, name], check=True)
        print(f"Created the PostgreSQL database {name}.")
    else:
        path = ROOT / "var" / "rounds-benchmark.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        print(f"Using a new SQLite database at {path}.")


def setup(create: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maturity.settings_test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'rounds-benchmark.sqlite3'}")
    warnings.filterwarnings("ignore", message="No directory at")
    if create:
        create_database()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- The national dataset -------------------------------------------------------------------------


def build(register_path: str, seed: int):
    from django.db import transaction
    from django.utils import timezone

    from maturity.accounts.models import User
    from maturity.assessments.models import Assessment, Response
    from maturity.benchmarks import selectors, services
    from maturity.benchmarks.models import Participant, Round
    from maturity.frameworks import loader
    from maturity.groups.models import Group, GroupMember
    from maturity.organisations import register
    from maturity.organisations import services as organisation_services
    from maturity.organisations.models import Membership, Role

    rng = random.Random(seed)
    framework = loader.load(loader.read(loader.bundled_path())).framework
    parsed = register.parse(register.read(register_path), nations=(register.ENGLAND,))
    result = organisation_services.import_register(register=parsed)
    print(
        f"Register: {len(result.created)} organisations created, {len(result.updated) + len(result.unchanged)} already there."
    )

    today = timezone.localdate()
    councils = list(
        selectors.invitable(types=list(selectors.COUNCIL_TYPES), regions=selectors.english_regions(today), today=today)
    )
    admin, _ = User.objects.get_or_create(
        email="national.admin@example.com", defaults={"full_name": "National Admin", "is_national_admin": True}
    )
    from maturity.accounts.models import TwoFactorDevice  # national admins must have an authenticator app

    TwoFactorDevice.objects.get_or_create(user=admin, defaults={"secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"})
    lead_of = councils[0]
    lead, _ = User.objects.get_or_create(email="lead@example.com", defaults={"full_name": "Lena Lead"})
    Membership.objects.get_or_create(organisation=lead_of, user=lead, defaults={"role": Role.LEAD})

    if not Group.objects.exists():
        with transaction.atomic():
            by_region: dict[str, list] = {}
            for council in councils:
                by_region.setdefault(council.region, []).append(council)
            members, now = [], timezone.now()  # every council accepted its groups
            for region, items in by_region.items():
                group = Group.objects.create(
                    slug=f"region-{len(members)}-{region.lower().replace(' ', '-')}"[:100],
                    name=region,
                    kind=Group.Kind.REGION,
                )
                members += [GroupMember(group=group, organisation=o, accepted_at=now) for o in items]
            for n in range(6):  # consortia across regions
                group = Group.objects.create(
                    slug=f"consortium-{n}", name=f"Procurement consortium {n + 1}", kind=Group.Kind.CONSORTIUM
                )
                members += [GroupMember(group=group, organisation=o, accepted_at=now) for o in rng.sample(councils, 25)]
            GroupMember.objects.bulk_create(members)

    if Round.objects.exists():
        print("Rounds already generated: timing the existing data.")
        return framework, admin, lead, lead_of, _unpublished(Round.objects.order_by("-closes_on").first())

    areas = list(framework.areas.order_by("position"))
    type_shift = {"district": -0.3, "county": 0.2, "unitary": 0.1, "metropolitan-district": 0.1, "london-borough": 0.2}
    latest = None
    for index, year in enumerate(ROUND_YEARS):
        with transaction.atomic():
            round_ = Round.objects.create(
                name=f"Diagnostic review {year}",
                framework=framework,
                status=Round.Status.CLOSED,
                opens_on=datetime.date(year, 1, 15),
                closes_on=min(datetime.date(year, 3, 31), today - datetime.timedelta(days=1)),
                organisation_types=list(selectors.COUNCIL_TYPES),
                regions=selectors.english_regions(today),
                created_by=admin,
            )
            taking_part = [c for c in councils if rng.random() < 0.8]
            signed = timezone.now()
            assessments = Assessment.objects.bulk_create(
                [
                    Assessment(
                        organisation=c,
                        framework=framework,
                        title=f"Self-assessment {year}",
                        status=Assessment.Status.SIGNED_OFF,
                        signed_off_at=signed,
                        signer_name="Chief Executive",
                    )
                    for c in taking_part
                ]
            )
            responses = []
            for council, assessment in zip(taking_part, assessments):
                base = rng.gauss(2.2 + 0.25 * index + type_shift.get(council.type, 0), 0.6)
                for area in areas:
                    current = max(1, min(5, round(base + rng.gauss(0, 0.7))))
                    target = max(current, min(5, current + rng.choice([0, 1, 1, 1, 2])))
                    responses.append(
                        Response(
                            assessment=assessment,
                            area=area,
                            current_level=current,
                            target_level=target,
                            target_year=year + 2,
                            confidence="medium",
                            evidence="Generated for the benchmark",
                        )
                    )
            Response.objects.bulk_create(responses, batch_size=2000)
            by_council = {a.organisation_id: a for a in assessments}
            reasons = [r for r, _ in Participant.Reason.choices]
            Participant.objects.bulk_create(
                [
                    Participant(
                        round=round_,
                        organisation=c,
                        status=Participant.Status.SUBMITTED
                        if c.pk in by_council
                        else (Participant.Status.DECLINED if rng.random() < 0.5 else Participant.Status.INVITED),
                        assessment=by_council.get(c.pk),
                        agrees_to_be_named=c.pk in by_council and rng.random() < 0.6,
                        decline_reason=rng.choice(reasons) if c.pk not in by_council else "",
                        decline_detail="Generated" if c.pk not in by_council else "",
                    )
                    for c in councils
                ],
                batch_size=1000,
            )
        _analyse()
        if index < len(ROUND_YEARS) - 1:
            services.publish_round(round_=round_, user=admin, today=today)
        latest = round_
        print(f"{round_.name}: {len(taking_part)} of {len(councils)} councils submitted.")
    if not Assessment.objects.filter(organisation=lead_of, round_entries__round=latest).exists():
        raise SystemExit("The lead's council did not take part in the latest round: change --seed")
    return framework, admin, lead, lead_of, latest


def _unpublished(round_):
    """The latest round as it was before a previous run of this script published it, so that its
    preview is timed again."""
    from maturity.benchmarks.models import PublishedResults, Round

    if round_.is_published:
        PublishedResults.objects.filter(round=round_).delete()
        Round.objects.filter(pk=round_.pk).update(status=Round.Status.CLOSED, published_at=None, published_by=None)
        round_.refresh_from_db()
    return round_


def _analyse() -> None:
    """Refresh the planner's statistics after a bulk load (autovacuum would, a little later)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Timing --------------------------------------------------------------------------------------


def minimal_urlconf():
    """The product's URLs plus /minimal/: the layout with an empty content block."""
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    from maturity import urls

    template = engines["jinja2"].from_string(
        '{% extends "layout.html" %}{% block title %}Minimal{% endblock %}'
        '{% block content %}<h1 class="govuk-heading-xl">Minimal</h1>{% endblock %}'
    )

    def minimal(request):
        return HttpResponse(template.render({}, request))

    module = types.ModuleType("rounds_benchmark_urls")
    module.urlpatterns = [path("minimal/", minimal), path("", include(urls.urlpatterns))]
    sys.modules[module.__name__] = module
    return module.__name__


def measure(client, url: str, runs: int) -> tuple[float, float, float, int, int]:
    """Milliseconds of the first request to the page (published pages are rendered then, and
    kept), the median of `runs` further requests to it and of `runs` requests to the minimal page,
    interleaved (so that both see the same load on the machine); the queries of the first request,
    and the page's size."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get(MINIMAL)
    with connection.execute_wrapper(count):
        start = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    page, minimal = [], []
    for _ in range(runs):
        for times, target in ((minimal, MINIMAL), (page, url)):
            start = time.perf_counter()
            client.get(target)
            times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(page), statistics.median(minimal), len(queries), len(response.content)


def measure_after_change(client, url: str, change, runs: int) -> tuple[float, float]:
    """Milliseconds of the page's first request after each of `runs` changes to its inputs (its
    figures are computed again), and of the minimal page, interleaved: the medians."""
    page, minimal = [], []
    for _ in range(runs):
        change()
        for times, target in ((minimal, MINIMAL), (page, url)):
            start = time.perf_counter()
            response = client.get(target)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (target, response.status_code)
    return statistics.median(page), statistics.median(minimal)


MINIMAL = "/minimal/"


def main() -> None:
    args = arguments()
    setup(args.create)
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from django.urls import clear_url_caches, reverse
    from django.utils import timezone

    from maturity.assessments.models import Assessment
    from maturity.benchmarks import services
    from maturity.benchmarks.models import Participant

    setup_test_environment()
    start = time.perf_counter()
    framework, admin, lead, council, latest = build(args.register, args.seed)
    print(
        f"Dataset ready in {time.perf_counter() - start:.1f} s on {connection.vendor}: "
        f"{Participant.objects.filter(round=latest).count()} councils invited to {latest.name}, "
        f"{Participant.objects.filter(round=latest, status='submitted').count()} submitted.\n"
    )

    with override_settings(ROOT_URLCONF=minimal_urlconf()):
        clear_url_caches()
        area = framework.areas.order_by("position").first()
        assessment = Assessment.objects.filter(organisation=council, round_entries__round=latest).first()
        client = Client()
        rows = []

        def page(label: str, url: str) -> None:
            rows.append((label, *measure(client, url, args.runs)))

        client.force_login(admin)
        page("minimal page (layout only)", MINIMAL)
        page("national: rounds", reverse("benchmarks:rounds"))
        page("national: round", reverse("benchmarks:round", args=[latest.pk]))
        page("national: responses", reverse("benchmarks:responses", args=[latest.pk]))
        page("national: publish (confirm)", reverse("benchmarks:publish-round", args=[latest.pk]))
        preview_urls = {
            "results": reverse("benchmarks:results", args=[latest.pk]),
            "area": reverse("benchmarks:area", kwargs={"round_id": latest.pk, "area_key": area.key}),
            "CSV": reverse("benchmarks:results-csv", args=[latest.pk]),
            "JSON": reverse("benchmarks:results-json", args=[latest.pk]),
        }
        for name, url in preview_urls.items():
            page(f"preview (repeat view): {name}", url)
        resubmitted = (
            Participant.objects.filter(round=latest, status="submitted").values_list("assessment_id", flat=True).first()
        )

        def sign_off_again():  # what signing off a reopened assessment does to the preview's inputs
            Assessment.objects.filter(pk=resubmitted).update(signed_off_at=timezone.now())

        after_change = {
            name: measure_after_change(client, preview_urls[name], sign_off_again, max(3, args.runs // 3))
            for name in ("results", "area")
        }
        start = time.perf_counter()
        services.publish_round(round_=latest, user=admin, today=timezone.localdate())
        publish_ms = (time.perf_counter() - start) * 1000
        client.logout()
        page("public: published rounds", reverse("benchmarks:published"))
        page("public: results", reverse("benchmarks:results", args=[latest.pk]))
        page("public: area", reverse("benchmarks:area", kwargs={"round_id": latest.pk, "area_key": area.key}))
        page("public: CSV", reverse("benchmarks:results-csv", args=[latest.pk]))
        page("public: JSON", reverse("benchmarks:results-json", args=[latest.pk]))
        client.force_login(lead)
        page("council: minimal page", MINIMAL)
        page("council: rounds", reverse("benchmarks:organisation-rounds", kwargs={"slug": council.slug}))
        page(
            "council: assessment results + comparison",
            reverse("assessments:results", kwargs={"slug": council.slug, "pk": assessment.pk}),
        )

    print(
        f"{'page':<44} {'first ms':>9} {'median ms':>10} {'minimal ms':>11} {'x minimal':>10} {'queries':>8} {'KB':>6}  goal"
    )
    failures = 0
    for label, first, ms, minimal_ms, queries, size in rows:
        ratio = ms / minimal_ms
        ok = "minimal" in label or (ratio <= GOAL_RATIO and ms <= GOAL_MS)
        failures += not ok
        print(
            f"{label:<44} {first:>9.1f} {ms:>10.1f} {minimal_ms:>11.1f} {ratio:>10.1f} {queries:>8} {size / 1024:>6.0f}  "
            f"{'ok' if ok else 'MISSED'}"
        )
    print(
        "\nThe preview's figures are computed again on the first view after a change to the round's "
        "inputs (here: an assessment signed off again), then kept; outside the goal, which is for repeat views:"
    )
    for name, (ms, minimal_ms) in after_change.items():
        print(
            f"  preview: {name}, first view after a change: {ms:.1f} ms ({ms / minimal_ms:.1f}x the minimal page, "
            f"{minimal_ms:.1f} ms)"
        )
    from maturity.benchmarks import presenters

    comparison = []
    for _ in range(args.runs):
        start = time.perf_counter()
        presenters.results_comparison(assessment)
        comparison.append((time.perf_counter() - start) * 1000)
    print(
        f"\nOf the council's results page, the comparison with other councils (this issue's part) takes "
        f"{statistics.median(comparison):.1f} ms; the rest is the assessment's own results page."
    )
    print(f"Publishing {latest.name} (computing and freezing its figures): {publish_ms:.0f} ms.")
    print(
        f"Goal: each page within {GOAL_RATIO:g}x the minimal page and under {GOAL_MS:g} ms. "
        f"{'All met.' if not failures else f'{failures} missed.'}"
    )


if __name__ == "__main__":
    main()
