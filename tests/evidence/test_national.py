"""The national figures from open data: no group of fewer than 5 organisations can be read or
worked out from them, on the national team's page, the public benchmarks page, the CSV and JSON
downloads alike. Figures are worked out by hand here, and the suppression is checked against an
independent audit (every set of cells, linear algebra over the groups shown)."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.evidence import selectors
from maturity.evidence.selectors import ALL, FEWER, PROTECTS, withheld_groups
from tests.evidence.figures import awards_of, spend_of
from tests.factories import make_organisation
from tests.html import elements
from tests.rank import rank

# --- the rule, without a database ---------------------------------------------------------------------


def test_groups_of_five_or_more_are_all_shown():
    assert withheld_groups([("district", "London", 5), ("county", "South East", 5), ("county", "London", 6)]) == {}


def test_a_small_group_is_withheld_with_the_next_smallest_so_subtracting_gives_nothing_away():
    # All 7 organisations are London's: London minus the 5 districts would be the 2 counties.
    withheld = withheld_groups([("district", "London", 5), ("county", "London", 2)])
    assert withheld == {("type", "county"): FEWER, ("type", "district"): PROTECTS}


def test_a_type_that_all_but_one_organisation_of_a_region_belongs_to_is_withheld():
    # London (33) minus the London boroughs (32) would be the one other body in London.
    withheld = withheld_groups([("london-borough", "London", 32), ("other", "London", 1), ("county", "East", 10)])
    assert withheld == {("type", "london-borough"): PROTECTS, ("type", "other"): FEWER}


def test_a_chain_of_subtractions_is_caught_too():
    # Region R1 is all of type a's R1 part, so a - R1 = a's 5 in R2, and R2 - (a - R1) = the
    # one b in R2: no pair of groups nests, but three together give one organisation away.
    cells = [("a", "R1", 8), ("a", "R2", 5), ("b", "R2", 1), ("b", "R3", 8), ("c", "R3", 6)]
    assert audit(cells, set()) == [[("b", "R2", 1)]]  # what would be revealed without the rule
    withheld = withheld_groups(cells)
    assert withheld and audit(cells, set(withheld)) == []


def test_a_difference_of_two_organisations_is_caught_too():
    # No group holds another and each has 5 or more, but R1 - a = (the b in R1) - (the a in R2):
    # one organisation's figures against another's. Withholding the two regions stops it.
    cells = [("a", "R1", 4), ("a", "R2", 1), ("b", "R1", 1), ("b", "R2", 6)]
    assert audit(cells, set()) == [[("a", "R2", 1), ("b", "R1", 1)]]
    assert withheld_groups(cells) == {("region", "R1"): PROTECTS, ("region", "R2"): PROTECTS}
    assert audit(cells, set(withheld_groups(cells))) == []


def test_no_data_withholds_nothing():
    assert withheld_groups([]) == {}


def audit(cells: list[tuple[str, str, int]], withheld: set) -> list[list[tuple[str, str, int]]]:
    """Every set of cells of fewer than 5 organisations that some sum and difference of the groups
    shown (all, each type, each region) describes on its own, as their total or as a difference
    between them: leaving its cells out lowers the rank. Over every subset."""
    groups = {ALL} | {("type", c[0]) for c in cells} | {("region", c[1]) for c in cells}

    def holds(group, cell) -> int:
        return int(group == ALL or group == ("type", cell[0]) or group == ("region", cell[1]))

    shown = [[Fraction(holds(g, c)) for c in cells] for g in sorted(groups - withheld)]
    base = rank(shown)
    found = []
    for size in range(1, len(cells) + 1):
        for chosen in itertools.combinations(range(len(cells)), size):
            if sum(cells[i][2] for i in chosen) >= 5:
                continue
            if rank([[v for i, v in enumerate(row) if i not in chosen] for row in shown]) < base:
                found.append([cells[i] for i in chosen])
    return found


cell_sizes = st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 30])


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(cell_sizes, min_size=9, max_size=9))
def test_no_set_of_fewer_than_five_organisations_can_be_worked_out(sizes):
    cells = [(t, r, n) for (t, r), n in zip(itertools.product("abc", ("R1", "R2", "R3")), sizes) if n]
    withheld = withheld_groups(cells)
    assert audit(cells, set(withheld)) == []
    for key, reason in withheld.items():
        size = sum(n for t, r, n in cells if key == ALL or key in {("type", t), ("region", r)})
        assert reason == (FEWER if size < 5 else PROTECTS)


# --- the figures, from the database --------------------------------------------------------------------


@pytest.fixture
def councils(db):
    """5 districts in the South East spending £1,000 each, £100 of it with a VCSE; 5 counties in the
    East spending £400 each; 2 unitaries in the East spending £50 each."""
    made = {"district": [], "county": [], "unitary": []}
    for n in range(5):
        district = make_organisation(f"District {n}", type="district", region="South East")
        spend_of(district, {"Acme": Decimal(900), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
        county = make_organisation(f"County {n}", type="county", region="East")
        spend_of(county, {"Acme": Decimal(400)})
        made["district"].append(district)
        made["county"].append(county)
    for n in range(2):
        unitary = make_organisation(f"Unitary {n}", type="unitary", region="East")
        spend_of(unitary, {"Acme": Decimal(50)})
        made["unitary"].append(unitary)
    return made


def by_group(rows: list[dict]) -> dict[str, dict]:
    return {row["group"]: row for row in rows}


def test_spend_is_added_up_by_type_and_region_and_small_groups_are_withheld(councils):
    groups = selectors.national_spend_groups(year=2024)
    types, regions = by_group(groups["type"]), by_group(groups["region"])
    assert (types["district"]["total"], types["district"]["vcse_share"]) == (Decimal(5000), pytest.approx(0.1))
    assert types["unitary"] == {
        "group": "unitary",
        "organisations": 2,
        "total": None,
        "vcse_amount": None,
        "vcse_share": None,
        "suppressed": True,
        "reason": FEWER,
    }
    # The East is the counties and the 2 unitaries: the counties (differing by 2) are withheld.
    assert (types["county"]["suppressed"], types["county"]["reason"], types["county"]["total"]) == (
        True,
        PROTECTS,
        None,
    )
    assert (regions["East"]["organisations"], regions["East"]["total"]) == (7, Decimal(2100))
    assert regions["South East"]["total"] == Decimal(5000)
    assert (groups["all"]["organisations"], groups["all"]["total"]) == (12, Decimal(7100))
    assert groups["all"]["vcse_share"] == pytest.approx(500 / 7100)


def test_award_shares_are_pooled_and_given_over_five_awards_or_more(db):
    for n in range(5):
        awards_of(
            make_organisation(f"Borough {n}", type="london-borough", region="London"),
            [(True, False), (False, None)] if n else [(True, True), (True, None), (None, None)],
        )
    groups = selectors.national_award_groups(year=2024)
    (london,) = groups["region"]
    # 11 awards; the size is known for 10, of which 6 went to SMEs; VCSE known for 5, 1 won.
    assert (london["organisations"], london["awards"], london["sme_known"], london["sme_won"]) == (5, 11, 10, 6)
    assert london["sme_share"] == pytest.approx(0.6)
    assert (london["vcse_known"], london["vcse_won"], london["vcse_share"]) == (5, 1, pytest.approx(0.2))
    assert groups["all"]["awards"] == 11 and by_group(groups["type"])["london-borough"]["awards"] == 11
    assert selectors.national_award_groups(year=2023)["type"] == []


def test_a_share_over_fewer_than_five_awards_is_not_given(db):
    for n in range(5):
        awards_of(
            make_organisation(f"Borough {n}", type="london-borough", region="London"), [(None, True if n < 4 else None)]
        )
    (london,) = selectors.national_award_groups(year=2024)["region"]
    assert (london["awards"], london["sme_share"], london["vcse_known"], london["vcse_share"]) == (5, None, 4, None)


# --- the public page and its downloads ----------------------------------------------------------------


def test_the_public_page_shows_the_figures_the_rule_and_the_sources_to_anyone(client, councils):
    response = client.get(reverse("evidence:benchmarks"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    page = " ".join(response.content.decode().split())
    assert "Spend, 2024 to 2025" in page and "April 2024 to March 2025" in page
    assert "£5,000" in page and "10.0%" in page  # the districts: £500 of £5,000 with VCSEs
    assert "£7,100" in page and "7.0%" in page  # all organisations: £500 of £7,100
    assert "Fewer than 5 organisations: not shown" in page  # the unitaries
    assert "Not shown, so that another group’s figures cannot be worked out from it" in page  # the counties
    assert "Spend over £500 that councils publish under the Local Government Transparency Code" in page
    assert "A group of fewer than 5 organisations is not shown" in page
    assert "Share of spend with VCSEs" not in page and "Spend with suppliers that the file flags" in page
    assert elements(page, "th", scope="row") and elements(page, "th", scope="col") and elements(page, "caption")
    assert "No contracts awarded in 2024 to 2025 are in the data." in page


def test_the_public_page_groups_by_region_and_picks_a_year(client, councils):
    page = client.get(reverse("evidence:benchmarks"), {"group": "region", "year": "2024"}).content.decode()
    assert "South East" in page and "£2,100" in page
    page = client.get(reverse("evidence:benchmarks"), {"group": "nonsense", "year": "1999"}).content.decode()
    assert "Council type" in page and "2024 to 2025" in page


def test_with_no_data_the_public_page_says_so(client, db):
    page = client.get(reverse("evidence:benchmarks")).content.decode()
    assert "There are no figures yet" in page
    assert "open-data-benchmarks.csv" not in page


def test_the_benchmarks_index_links_to_the_public_page(client, db):
    assert reverse("evidence:benchmarks") in client.get(reverse("benchmarks:published")).content.decode()


def test_the_csv_has_every_grouping_withheld_figures_empty_and_no_formula(client, councils):
    evil = make_organisation("Evil", type="county", region='=HYPERLINK("http://x")')
    spend_of(evil, {"Acme": Decimal(1)}, month=datetime.date(2023, 5, 1))  # a year of its own: all withheld
    response = client.get(reverse("evidence:benchmarks-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="open-data-benchmarks.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    spend_rows = {
        (r["Grouped by"], r["Group"]): r
        for r in rows
        if r["Figures"] == "Spend" and r["Financial year"] == "2024 to 2025"
    }
    district = spend_rows[("Council type", "District council")]
    assert (district["Financial year"], district["Organisations"], district["Total spend (£)"]) == (
        "2024 to 2025",
        "5",
        "5000.00",
    )
    assert (district["Spend with VCSEs (£)"], district["Spend with VCSEs (%)"], district["Shown"]) == (
        "500.00",
        "10.0",
        "Yes",
    )
    unitary = spend_rows[("Council type", "Unitary authority")]
    assert (unitary["Shown"], unitary["Total spend (£)"], unitary["Why not shown"]) == (
        "No",
        "",
        "Fewer than 5 organisations: not shown",
    )
    assert spend_rows[("All organisations", "All organisations")]["Total spend (£)"] == "7100.00"
    evil_rows = [r for r in rows if r["Financial year"] == "2023 to 2024"]
    assert {r["Shown"] for r in evil_rows} == {"No"}
    assert '\'=HYPERLINK("http://x")' in [r["Group"] for r in evil_rows]  # neutralised: never a formula


def test_the_json_gives_the_same_figures_with_null_for_withheld_ones(client, councils):
    document = json.loads(client.get(reverse("evidence:benchmarks-json")).content)
    assert document["suppression"]["minimum"] == 5 and document["suppression"]["withheld_value"] is None
    (year,) = document["years"]
    assert (year["year"], year["label"], year["awards"]) == (2024, "2024 to 2025", [])
    rows = {(r["grouped_by"], r["group"]): r for r in year["spend"]}
    assert rows[("type", "district")] == {
        "year": 2024,
        "year_label": "2024 to 2025",
        "grouped_by": "type",
        "group": "district",
        "label": "District council",
        "organisations": 5,
        "suppressed": False,
        "suppressed_because": None,
        "total": 5000.0,
        "vcse_amount": 500.0,
        "vcse_share": 0.1,
    }
    assert rows[("type", "county")]["total"] is None and rows[("type", "county")]["suppressed_because"] == PROTECTS
    assert rows[("all", "")]["total"] == 7100.0


def test_the_national_team_page_shows_the_same_tables(client, councils):
    from tests.factories import make_national_admin

    client.force_login(make_national_admin())
    page = client.get(reverse("evidence:national")).content.decode()
    assert "£5,000" in page and "Fewer than 5 organisations: not shown" in page and "Buyers to match" in page
