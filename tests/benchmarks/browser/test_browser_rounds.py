"""Rounds in Chromium, with axe-core on every page: the national team creates and opens a round, a
lead submits to it, another declines, the team tracks responses and publishes, and anyone reads the
published results. Reuses the browser suite's fixtures and steps (tests/browser; see conftest.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maturity.benchmarks.models import Participant, Round
from tests.browser.support import sign_in_with_cookie, submit, visit
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()


def test_the_national_team_creates_and_opens_a_round(page, base_url, bnps, bcamden, blead, badmin):
    sign_in_with_cookie(page, base_url, badmin)
    visit(page, "/national/rounds/")
    submit(page, page.get_by_role("button", name="Create a round"))
    page.get_by_label("Name of the round").fill("Diagnostic review 2027")
    closes = TODAY + datetime.timedelta(days=42)
    # A mistake first: no close date.
    opens = page.get_by_role("group", name="Opens on")
    opens.get_by_label("Day").fill(str(TODAY.day))
    opens.get_by_label("Month").fill(str(TODAY.month))
    opens.get_by_label("Year").fill(str(TODAY.year))
    submit(page, page.get_by_role("button", name="Save the round"))
    expect(page.get_by_role("alert")).to_contain_text("Enter the date the round closes")
    group = page.get_by_role("group", name="Closes on")
    group.get_by_label("Day").fill(str(closes.day))
    group.get_by_label("Month").fill(str(closes.month))
    group.get_by_label("Year").fill(str(closes.year))
    expect(
        page.get_by_role("group", name="Types of organisation invited").get_by_label("London borough")
    ).to_be_checked()
    expect(
        page.get_by_role("group", name="Types of organisation invited").get_by_label("Combined authority")
    ).not_to_be_checked()
    submit(page, page.get_by_role("button", name="Save the round"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic review 2027")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Not opened yet")

    submit(page, page.get_by_role("button", name="Open the round"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Diagnostic review 2027?")
    submit(page, page.get_by_role("button", name="Open the round and send the invitations"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is open: 1 invitation and")
    assert [m.to for m in sent_emails()] == [[blead.email]]


def test_a_lead_submits_a_signed_off_assessment_to_the_round(page, base_url, bnps, bcamden, blead, bround):
    from tests.benchmarks.helpers import signed_off

    signed_off(bcamden, bnps, blead, title="Self-assessment 2027")
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bcamden.slug}/rounds/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic rounds")
    submit(page, page.get_by_role("button", name="Submit an assessment to Diagnostic review 2027"))
    page.get_by_label("Self-assessment 2027", exact=False).check()
    expect(page.get_by_label("No, do not name us")).to_be_checked()
    page.get_by_label("Yes, you can name us as taking part").check()
    submit(page, page.get_by_role("button", name="Submit the assessment"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You submitted “Self-assessment 2027”")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Submitted")
    participant = Participant.objects.get(round=bround, organisation=bcamden)
    assert participant.status == Participant.Status.SUBMITTED and participant.agrees_to_be_named


def test_a_lead_records_why_the_council_will_not_take_part(page, base_url, bcamden, blead, bround):
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bcamden.slug}/rounds/")
    submit(page, page.get_by_role("link", name="We will not take part in Diagnostic review 2027"))
    page.get_by_role("radio", name="Another reason").check()
    submit(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("alert")).to_contain_text("Say why your organisation will not take part")
    page.get_by_label("If it is another reason, tell us why").fill(
        "Our procurement team is being restructured this year."
    )
    submit(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Our procurement team is being restructured")


def test_the_national_team_tracks_responses_and_publishes_the_results(page, base_url, bnps, bcamden, blead, badmin):
    from tests.benchmarks.helpers import bulk_councils, bulk_round

    councils = bulk_councils(bnps, 40, prefix="Borough")
    round_ = bulk_round(
        bnps,
        councils,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    sign_in_with_cookie(page, base_url, badmin)
    visit(page, f"/national/rounds/{round_.pk}/")
    submit(page, page.get_by_role("link", name="Track responses"))
    expect(page.get_by_role("table", name="Responses by region")).to_be_visible()
    page.get_by_label("Region", exact=True).select_option("London")
    submit(page, page.get_by_role("button", name="Show outstanding organisations"))
    expect(page.get_by_role("heading", name="Outstanding organisations")).to_be_visible()

    visit(page, f"/national/rounds/{round_.pk}/")
    submit(page, page.get_by_role("button", name="Publish the results"))
    submit(page, page.get_by_role("button", name="Publish the results"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results of Diagnostic review 2026")
    assert Round.objects.get(pk=round_.pk).is_published


def test_anyone_reads_published_results_without_signing_in(page, base_url, bnps, bcamden, blead, badmin):
    from maturity.benchmarks import services
    from tests.benchmarks.helpers import bulk_councils, bulk_round

    councils = bulk_councils(bnps, 60, prefix="Borough")
    round_ = bulk_round(
        bnps,
        councils,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    services.publish_round(round_=round_, user=badmin, today=TODAY)
    visit(page, "/benchmarks/")
    submit(page, page.get_by_role("link", name="Diagnostic review 2026"))
    expect(page.get_by_role("table", name="Median current level by region and area")).to_be_visible()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    first = bnps.areas.order_by("position").first()
    submit(page, page.get_by_role("link", name=first.label, exact=True))
    expect(page.get_by_role("img", name=f"Number of respondents at each level in {first.label}")).to_be_visible()
    expect(page.get_by_role("table", name="Respondents at each level")).to_be_visible()
    submit(page, page.get_by_role("link", name="All areas of Diagnostic review 2026"))
    expect(page.get_by_role("link", name="Benchmarks of Diagnostic review 2026 (CSV)")).to_be_visible()
