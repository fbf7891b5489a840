"""The public framework pages in Chromium: no sign-in needed, accessible, working under the CSP."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, visit


def first_area(framework):
    return framework.areas.select_related("section").order_by("position").first()


def test_the_framework_overview_and_an_area_page_are_public_and_accessible(page, bnps):
    area = first_area(bnps)
    visit(page, "/framework/")
    assert page.url.endswith(f"/framework/{bnps.key}/{bnps.version}/")  # the one published framework
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    page.get_by_role("link", name=area.label, exact=True).first.click()
    page.wait_for_url(f"**/{area.key}/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(area.title)
    expect(page.get_by_role("heading", name="Levels of maturity")).to_be_visible()
    for level in bnps.levels:
        expect(page.get_by_role("heading", name=level["name"])).to_be_visible()


def test_the_design_system_script_runs_under_the_content_security_policy(page, bnps):
    response = page.goto("/framework/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    assert_accessible(page)  # fails on any CSP violation logged to the console
