"""Adding an action from the action plan page, in Chromium, with axe-core on every page visited."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit

YEAR = timezone.localdate().year


def test_a_contributor_adds_an_action_from_the_plan_page_and_changes_it_there(
    page, base_url, bassessment, bcontributor
):
    area = bassessment.framework.areas.order_by("position").first()
    sign_in_with_cookie(page, base_url, bcontributor)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/actions/")
    submit(page, page.get_by_role("link", name="Add an action"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")

    page.get_by_label("What will be done").fill("Publish a forward plan of procurements")
    page.get_by_label("Owner's name").fill("Olu Owner")
    submit(page, page.get_by_role("button", name="Save action"))
    assert page.title().startswith("Error:")
    page.locator(".govuk-error-summary").get_by_role("link", name="Choose the area the action is in").click()
    expect(page.get_by_label("Area")).to_be_focused()

    page.get_by_label("Area").select_option(label=area.label)
    due = page.get_by_role("group", name="Due date (optional)")
    due.get_by_label("Day").fill("30")
    due.get_by_label("Month").fill("6")
    due.get_by_label("Year").fill(str(YEAR + 1))
    submit(page, page.get_by_role("button", name="Save action"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    expect(
        page.get_by_text(f"The action “Publish a forward plan of procurements” has been added to {area.label}.")
    ).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Publish a forward plan of procurements")
    expect(row).to_contain_text(area.label)
    expect(row).to_contain_text(f"30 June {YEAR + 1}")

    submit(page, row.get_by_role("link", name="Change Publish a forward plan of procurements"))
    page.get_by_label("What will be done").fill("Publish a forward plan of all procurements")
    submit(page, page.get_by_role("button", name="Save action"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    expect(page.get_by_role("row").filter(has_text="Publish a forward plan of all procurements")).to_be_visible()
    assert_accessible(page)
