"""A lead uploads a spend file, corrects a column, imports it, and sees the evidence beside the
self-assessment: in Chromium, with axe-core (WCAG 2.2 A and AA) on every page visited."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit
from tests.evidence.helpers import TRAFFORD_ZIP, needs, trafford_slice
from tests.jobs.support import run_jobs

pytestmark = [pytest.mark.browser, needs(TRAFFORD_ZIP)]


def test_a_lead_uploads_a_spend_file_confirms_its_columns_and_sees_the_evidence(
    page, live_server, bassessment, bcamden, blead
):
    sign_in_with_cookie(page, live_server.url, blead)
    slug = bcamden.slug
    visit(page, f"/organisations/{slug}/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence from open data")

    # A file in the wrong encoding is refused, with the error pattern.
    submit(page, page.get_by_role("link", name="Upload a spend file"))
    page.get_by_label("Upload your spend over £500 file").set_input_files(
        files=[{"name": "utf16.csv", "mimeType": "text/csv", "buffer": "Date,Amount,Supplier\n".encode("utf-16")}]
    )
    submit(page, page.get_by_role("button", name="Upload and check the columns"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("wrong encoding")

    # A slice of Trafford's real file: the columns are read from its headings.
    page.get_by_label("Upload your spend over £500 file").set_input_files(
        files=[{"name": "trafford-2024-25.csv", "mimeType": "text/csv", "buffer": trafford_slice(300)}]
    )
    submit(page, page.get_by_role("button", name="Upload and check the columns"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the columns of your spend file")
    expect(page.get_by_label("Column 5: BeneficiaryName")).to_have_value("supplier_name")
    expect(page.get_by_label("Column 7: PaymentDate")).to_have_value("date")

    # The lead corrects a column: the purpose, not the Proclass label, is the category here.
    page.get_by_label("Column 12: ProclassLabel").select_option("")
    page.get_by_label("Column 11: Purpose").select_option("category")
    # The import runs in the background: its page says how it goes, and then how it went.
    submit(page, page.get_by_role("button", name="Import the spend file"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import spend from trafford-2024-25.csv")
    run_jobs()  # the worker
    expect(page.locator("#job")).to_contain_text("trafford-2024-25.csv was imported: 300 payments")
    assert_accessible(page)
    submit(page, page.get_by_role("link", name="See the evidence from open data"))
    expect(page.get_by_role("table", name="Spend, 2024 to 2025")).to_contain_text(
        "Share of spend with the 10 largest suppliers"
    )

    # The evidence sits beside the self-assessed level of the areas it speaks to.
    visit(page, f"/organisations/{slug}/assessments/{bassessment.pk}/areas/managing-contracts-and-relationships/")
    evidence = page.locator("#open-data-evidence")
    expect(evidence).to_have_text("Evidence from open data")
    expect(page.get_by_text("Share of spend with the 10 largest suppliers")).to_be_visible()
    expect(page.get_by_text("Where is your council now?")).to_be_visible()
    submit(page, page.get_by_role("link", name="See every figure, by year, and where it comes from"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence from open data")

    visit(page, f"/organisations/{slug}/assessments/{bassessment.pk}/results/")
    expect(page.get_by_role("table", name="Managing contracts and relationships")).to_contain_text("Total spend")
