"""Evidence from open data in the API: an organisation's indicators (its token only, as its
assessments) and the national figures (public, suppressed exactly as on the public page)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from maturity.api.models import ApiToken
from maturity.organisations.models import Membership
from tests.api.conftest import Api, error_code, make_token
from tests.evidence.figures import awards_of, districts_with_evidence, spend_of
from tests.factories import make_organisation


@pytest.fixture
def camden_spend(camden):
    """Camden paid £900 to Acme and £100 to Helping Hands (a VCSE) in May 2024, and £250 to Acme in
    May 2023."""
    spend_of(camden, {"Acme": Decimal(900), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
    spend_of(camden, {"Acme": Decimal(250)}, month=datetime.date(2023, 5, 1))
    return camden


@pytest.fixture
def reader(read_token):
    return Api(read_token)


def evidence_path(organisation, query: str = "") -> str:
    return f"organisations/{organisation.slug}/evidence{query}"


# --- An organisation's indicators ------------------------------------------------------------------


def test_it_lists_the_organisations_indicators_latest_year_first(reader, camden_spend):
    body = reader.get(evidence_path(camden_spend, "?page_size=100")).json()
    assert body["count"] == 10  # 5 spend indicators in each of two years
    assert [item["year"] for item in body["items"]] == [2024] * 5 + [2023] * 5
    items = {item["key"]: item for item in body["items"] if item["year"] == 2024}
    assert items["spend-total"] | {"areas": None} == {
        "key": "spend-total",
        "title": "Total spend",
        "definition": items["spend-total"]["definition"],
        "source": "spend",
        "source_text": items["spend-total"]["source_text"],
        "year": 2024,
        "year_label": "2024 to 2025",
        "period": "April 2024 to March 2025 (the data covers 1 of the 12 months: May 2024)",
        "months": 1,
        "unit": "money",
        "value": 1000.0,
        "text": "£1,000",
        "enough": True,
        "count": None,
        "note": "",
        "areas": None,
    }
    assert items["spend-suppliers"]["value"] == 2 and isinstance(items["spend-suppliers"]["value"], int)
    assert {"framework": "nps", "area": "enabling-vcse-engagement"} in items["spend-vcse-share"]["areas"]


def test_a_share_over_too_few_items_has_no_value(reader, camden_spend):
    items = {item["key"]: item for item in reader.get(evidence_path(camden_spend, "?year=2024")).json()["items"]}
    share = items["spend-vcse-share"]  # £100 of £1,000, but over 2 suppliers only
    assert (share["value"], share["enough"], share["text"], share["count"]) == (None, False, "Too little data", 2)
    assert share["note"] == "Too little data to give a figure: 2 named suppliers; at least 5 are needed."


def test_indicators_are_filtered_by_year_and_source(reader, camden_spend):
    assert {i["year"] for i in reader.get(evidence_path(camden_spend, "?year=2023")).json()["items"]} == {2023}
    assert reader.get(evidence_path(camden_spend, "?source=ocds")).json()["count"] == 0
    awards_of(camden_spend, [(True, None)] * 5)
    body = reader.get(evidence_path(camden_spend, "?source=ocds&page_size=100")).json()
    awards = {item["key"]: item for item in body["items"]}["awards-to-smes"]
    assert (awards["value"], awards["text"], awards["count"]) == (1.0, "100.0%", 5)
    response = reader.get(evidence_path(camden_spend, "?source=grants"))
    assert response.status_code == 400 and "source" in response.json()["error"]["fields"]


def test_indicators_are_paged(reader, camden_spend):
    body = reader.get(evidence_path(camden_spend, "?page_size=3&page=2")).json()
    assert (len(body["items"]), body["count"]) == (3, 10)
    assert body["next"].endswith("page=3") and body["previous"].endswith("page=1")


def test_a_token_reaches_only_its_own_organisations_evidence(camden_spend, manchester, outsider, viewer, lead):
    assert Api(make_token(outsider, manchester)).get(evidence_path(camden_spend)).status_code == 404
    assert Api(make_token(viewer, camden_spend)).get(evidence_path(camden_spend)).status_code == 200
    token = make_token(lead, camden_spend, scope=ApiToken.Scope.WRITE)
    Membership.objects.filter(user=lead, organisation=camden_spend).delete()
    response = Api(token).get(evidence_path(camden_spend))
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert Api().get(evidence_path(camden_spend)).status_code == 401


# --- National figures ---------------------------------------------------------------------------------


@pytest.fixture
def councils(db):
    """6 districts in the South East, each paying £1,000 (£100 of it to a VCSE) and awarding 2
    contracts, one to an SME; 2 counties in the South East paying £400."""
    districts_with_evidence()
    for n in range(2):
        spend_of(make_organisation(f"County {n}", type="county", region="South East"), {"Acme": Decimal(400)})


def test_anyone_reads_what_the_national_figures_are(api, councils):
    body = api.get("open-data-benchmarks").json()
    assert body["years"] == [{"year": 2024, "label": "2024 to 2025", "period": "April 2024 to March 2025"}]
    assert body["suppression"]["minimum"] == 5 and body["suppression"]["withheld_value"] is None
    assert body["awards_url"].endswith("/api/v1/open-data-benchmarks/awards")
    assert "Local Government Transparency Code" in body["sources"]["spend"]


def test_spend_groups_are_added_up_and_suppressed(api, councils):
    items = api.get("open-data-benchmarks/spend?page_size=100").json()["items"]
    rows = {(r["grouped_by"], r["group"]): r for r in items}
    assert (rows[("all", "")]["organisations"], rows[("all", "")]["total"]) == (8, 6800.0)
    assert rows[("type", "county")]["total"] is None
    assert rows[("type", "county")]["suppressed_because"] == "fewer-organisations"
    # All 8 are in the South East, whose total is shown: the districts' would give the counties' away.
    assert (rows[("type", "district")]["total"], rows[("type", "district")]["suppressed_because"]) == (
        None,
        "protects-another-group",
    )
    assert rows[("region", "South East")]["vcse_share"] == pytest.approx(600 / 6800, abs=1e-4)


def test_award_groups_give_pooled_shares(api, councils):
    body = api.get("open-data-benchmarks/awards?grouped_by=type").json()
    (district,) = body["items"]
    assert (district["organisations"], district["awards"], district["sme_known"], district["sme_won"]) == (6, 12, 12, 6)
    assert (district["sme_share"], district["vcse_share"], district["suppressed"]) == (0.5, 0.0, False)


def test_national_figures_are_filtered_and_paged(api, councils):
    assert api.get("open-data-benchmarks/spend?year=2023").json()["count"] == 0
    body = api.get("open-data-benchmarks/spend?grouped_by=region").json()
    assert [r["label"] for r in body["items"]] == ["South East"]
    body = api.get("open-data-benchmarks/spend?page_size=1").json()
    assert body["count"] == 4 and body["next"]  # all, 2 types, 1 region
    assert api.get("open-data-benchmarks/spend?grouped_by=ward").status_code == 400


def test_the_api_gives_the_figures_of_the_public_download(api, client, councils):
    download = client.get(reverse("evidence:benchmarks-json")).json()
    (year,) = download["years"]
    assert api.get("open-data-benchmarks/spend?page_size=100").json()["items"] == year["spend"]
    assert api.get("open-data-benchmarks/awards?page_size=100").json()["items"] == year["awards"]


def test_no_figure_shown_describes_fewer_than_five_organisations(api, councils, camden):
    spend_of(camden, {"Acme": Decimal(5)})  # one London borough: alone in its type and its region
    for path in ("open-data-benchmarks/spend?page_size=100", "open-data-benchmarks/awards?page_size=100"):
        for row in api.get(path).json()["items"]:
            assert row["suppressed"] or row["organisations"] >= 5, row
            if row["suppressed"]:
                assert all(
                    value is None
                    for key, value in row.items()
                    if key
                    not in {
                        "year",
                        "year_label",
                        "grouped_by",
                        "group",
                        "label",
                        "organisations",
                        "suppressed",
                        "suppressed_because",
                    }
                )


def test_a_token_that_is_sent_must_be_valid(api, councils):
    assert api.get("open-data-benchmarks", token="pmt_not-a-token").status_code == 401
