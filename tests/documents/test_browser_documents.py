"""Attaching an evidence document in Chromium, with axe-core on every page visited: a macro-enabled
file refused in the GOV.UK error pattern, then a PDF attached, downloaded and deleted."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit
from tests.documents import files


def test_a_contributor_attaches_a_document_downloads_it_and_deletes_it(page, base_url, bassessment, bcontributor):
    area = bassessment.framework.areas.order_by("position").first()
    sign_in_with_cookie(page, base_url, bcontributor)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/areas/{area.key}/")
    expect(page.get_by_text("No documents are attached to this answer.")).to_be_visible()
    submit(page, page.get_by_role("link", name=f"Attach a document to {area.label}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Attach a document")

    page.get_by_label("Title").fill("Contract procedure rules")
    date = page.get_by_role("group", name="Date of the evidence")
    date.get_by_label("Day").fill("14")
    date.get_by_label("Month").fill("3")
    date.get_by_label("Year").fill("2026")
    upload = page.get_by_label("Upload a file")
    upload.set_input_files(
        files=[{"name": "rules.docx", "mimeType": "application/octet-stream", "buffer": files.docm_renamed()}]
    )
    submit(page, page.get_by_role("button", name="Attach document"))
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    message = "The selected file contains macros"
    summary.get_by_role("link", name=message).click()
    expect(page.get_by_label("Upload a file")).to_be_focused()
    expect(page.get_by_label("Title")).to_have_value("Contract procedure rules")

    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "rules.pdf", "mimeType": "application/pdf", "buffer": files.pdf()}]
    )
    submit(page, page.get_by_role("button", name="Attach document"))
    expect(
        page.get_by_text(f"“Contract procedure rules” (rules.pdf) has been attached to {area.label}.")
    ).to_be_visible()
    table = page.get_by_role("table", name=f"Evidence documents for {area.label}")
    row = table.get_by_role("row").filter(has_text="Contract procedure rules")
    expect(row).to_contain_text("14 March 2026")
    with page.expect_download() as download:
        row.get_by_role("link", name="Contract procedure rules", exact=True).click()
    assert download.value.suggested_filename == "rules.pdf"
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == files.pdf()

    submit(page, row.get_by_role("link", name="Delete Contract procedure rules"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to delete “Contract procedure rules”?"
    )
    submit(page, page.get_by_role("button", name="Yes, delete the document"))
    expect(page.get_by_text(f"“Contract procedure rules” has been deleted from {area.label}.")).to_be_visible()
    expect(page.get_by_text("No documents are attached to this answer.")).to_be_visible()
    assert_accessible(page)
