"""Issue 15's pages in Chromium, at desktop width and at 320 pixels: the area page
with its descriptors once, "Change" from check your answers and back, and the banners that say
what happened. axe runs on every page visited (WCAG 2.2 A and AA)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, assert_no_horizontal_scroll, sign_in_with_cookie, visit

YEAR = timezone.localdate().year


@pytest.fixture(params=["page", "narrow_page"], ids=["desktop", "320px"])
def any_page(request):
    return request.getfixturevalue(request.param)


def test_change_from_check_your_answers_comes_back_to_it(any_page, base_url, bassessment, blead):
    page = any_page
    area = bassessment.framework.areas.order_by("position").first()
    names = bassessment.framework.level_names
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/check/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=f"Change the level it aims for in {area.label}").click()
    expect(page.get_by_role("heading", name="The levels in this area")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Save and return to check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        f"Nothing was saved: you did not answer any question for {area.label}."
    )
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name=f"Change where your council is now in {area.label}").click()
    assert_accessible(page)
    page.get_by_role("group", name="Where is your council now?").get_by_text(names[2], exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and return to check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_role("alert")).to_contain_text(f"Your answer for {area.label} has been saved.")
    assert page.url.endswith(f"/check/#area-{area.key}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_drafts_sign_off_rules_and_the_meeting_on_any_screen(any_page, base_url, bassessment, blead):
    """The start page's warning about the draft, deleting a draft, the sign-off rule and the meeting
    recorded at sign-off: each page checked with axe at desktop width and at 320 px."""
    from maturity.assessments import services
    from maturity.assessments.models import Assessment
    from tests.assessments.helpers import complete_every_area

    page = any_page
    organisation = bassessment.organisation
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{organisation.slug}/assessments/start/")
    expect(page.get_by_text(f"Continue “{bassessment.title}”")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    visit(page, f"/organisations/{organisation.slug}/sign-off-rule/")
    page.get_by_label("Another lead: not the person who submitted it").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Another lead must now sign off each assessment")
    assert_accessible(page)
    organisation.refresh_from_db()
    organisation.sign_off_by_another_lead = False
    organisation.save()

    complete_every_area(bassessment, blead)
    services.submit_for_sign_off(assessment=bassessment, user=blead)
    visit(page, f"/organisations/{organisation.slug}/assessments/{bassessment.pk}/sign-off/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("Your role").fill("Head of Procurement")
    page.get_by_label("I confirm this assessment").check()
    page.get_by_label("A committee").check()
    page.get_by_label("Name of the committee (optional)").fill("Audit and Governance Committee")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Minute reference").fill("Minute 42/26")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_text("agreed by Audit and Governance Committee")).to_be_visible()
    assert_accessible(page)

    draft = services.start_assessment(
        organisation=organisation, framework=bassessment.framework, title="A second go", user=blead
    )
    visit(page, f"/organisations/{organisation.slug}/assessments/{draft.pk}/delete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the draft “A second go”?")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Delete the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("The draft “A second go” has been deleted.")
    assert_accessible(page)
    assert not Assessment.objects.filter(pk=draft.pk).exists()
