"""A comment thread with a mention, in Chromium, with axe-core on every page visited."""

from __future__ import annotations

from playwright.sync_api import expect

from maturity.organisations.models import Role
from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit
from tests.factories import make_member
from tests.jobs.support import sent_emails


def test_a_contributor_asks_a_colleague_in_a_comment_and_resolves_the_thread(
    page, base_url, bassessment, bcontributor, blead
):
    area = bassessment.framework.areas.order_by("position").first()
    make_member(bassessment.organisation, Role.VIEWER, "Vic Viewer")
    base = f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/"
    sign_in_with_cookie(page, base_url, bcontributor)
    visit(page, base + f"areas/{area.key}/")
    expect(page.get_by_text("No comments on this answer yet.")).to_be_visible()

    submit(page, page.get_by_role("button", name="Add comment"))
    assert page.title().startswith("Error:")
    page.locator(".govuk-error-summary").get_by_role("link", name="Enter your comment").click()
    expect(page.get_by_label("Add a comment")).to_be_focused()

    page.get_by_label("Add a comment").fill("Lena, is Developing right here? The board minutes suggest so.")
    page.get_by_role("group", name="Email a colleague about it (optional)").get_by_label("Lena Lead").check()
    submit(page, page.get_by_role("button", name="Add comment"))
    expect(page.get_by_text("Your comment has been added. 1 colleague has been emailed.")).to_be_visible()
    expect(page.get_by_text("Lena, is Developing right here? The board minutes suggest so.")).to_be_visible()
    expect(page.get_by_text("Emailed to Lena Lead")).to_be_visible()
    assert [email.to for email in sent_emails()] == [[blead.email]]

    visit(page, base)
    expect(page.get_by_text("1 open comment")).to_be_visible()
    visit(page, base + f"areas/{area.key}/")
    submit(page, page.get_by_role("button", name="Resolve the comments"))
    expect(page.get_by_text(f"The comments on {area.label} have been resolved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Comments Resolved")).to_be_visible()
    assert_accessible(page)
