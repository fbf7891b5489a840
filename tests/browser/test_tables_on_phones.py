"""Tables fit a phone (issue 15): at 375 px the results page was 635 px wide and a round's results
733 px, with Target and Gap off the screen. On a phone the rows of a table stack, each cell led by
its column's heading, so no table scrolls sideways, and the page does not either."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maturity.assessments.models import Response
from tests.browser.support import assert_accessible, assert_no_horizontal_scroll, sign_in_with_cookie, visit

YEAR = timezone.localdate().year
TODAY = timezone.localdate()

# The stacked tables whose region would have to scroll sideways to show every column.
TABLES_WIDER_THAN_THEIR_REGION = """() => [...document.querySelectorAll('.app-table--stack')]
  .filter(region => region.scrollWidth > region.clientWidth + 1)
  .map(region => `${region.getAttribute('aria-label')}: ${region.scrollWidth}px in ${region.clientWidth}px`)"""


@pytest.fixture(params=["narrow_page", "mobile_page"], ids=["320px", "375px"])
def phone(request):
    return request.getfixturevalue(request.param)


def test_the_results_tables_stack_on_a_phone(phone, base_url, bassessment, blead):
    page = phone
    Response.objects.filter(assessment=bassessment).update(
        current_level=2, target_level=4, target_year=YEAR + 1, evidence="Minutes", confidence="high"
    )
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/results/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    assert page.evaluate(TABLES_WIDER_THAN_THEIR_REGION) == []
    table = page.get_by_role("region", name="Current level, target level and gap in each area")
    first = bassessment.framework.areas.order_by("position").first()
    row = table.locator("tr", has_text=first.label)
    gap = row.locator('[data-label="Gap"]')
    expect(gap).to_be_visible()
    assert gap.bounding_box()["x"] + gap.bounding_box()["width"] <= page.viewport_size["width"]


def test_a_rounds_results_fit_a_phone(phone, bnps):
    from maturity.benchmarks import services
    from tests.benchmarks.helpers import bulk_councils, bulk_round, national_admin

    page = phone
    badmin = national_admin("Nadia National")
    councils = bulk_councils(bnps, 40, prefix="Borough")
    round_ = bulk_round(
        bnps,
        councils,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    services.publish_round(round_=round_, user=badmin, today=TODAY)
    visit(page, f"/benchmarks/{round_.pk}/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    wide = list(page.evaluate(TABLES_WIDER_THAN_THEIR_REGION))
    assert wide == [], wide
    first = bnps.areas.order_by("position").first()
    visit(page, f"/benchmarks/{round_.pk}/areas/{first.key}/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    assert page.evaluate(TABLES_WIDER_THAN_THEIR_REGION) == []
