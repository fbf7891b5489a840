"""A visitor, not signed in, finds the national figures from open data from the benchmarks, reads
them by council type and by region, and gets the same figures as data: in Chromium, with axe-core
(WCAG 2.2 A and AA) on every page visited, on a desktop and on a phone."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect

from tests.browser.support import assert_no_horizontal_scroll, submit, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def councils(transactional_db):
    """6 districts in the South East paying £1,000 each (£100 to a VCSE) and awarding 2 contracts
    each, one to an SME; in the East, 5 counties paying £400 and 2 unitaries paying £50."""
    from tests.evidence.figures import districts_with_evidence, spend_of
    from tests.factories import make_organisation

    districts_with_evidence()
    for n in range(5):
        spend_of(make_organisation(f"County {n}", type="county", region="East"), {"Acme": Decimal(400)})
    for n in range(2):
        spend_of(make_organisation(f"Unitary {n}", type="unitary", region="East"), {"Acme": Decimal(50)})


def test_a_visitor_reads_the_national_figures_from_open_data(page, councils):
    visit(page, "/benchmarks/")
    submit(page, page.get_by_role("link", name="evidence from open data, national figures"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence from open data")

    awards = page.get_by_role("table", name="Contracts awarded, 2024 to 2025")
    expect(awards.get_by_role("row", name="District council")).to_contain_text("12")  # 6 districts, 2 awards each
    expect(awards.get_by_role("row", name="District council")).to_contain_text("50.0%")
    spend = page.get_by_role("table", name="Spend, 2024 to 2025")
    expect(spend.get_by_role("row", name="District council")).to_contain_text("£6,000")
    expect(spend.get_by_role("row", name="Unitary authority")).to_contain_text("Fewer than 5 organisations: not shown")
    # The East is the counties and the unitaries: the counties' figures would give the unitaries' away.
    expect(spend.get_by_role("row", name="County council")).to_contain_text("Not shown, so that another group")
    expect(spend.get_by_role("row", name="All organisations")).to_contain_text("£8,100")
    expect(page.get_by_text("A group of fewer than 5 organisations is not shown").first).to_be_visible()

    submit(page, page.get_by_role("link", name="region"))
    spend = page.get_by_role("table", name="Spend, 2024 to 2025")
    expect(spend.get_by_role("columnheader", name="Region")).to_be_visible()
    expect(spend.get_by_role("row", name="South East")).to_contain_text("£6,000")
    east = spend.get_by_role("row").filter(has=page.get_by_role("rowheader", name="East", exact=True))
    expect(east).to_contain_text("£2,100")

    download = page.request.get(page.get_by_role("link", name="(JSON)").get_attribute("href"))
    spend_rows = {(r["grouped_by"], r["group"]): r for r in download.json()["years"][0]["spend"]}
    assert spend_rows[("region", "East")]["total"] == 2100.0 and spend_rows[("type", "unitary")]["total"] is None
    assert page.get_by_role("link", name="(CSV)").get_attribute("download") is not None


def test_the_figures_fit_a_phone(mobile_page, councils):
    visit(mobile_page, "/benchmarks/open-data/?group=region")
    assert_no_horizontal_scroll(mobile_page)
