"""An area can be answered with the keyboard alone, and focus is always visible on the way."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from maturity.assessments.models import Response
from tests.browser.support import (
    assert_accessible,
    focused,
    is_button,
    is_field,
    is_link,
    sign_in_with_cookie,
    tab_until,
    visit,
)

YEAR = timezone.localdate().year


def press_and_load(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    assert_accessible(page)


def choose_radio(page: Page, name: str, value: str, *, arrow: str, presses: int) -> None:
    """Tab into a radio group (focus lands on its first radio), then move with an arrow key, which
    also selects: the usual way keyboard users answer radios."""
    tab_until(page, is_field(name))
    for _ in range(presses):
        page.keyboard.press(arrow)
    info = focused(page)
    assert (info["name"], info["value"], info["checked"]) == (name, value, True), info


def test_a_contributor_completes_an_area_with_the_keyboard_alone(page, base_url, bassessment, bcontributor):
    areas = list(bassessment.framework.areas.order_by("position"))
    area, following = areas[0], areas[1]
    sign_in_with_cookie(page, base_url, bcontributor)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/")

    # From the top of the task list, Tab to the area's link (every stop shows the yellow focus style).
    link = tab_until(page, is_link(area.label))
    assert link["background"] == "rgb(255, 221, 0)", link  # a focused GOV.UK link turns yellow
    press_and_load(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(area.title)

    # Levels 2 and 4 with the arrow keys, the year and the evidence typed, confidence "Medium".
    choose_radio(page, "current_level", "2", arrow="ArrowDown", presses=1)
    radio = focused(page)
    assert "rgb(255, 221, 0)" in radio["boxShadow"], radio  # the ring around the focused radio
    choose_radio(page, "target_level", "4", arrow="ArrowDown", presses=3)
    tab_until(page, is_field("target_year"))
    page.keyboard.type(str(YEAR + 2))
    tab_until(page, is_field("evidence"))
    page.keyboard.type("Cabinet report of March.")
    choose_radio(page, "confidence", "medium", arrow="ArrowRight", presses=1)
    tab_until(page, is_button("Save and continue"))
    press_and_load(page, "Enter")

    # Saved: the next area opens with a confirmation; Shift+Tab back to the link to the task list.
    expect(page.get_by_role("heading", level=1)).to_have_text(following.title)
    expect(page.get_by_text(f"Your answer for {area.label} has been saved.")).to_be_visible()
    tab_until(page, is_link("Back to the task list"), key="Shift+Tab")
    press_and_load(page, "Enter")
    item = page.locator(".govuk-task-list__item", has=page.get_by_role("link", name=area.label, exact=True))
    expect(item.locator(".govuk-task-list__status")).to_have_text("Completed")
    expect(page.get_by_text(f"You have completed 1 of {len(areas)} areas")).to_be_visible()

    saved = Response.objects.get(assessment=bassessment, area=area)
    assert (saved.current_level, saved.target_level, saved.target_year, saved.confidence) == (2, 4, YEAR + 2, "medium")
    assert saved.evidence == "Cabinet report of March." and saved.updated_by == bcontributor
