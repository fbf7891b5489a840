"""On a small phone (375x667, touch): pages fit the screen, so nobody scrolls sideways to read."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from maturity.assessments.models import Response
from tests.browser.support import assert_accessible, assert_no_horizontal_scroll, sign_in_with_cookie, visit

YEAR = timezone.localdate().year


def test_on_a_small_phone_the_framework_overview_and_an_area_page_fit_the_screen(mobile_page, bnps):
    page = mobile_page
    area = bnps.areas.order_by("position").first()
    visit(page, "/framework/")
    assert_no_horizontal_scroll(page)
    visit(page, f"/framework/{bnps.key}/{bnps.version}/{area.key}/")
    assert_no_horizontal_scroll(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(area.title)


def test_on_a_small_phone_an_area_is_answered_by_touch(mobile_page, base_url, bassessment, bcontributor):
    page = mobile_page
    area = bassessment.framework.areas.order_by("position").first()
    names = bassessment.framework.level_names
    sign_in_with_cookie(page, base_url, bcontributor)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/areas/{area.key}/")
    assert_no_horizontal_scroll(page)

    page.get_by_role("group", name="Where is your council now?").get_by_text(names[1], exact=True).tap()
    page.get_by_role("group", name="What level does your council aim for?").get_by_text(names[3], exact=True).tap()
    page.get_by_label("By which year does your council aim to reach it?").fill(str(YEAR + 1))
    page.get_by_label("Evidence", exact=True).fill("Procurement strategy 2024.")
    page.get_by_role("group", name="How confident are you in this assessment?").get_by_text("High", exact=True).tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").tap()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    expect(page.get_by_text(f"Your answer for {area.label} has been saved.")).to_be_visible()
    saved = Response.objects.get(assessment=bassessment, area=area)
    assert (saved.current_level, saved.target_level, saved.confidence) == (1, 3, "high")


def test_on_a_small_phone_the_results_fit_the_screen(mobile_page, base_url, bassessment, blead):
    page = mobile_page
    Response.objects.filter(assessment=bassessment).update(
        current_level=2, target_level=3, target_year=YEAR + 1, evidence="Minutes", confidence="high"
    )
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/results/")
    expect(
        page.get_by_role("img", name="Radar chart of current and target maturity levels in each area")
    ).to_be_visible()
    assert_no_horizontal_scroll(page)
