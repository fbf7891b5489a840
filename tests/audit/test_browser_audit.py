"""The audit log and a person's own data in Chromium, with axe-core (WCAG 2.2 A and AA) on every
page visited: a lead reads their council's log, the national team filters theirs, and a
contributor downloads their data, then deletes their account (first with a wrong password).

The browser fixtures (`page`, the `b...` personas) come from tests/browser/plugin.py, as for every
browser test.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import sign_in_with_cookie, submit, visit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def every_page_checked(page) -> None:
    support.check_at_teardown(page)
    assert not support.watch_of(page).unchecked()


def test_a_lead_reads_the_councils_audit_log_and_the_national_team_filters_theirs(
    page, live_server, bcamden, blead, bcontributor
):
    from maturity import audit
    from maturity.audit.models import AuditEvent
    from maturity.organisations.models import Membership, Role
    from maturity.workplace.audit_presenters import PER_PAGE
    from tests.factories import make_national_admin, make_organisation

    # The lead changes a role through the people pages: the change is in the council's log.
    sign_in_with_cookie(page, live_server.url, blead)
    visit(page, f"/organisations/{bcamden.slug}/people/")
    submit(page, page.get_by_role("link", name="Change role of Connor Contributor"))
    page.get_by_label("Viewer").check()
    submit(page, page.get_by_role("button", name="Save"))
    assert Membership.objects.get(user=bcontributor).role == Role.VIEWER

    visit(page, f"/organisations/{bcamden.slug}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    table = page.get_by_role("table", name="Events, newest first")
    expect(table).to_contain_text("Role changed")
    expect(table).to_contain_text("Connor Contributor")
    expect(table).to_contain_text("Contributor to Viewer")
    expect(table).to_contain_text("Lena Lead")

    # The national team: every event, filtered by kind and organisation, over several pages.
    other = make_organisation("Hackney")
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                kind="export",
                organisation=bcamden if n % 2 else other,
                subject=f"report-{n}.csv",
                actor_label="Someone",
            )
            for n in range(2 * PER_PAGE + 4)
        ]
    )
    audit.record(kind="sign-in-failed", actor=None, actor_label="mistyped@example.com", subject="mistyped@example.com")
    admin = make_national_admin()
    page.context.clear_cookies()
    sign_in_with_cookie(page, live_server.url, admin)
    visit(page, "/national/audit/")
    expect(page.get_by_role("table", name="Events, newest first")).to_contain_text("mistyped@example.com")
    page.get_by_label("Kind of event").select_option(label="Export downloaded")
    page.get_by_label("Organisation").fill("Camden")
    submit(page, page.get_by_role("button", name="Filter"))
    expect(page.get_by_text("Showing events of: Camden")).to_be_visible()
    expect(page.get_by_text(f"{PER_PAGE + 2} events: page 1 of 2")).to_be_visible()
    expect(page.get_by_role("table", name="Events, newest first")).not_to_contain_text("mistyped@example.com")
    submit(page, page.get_by_role("link", name="Next"))
    expect(page.get_by_text("page 2 of 2")).to_be_visible()
    expect(page.get_by_label("Organisation")).to_have_value("Camden")
    every_page_checked(page)


def test_a_contributor_downloads_their_data_then_deletes_their_account(page, live_server, bcamden, blead, bcontributor):
    from django.contrib.auth import get_user_model

    from maturity.audit.models import AuditEvent

    sign_in_with_cookie(page, live_server.url, bcontributor)
    visit(page, "/accounts/profile/personal-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your personal data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download your data").click()
    download = info.value
    assert download.failure() is None and download.suggested_filename.startswith("personal-data-")
    with open(download.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["account"]["email"] == bcontributor.email
    assert data["memberships"][0]["organisation"]["name"] == "Camden"

    submit(page, page.get_by_role("link", name="Delete your account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to delete your account?")
    page.get_by_label("Your password").fill("not the password")
    submit(page, page.get_by_role("button", name="Delete your account"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your correct password")
    assert get_user_model().objects.filter(pk=bcontributor.pk).exists()

    page.get_by_label("Your password").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Delete your account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has been deleted")
    assert not get_user_model().objects.filter(pk=bcontributor.pk).exists()
    assert AuditEvent.objects.filter(kind="account-deleted", actor_label="Connor Contributor").exists()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    every_page_checked(page)


def test_the_only_lead_is_told_why_they_cannot_delete_their_account(page, live_server, bcamden, blead):
    sign_in_with_cookie(page, live_server.url, blead)
    visit(page, "/accounts/profile/delete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot delete your account yet")
    expect(page.get_by_text("You are the only lead of Camden")).to_be_visible()
    every_page_checked(page)
