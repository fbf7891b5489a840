"""The privacy notice, cookies page and accessibility statement in Chromium, at desktop width and
at 320 pixels, reached from every page's footer; axe runs on each (WCAG 2.2 A and AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, assert_no_horizontal_scroll, visit


@pytest.fixture(params=["page", "narrow_page"], ids=["desktop", "320px"])
def any_page(request):
    return request.getfixturevalue(request.param)


def test_the_legal_pages_are_linked_from_every_footer_and_readable_on_any_screen(any_page, bnps):
    page = any_page
    visit(page, "/")
    for link, heading in (
        ("Privacy notice", "Privacy notice"),
        ("Cookies", "Cookies"),
        ("Accessibility statement", "Accessibility statement for the Procurement maturity toolkit"),
    ):
        with page.expect_navigation():
            page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    expect(page.get_by_role("link", name="Give your feedback")).to_be_visible()
