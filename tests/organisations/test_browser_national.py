"""The national team's workplace in Chromium, with axe-core on every page: the national home, the
directory's filters, adding an organisation, the contacts upload with errors and then without, and
a round's reminder button."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from maturity.organisations.models import Invitation, Organisation, Role
from tests.browser.support import sign_in_with_cookie, submit, visit
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.browser


@pytest.fixture
def nadmin(transactional_db):
    from tests.factories import make_national_admin

    return make_national_admin("Nia National")


@pytest.fixture
def bbodies(transactional_db):
    from tests.factories import make_member, make_organisation

    kent = make_organisation("Kent", type="county", region="South East", gss_code="E10000016")
    make_member(kent, Role.LEAD, "Kit Kentlead")
    cardiff = make_organisation("Cardiff", type="welsh-principal", nation="wales", region="Wales", gss_code="W06000015")
    swansea = make_organisation("Swansea", type="welsh-principal", nation="wales", region="Wales", gss_code="W06000011")
    return {"kent": kent, "cardiff": cardiff, "swansea": swansea}


def test_the_national_home_shows_reach_and_links_to_the_directory(page, base_url, nadmin, bbodies):
    sign_in_with_cookie(page, base_url, nadmin)
    visit(page, "/national/")
    expect(page.get_by_role("heading", level=1)).to_have_text("National team")
    reach = page.get_by_role("table", name="Current organisations by who can be reached")
    expect(reach.get_by_role("row", name="Has a lead")).to_contain_text("1")
    submit(page, reach.get_by_role("link", name="2 nobody to contact"))
    expect(page.locator("#count")).to_contain_text("2 organisations")
    expect(page.get_by_role("link", name="Cardiff")).to_be_visible()


def test_the_directory_filters_by_nation_and_type(page, base_url, nadmin, bbodies):
    sign_in_with_cookie(page, base_url, nadmin)
    visit(page, "/national/organisations/")
    expect(page.locator("#count")).to_contain_text("3 organisations")
    page.get_by_label("Nation").select_option("wales")
    submit(page, page.get_by_role("button", name="Filter"))
    expect(page.locator("#count")).to_contain_text("2 organisations")
    expect(page.get_by_role("link", name="Kent", exact=True)).to_have_count(0)
    page.get_by_label("Name or code").fill("W06000011")
    submit(page, page.get_by_role("button", name="Filter"))
    expect(page.locator("#count")).to_contain_text("1 organisation")
    expect(page.get_by_role("link", name="Swansea")).to_be_visible()
    submit(page, page.get_by_role("link", name="Clear the filters"))
    expect(page.locator("#count")).to_contain_text("3 organisations")


def test_the_national_team_adds_a_fire_and_rescue_authority(page, base_url, nadmin, bbodies):
    sign_in_with_cookie(page, base_url, nadmin)
    visit(page, "/national/organisations/")
    submit(page, page.get_by_role("button", name="Add an organisation"))
    submit(page, page.get_by_role("button", name="Add the organisation"))  # nothing filled in: errors first
    expect(page.get_by_role("alert")).to_contain_text("Enter the organisation's name")
    page.get_by_label("Name", exact=True).fill("Mid and West Wales Fire and Rescue")
    page.get_by_label("Fire and rescue authority").check()
    page.get_by_label("Wales").check()
    submit(page, page.get_by_role("button", name="Add the organisation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid and West Wales Fire and Rescue")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been added")
    assert Organisation.objects.get(name="Mid and West Wales Fire and Rescue").type == "fire-and-rescue"


def test_a_contacts_file_with_errors_then_without(page, base_url, nadmin, bbodies):
    sign_in_with_cookie(page, base_url, nadmin)
    visit(page, "/national/organisations/contacts/")
    bad = b"organisation,name,email,role\nW06000015,Cara Jones,cara@cardiff.gov.wales,lead\nE99999999,No One,nobody,lead\n"
    page.get_by_label("Upload a CSV file").set_input_files(
        {"name": "contacts.csv", "mimeType": "text/csv", "buffer": bad}
    )
    submit(page, page.get_by_role("button", name="Check the file"))
    expect(page.get_by_role("alert")).to_contain_text("Row 3: no organisation has the code or name 'E99999999'")
    expect(page.locator("#problems")).to_contain_text("Nothing was saved")
    assert not Invitation.objects.exists()

    good = b"organisation,name,email,role\nW06000015,Cara Jones,cara@cardiff.gov.wales,lead\nSwansea,Sion Rees,sion@swansea.gov.wales,lead\n"
    page.get_by_label("Upload a CSV file").set_input_files(
        {"name": "contacts.csv", "mimeType": "text/csv", "buffer": good}
    )
    submit(page, page.get_by_role("button", name="Check the file"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the contacts")
    expect(page.get_by_role("table")).to_contain_text("sion@swansea.gov.wales")
    assert not Invitation.objects.exists()
    submit(page, page.get_by_role("button", name="Send 2 invitations"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 invitations sent")
    expect(page.locator("#count")).to_contain_text("2 organisations")  # the list of those invited
    assert sorted(m.to[0] for m in sent_emails()) == ["cara@cardiff.gov.wales", "sion@swansea.gov.wales"]


def test_the_national_team_reminds_those_who_have_not_responded(page, base_url, nadmin, bbodies, bnps):
    from tests.benchmarks.helpers import make_round

    round_ = make_round(bnps, [bbodies["kent"], bbodies["cardiff"]], name="Diagnostic review 2027")
    sign_in_with_cookie(page, base_url, nadmin)
    visit(page, f"/national/rounds/{round_.pk}/")
    submit(page, page.get_by_role("button", name="Remind those who have not responded"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remind the 2 organisations that have not responded to Diagnostic review 2027?"
    )
    submit(page, page.get_by_role("button", name="Send the reminders"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 reminder was emailed")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 organisation has no lead and no contact")
    lead_email = bbodies["kent"].memberships.get().user.email
    assert [m.to for m in sent_emails() if "has not answered yet" in m.body] == [[lead_email]]
