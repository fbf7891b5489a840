"""Managing API tokens in Chromium, with axe-core on every page: create a token (after fixing the
form's errors), see it once, use it, see it listed by its prefix, revoke it; and read the API's
documentation page. Reuses the browser suite's fixtures and steps (tests/browser)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from maturity.api.models import ApiToken
from tests.api.conftest import Api
from tests.browser.support import assert_accessible, sign_in_with_cookie, submit, visit

pytestmark = pytest.mark.browser


TOKEN = re.compile(r"pmt_[A-Za-z0-9_-]{40,}")


def test_a_user_creates_sees_once_and_revokes_a_token(page, base_url, bcamden, blead):
    sign_in_with_cookie(page, base_url, blead)
    visit(page, "/accounts/tokens/")
    expect(page.get_by_text("You have no active tokens.")).to_be_visible()

    submit(page, page.get_by_role("button", name="Create a token"))
    submit(page, page.get_by_role("button", name="Create token"))  # nothing filled in
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter a name for the token")).to_be_visible()
    expect(summary.get_by_role("link", name="Choose what the token can do")).to_be_visible()

    page.get_by_label("Name of the token").fill("Power BI dashboard")
    page.get_by_label(bcamden.name).check()
    page.get_by_label("Read and write").check()
    submit(page, page.get_by_role("button", name="Create token"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your new API token")
    secret = TOKEN.search(page.locator("#token").inner_text()).group(0)
    token = ApiToken.objects.get()
    assert token.prefix == secret[:12] and token.scope == "write"
    assert Api(secret).get("token").status_code == 200

    page.reload()
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("was shown once")
    assert not TOKEN.search(page.content())

    visit(page, "/accounts/tokens/")
    card = page.locator(".govuk-summary-card", has_text="Power BI dashboard")
    expect(card).to_contain_text(f"{token.prefix}…")
    expect(card).to_contain_text("Active")
    submit(page, card.get_by_role("link", name=re.compile("^Revoke")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure you want to revoke")
    submit(page, page.get_by_role("button", name="Revoke token"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("is revoked")
    expect(page.locator(".govuk-summary-card", has_text="Power BI dashboard")).to_contain_text("Revoked")
    response = Api(secret).get("token")
    assert response.status_code == 401 and response.json()["error"]["code"] == "token_revoked"


def test_the_api_documentation_page_is_accessible(page, base_url):
    visit(page, "/api/v1/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Procurement maturity toolkit API")
    expect(
        page.get_by_role(
            "heading", name="PATCH /api/v1/organisations/{slug}/assessments/{assessment_id}/responses/{area_key}"
        )
    ).to_be_visible()
    document = page.get_by_role("link", name="OpenAPI document")
    expect(document).to_have_attribute("href", "/api/v1/openapi.json")
