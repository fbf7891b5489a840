"""Every CSV file the product writes neutralises formulas (issue 12, section 5).

The attack: a group named `=HYPERLINK(...)` appeared unchanged in the public round CSV. Here,
formula-like text is put everywhere a CSV can show text of someone's choosing (answers, actions,
a region's and a group's name), then every CSV download is fetched, found from the URL
configuration (views marked `@csv_download`, and every address ending in .csv), not from a list:
a CSV download added later is walked too. No cell may start with `=`, `+`, `-`, `@`, a tab or a
carriage return unless it is a number. And no module but maturity/spreadsheets.py writes CSV.
"""

from __future__ import annotations

import ast
import csv
import datetime
import io
import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

import maturity
from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import add_action, start_assessment
from maturity.benchmarks import services as round_services
from maturity.groups.models import Group, GroupMember
from maturity.organisations.models import Organisation
from maturity.spreadsheets import FORMULA_PREFIXES
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, submit
from tests.evidence.figures import awards_of, spend_of
from tests.test_isolation import fill

HOSTILE = ['=HYPERLINK("https://evil.example","Click")', "+44 20 7946 0000", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def csv_routes() -> list[tuple[str, str]]:
    """(route, name) of every view marked as writing CSV, and of every address ending in .csv."""
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if getattr(entry.callback, "writes_csv", False) or route.rstrip("$").endswith(".csv"):
                    found.append((route, entry.name or "", getattr(entry.callback, "writes_csv", False)))

    walk(get_resolver().url_patterns)
    unmarked = [route for route, _, marked in found if not marked]
    assert not unmarked, f"Mark these CSV views with @spreadsheets.csv_download: {unmarked}"
    return sorted((route, name) for route, name, _ in found)


@pytest.fixture
def world(nps, camden, lead):
    """Formula-like text in every place a CSV shows text someone chose, and a value for every
    part of a CSV address."""
    hostile = itertools.cycle(HOSTILE)
    draft = start_assessment(organisation=camden, framework=nps, title="Self-assessment 2027", user=lead)
    for response in draft.responses.all():
        Response.objects.filter(pk=response.pk).update(evidence=next(hostile), current_level=2, target_level=3)
    area = draft.responses.select_related("area").first().area
    for text in HOSTILE:
        add_action(
            assessment=draft,
            area=area,
            user=lead,
            values={
                "title": text,
                "description": text,
                "owner_name": text,
                "owner_email": "",
                "due_date": None,
                "status": "not-started",
            },
        )
    councils = bulk_councils(nps, 6, prefix="Borough")
    Organisation.objects.filter(pk__in=[c.pk for c in councils]).update(region=HOSTILE[0])
    group = Group.objects.create(slug="evil", name=HOSTILE[0], kind=Group.Kind.CONSORTIUM)
    GroupMember.objects.bulk_create(
        [GroupMember(group=group, organisation=c, accepted_at=timezone.now()) for c in councils]
    )
    round_ = make_round(
        nps, councils, opens_on=TODAY - datetime.timedelta(days=30), closes_on=TODAY - datetime.timedelta(days=1)
    )
    for council in councils:
        submit(round_, council, Assessment.objects.get(organisation=council))
        spend_of(council, {HOSTILE[3]: Decimal(900), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
        awards_of(council, [(True, None), (False, True)])
    round_services.publish_round(round_=round_, user=lead, today=TODAY)
    return {"slug": camden.slug, "pk": str(draft.pk), "round_id": str(round_.pk)}


def cells(body: bytes) -> list[str]:
    text = body.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_there_are_csv_downloads_to_walk():
    names = {name for _, name in csv_routes()}
    assert {"responses-csv", "actions-csv", "results-csv", "benchmarks-csv"} <= names


def test_no_cell_of_any_csv_download_can_run_as_a_formula(client, world, lead):
    from tests.factories import make_national_admin

    national = make_national_admin("Nia National")
    for route, name in csv_routes():
        client.force_login(national if route.startswith("national/") else lead)  # the national team's own lists
        response = client.get(fill(route, world))
        assert response.status_code == 200, f"{name}: {response.status_code}: give the test a persona who may read it"
        assert response["Content-Type"].startswith("text/csv"), name
        found = cells(response.content)
        dangerous = [cell for cell in found if cell.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(cell)]
        assert not dangerous, f"{name} has cells that run as formulas: {dangerous[:5]}"
        neutralised = [cell for cell in found if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES)]
        assert neutralised, f"{name}: none of the formula-like text reached this file; put some where it shows"


def test_no_module_but_the_one_writer_writes_csv():
    """csv.writer, csv.DictWriter and the CSV content type appear only in maturity/spreadsheets.py."""
    root = Path(maturity.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "spreadsheets.py" and path.parent == root:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("writer", "DictWriter")
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                offenders.append(f"{path.relative_to(root)}:{node.lineno} csv.{node.attr}")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "text/csv" in node.value
                and "," not in node.value
            ):  # an upload's accept list names it too
                offenders.append(f"{path.relative_to(root)}:{node.lineno} {node.value!r}")
    assert not offenders, "Write CSV through maturity.spreadsheets (csv_text, CSV_CONTENT_TYPE): " + ", ".join(
        offenders
    )
