"""The public operations: frameworks, the organisation register, published rounds and their
benchmarks (suppressed exactly as on the results pages)."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from maturity.benchmarks import aggregates
from maturity.benchmarks import presenters as benchmark_presenters
from maturity.benchmarks import services as round_services
from maturity.frameworks import loader
from maturity.frameworks.models import Framework
from maturity.organisations.models import Organisation
from tests.api.conftest import error_code
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, national_admin, signed_off, submit

# --- Frameworks ----------------------------------------------------------------------------------


def test_anyone_lists_the_published_frameworks(api, nps):
    body = api.get("frameworks").json()
    assert body["count"] == 1 and body["items"][0]["key"] == nps.key and body["items"][0]["status"] == "published"
    assert body["items"][0]["url"].endswith(f"/api/v1/frameworks/{nps.key}/{nps.version}")


def test_a_framework_is_the_document_of_its_data_file(api, nps):
    body = api.get(f"frameworks/{nps.key}/{nps.version}").json()
    assert body == json.loads(json.dumps(loader.export(nps)))
    assert loader.validate(body) == []


def test_draft_frameworks_are_not_public(api, nps):
    document = loader.export(nps)
    document["version"] = "2099-draft"
    draft = loader.load(document, status=Framework.Status.DRAFT).framework
    assert api.get(f"frameworks/{draft.key}/{draft.version}").status_code == 404
    assert [item["version"] for item in api.get("frameworks").json()["items"]] == [nps.version]


# --- The organisation register ---------------------------------------------------------------------


def test_the_register_gives_public_fields_only(api, camden):
    Organisation.objects.filter(pk=camden.pk).update(
        contact_email="procurement@camden.example", population=210_000, start_date=datetime.date(1965, 4, 1)
    )
    item = api.get("organisations").json()["items"][0]
    assert item == {
        "slug": camden.slug,
        "name": "Camden",
        "gss_code": camden.gss_code,
        "type": "london-borough",
        "region": "London",
        "start_date": "1965-04-01",
        "end_date": None,
    }
    assert api.get(f"organisations/{camden.slug}").json() == item


def test_the_register_is_filtered_by_type_region_and_name(api, camden, manchester):
    assert [o["name"] for o in api.get("organisations?type=metropolitan-district").json()["items"]] == ["Manchester"]
    assert [o["name"] for o in api.get("organisations?region=london").json()["items"]] == ["Camden"]
    assert [o["name"] for o in api.get("organisations?q=manch").json()["items"]] == ["Manchester"]
    response = api.get("organisations?type=parish")
    assert response.status_code == 400 and "type" in response.json()["error"]["fields"]


# --- Rounds and benchmarks ---------------------------------------------------------------------------


@pytest.fixture
def published_round(nps, camden, lead):
    """A published round: 30 councils across the regions (a few per region, so some figures are
    withheld) and Camden."""
    admin = national_admin("Nadia National")
    councils = bulk_councils(nps, 30, prefix="Borough")
    round_ = make_round(
        nps,
        [camden, *councils],
        user=admin,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    submit(round_, camden, signed_off(camden, nps, lead, title="Signed off 2026"), named=True)
    from maturity.assessments.models import Assessment

    for council in councils:
        submit(round_, council, Assessment.objects.get(organisation=council))
    return round_services.publish_round(round_=round_, user=admin, today=TODAY)


def test_only_published_rounds_are_listed(api, nps, published_round):
    open_round = make_round(nps, name="Still open")
    body = api.get("rounds").json()
    assert [item["id"] for item in body["items"]] == [published_round.pk]
    assert api.get(f"rounds/{open_round.pk}").status_code == 404
    assert api.get(f"rounds/{open_round.pk}/benchmarks").status_code == 404


def test_a_round_gives_its_levels_threshold_rule_and_named_respondents(api, published_round, camden):
    body = api.get(f"rounds/{published_round.pk}").json()
    assert body["named_respondents"] == ["Camden"] and body["organisations_invited"] == 31
    assert body["suppression"]["minimum"] == 5 and body["suppression"]["withheld_value"] is None
    assert [level["number"] for level in body["levels"]] == [1, 2, 3, 4, 5]


def test_api_benchmarks_are_the_published_figures_of_the_results_pages(api, client, published_round):
    """The same snapshot through the same presenter as the page's JSON download: equal figures."""
    items = api.get(f"rounds/{published_round.pk}/benchmarks?page_size=100").json()["items"]
    download = client.get(f"/benchmarks/{published_round.pk}/benchmarks.json").json()
    assert items == download["areas"]
    one = api.get(f"rounds/{published_round.pk}/benchmarks/{items[0]['key']}").json()
    assert one == download["areas"][0]


def test_a_figure_withheld_on_the_page_is_null_in_the_api(api, client, published_round):
    items = api.get(f"rounds/{published_round.pk}/benchmarks?page_size=100").json()["items"]
    area = items[0]
    page = client.get(f"/benchmarks/{published_round.pk}/areas/{area['key']}/").content.decode()
    regions = [p for p in area["populations"] if p["dimension"] == "region"]
    withheld = [p for p in regions if p["respondents"] is None]
    shown = [p for p in regions if p["respondents"] is not None]
    assert withheld and shown, "the fixture should give both withheld and shown regions"
    # The table of respondents by region (the charts' tables before it give medians, not counts).
    by_region = page[page.index(f'id="{aggregates.REGION}"') :]
    for population in regions:
        cells = re.search(rf">\s*{re.escape(population['label'])}\s*</t[hd]>\s*<td[^>]*>\s*([^<]+?)\s*</td>", by_region)
        assert cells, population["label"]
        expected = benchmark_presenters.shown(population["respondents"])  # the page's own word for withheld
        assert cells.group(1) == expected, population["label"]


def test_benchmarks_are_suppressed_by_the_one_rule(api, published_round):
    """Every count shown describes 0 or at least 5 organisations."""
    for area in api.get(f"rounds/{published_round.pk}/benchmarks?page_size=100").json()["items"]:
        for population in area["populations"]:
            for measure in ("current", "target"):
                for count in population[measure]["counts"].values():
                    assert count is None or count == 0 or count >= 5


def test_an_unknown_area_of_a_round_gets_404(api, published_round):
    response = api.get(f"rounds/{published_round.pk}/benchmarks/no-such-area")
    assert response.status_code == 404 and error_code(response) == "not_found"


def test_a_published_rounds_benchmarks_are_made_once_and_kept(api, published_round):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maturity import pagecache

    pagecache.forget_in_process()
    url = f"rounds/{published_round.pk}/benchmarks?page_size=100"
    with CaptureQueriesContext(connection) as made:
        first = api.get(url)
    with CaptureQueriesContext(connection) as kept:
        again = api.get(url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.json()["items"]
    assert len(kept) < len(made)  # the figures are not read or worked out again
