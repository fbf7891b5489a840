"""Signing in through a council's identity provider (a fake one on this machine), and setting up
two-factor authentication with an authenticator app, in Chromium with axe-core on every page."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.accounts.fake_idp import running_provider
from tests.browser.support import sign_in_with_form, submit, visit
from tests.factories import PASSWORD, make_national_admin


@pytest.fixture
def idp(settings, live_server):
    with running_provider(settings, site_url=live_server.url) as provider:
        yield provider


def test_a_lead_signs_in_through_the_councils_identity_provider(page, idp, bcamden, blead):
    idp.claims = {"sub": "lena", "email": blead.email, "email_verified": True, "name": blead.full_name}
    visit(page, "/accounts/sign-in/")
    # One click: to the provider, which approves at once, and back to the council's home page.
    submit(page, page.get_by_role("button", name="Sign in with your council account"))
    expect(page.get_by_role("heading", level=1)).to_have_text(bcamden.name)
    expect(page.get_by_text("Signed in as Lena Lead")).to_be_visible()
    assert idp.token_refusals == [] and len(idp.token_requests) == 1


def test_someone_without_an_account_is_told_to_ask_for_an_invitation(page, idp, transactional_db):
    idp.claims = {"sub": "nia", "email": "nia.newcomer@camden.gov.uk", "email_verified": True, "name": "Nia Newcomer"}
    visit(page, "/accounts/sign-in/")
    submit(page, page.get_by_role("button", name="Sign in with your council account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have an account yet")
    expect(page.get_by_text("ask a lead of your organisation to invite you")).to_be_visible()


def test_a_lead_sets_up_two_factor_and_then_signs_in_with_a_code(page, bcamden, blead):
    visit(page, "/accounts/sign-in/")
    sign_in_with_form(page, blead.email, PASSWORD)
    submit(page, page.get_by_role("link", name="Your account"))
    submit(page, page.get_by_role("link", name="Set up two-factor authentication"))
    submit(page, page.get_by_role("button", name="Set up two-factor authentication"))

    # The QR code is drawn on the page; the secret is there as text for typing into an app by hand.
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    submit(page, page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    submit(page, page.get_by_role("button", name="I have saved my recovery codes"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Two-factor authentication is on")

    # Next time, the password alone is not enough.
    submit(page, page.get_by_role("button", name="Sign out"))
    visit(page, "/accounts/sign-in/")
    sign_in_with_form(page, blead.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    page.get_by_label("Enter the code from your authenticator app").fill("000000")
    submit(page, page.get_by_role("button", name="Continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not correct")
    # The next step's code: this step's was used when setting up, and a code works once.
    page.get_by_label("Enter the code from your authenticator app").fill(pyotp.TOTP(secret).at(time.time() + 30))
    submit(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text(bcamden.name)


def test_a_national_admin_is_made_to_set_up_two_factor_first(page, transactional_db):
    from maturity.accounts.models import TwoFactorDevice

    admin = make_national_admin("Nadia National")
    TwoFactorDevice.objects.filter(user=admin).delete()
    visit(page, "/accounts/sign-in/")
    sign_in_with_form(page, admin.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(
        page.get_by_text("National administrators and group leads must use two-factor authentication.")
    ).to_be_visible()
    visit(page, "/national/")  # any other page sends them back here
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
