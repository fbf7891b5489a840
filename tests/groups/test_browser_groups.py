"""Framework versions and groups in Chromium, with axe-core (WCAG 2.2 A/AA) on every page visited.

A national admin uploads a new version (first with a mistake), checks it and publishes it; a group
lead publishes the group's own areas, sets a target and reads the dashboard; a council's lead
chooses what the group sees. The steps and checks are those of tests/browser (support.py); the
browser is started once for this module, so that Playwright's event loop (and the switched-off
async check it needs) stays away from the other tests of this folder.
"""

from __future__ import annotations

import os

import pytest
import yaml
from playwright.sync_api import expect

from maturity.frameworks.models import Framework
from maturity.groups.models import GroupLead, GroupMember, GroupTarget
from tests.browser import support
from tests.browser.support import sign_in_with_cookie, submit, visit
from tests.frameworks import versions

pytestmark = pytest.mark.browser


def every_page_checked(page) -> None:
    """What tests/browser's teardown hook does: the last page, and no page left unchecked."""
    support.check_at_teardown(page)
    assert not support.watch_of(page).unchecked()


@pytest.fixture
def loaded_nps(transactional_db):
    from maturity.frameworks import loader

    return loader.load(loader.read(loader.bundled_path())).framework


def make_admin():
    from tests.factories import make_national_admin

    return make_national_admin("Nadia National")  # with the authenticator app the role requires


def test_a_national_admin_uploads_checks_and_publishes_a_new_version(page, base_url, loaded_nps, tmp_path):
    sign_in_with_cookie(page, base_url, make_admin())
    visit(page, "/framework/versions/")
    submit(page, page.get_by_role("button", name="Upload a new version"))

    broken = versions.nps_2019()
    versions.area_in(broken, versions.SPLIT_INTO[0])["replaces"] = ["no-such-area"]
    page.get_by_label("Upload a framework file").set_input_files(
        str(versions.write_yaml(broken, tmp_path, "broken.yaml"))
    )
    submit(page, page.get_by_role("button", name="Upload and check"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("'no-such-area' is not an area of nps@2018")
    assert not Framework.objects.filter(version="2019").exists()

    page.get_by_label("Upload a framework file").set_input_files(
        str(versions.write_yaml(versions.nps_2019(), tmp_path))
    )
    submit(page, page.get_by_role("button", name="Upload and check"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("(2019 example)")
    expect(page.get_by_role("heading", name="Changes from version 2018")).to_be_visible()
    expect(page.get_by_role("heading", name="Managing climate risk", exact=True)).to_be_visible()
    expect(page.locator("ins").first).to_be_visible()

    submit(page, page.get_by_role("button", name="Publish this version"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to publish nps@2019?")
    page.get_by_label("Retire it").check()
    submit(page, page.get_by_role("button", name="Publish nps@2019"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("nps@2019 is published")
    assert Framework.objects.get(version="2019").status == Framework.Status.PUBLISHED
    assert Framework.objects.get(version="2018").status == Framework.Status.RETIRED

    visit(page, "/framework/nps/2019/")
    submit(page, page.get_by_role("link", name="What changed from version 2018"))
    expect(page.get_by_text("Managing supply chain risk replaces Managing strategic risk")).to_be_visible()
    visit(page, "/framework/nps/2018/")
    expect(page.locator(".govuk-warning-text")).to_contain_text("has been retired")
    if os.environ.get("SCREENSHOTS"):
        for path in ("/framework/nps/2019/changes/", "/framework/versions/nps/2019/"):
            visit(page, path)
            page.screenshot(
                path=os.path.join(os.environ["SCREENSHOTS"], path.strip("/").replace("/", "_") + ".png"), full_page=True
            )
    every_page_checked(page)


@pytest.fixture
def consortium_with_members(loaded_nps):
    """A consortium, its lead, and seven councils with submitted assessments: two share named
    results, five only aggregates (enough for the dashboard to show their spread)."""
    from maturity.groups.models import Group
    from tests.groups.conftest import councils, join, submitted

    group = Group.objects.create(slug="test-consortium", name="Test Consortium", kind=Group.Kind.CONSORTIUM)
    members = councils(7)
    for i, (organisation, user) in enumerate(members):
        join(group, organisation, GroupMember.Sharing.NAMED if i < 2 else GroupMember.Sharing.AGGREGATES)
        submitted(organisation, user, loaded_nps, {"engaging-councillors": (1 + i % 5, 4)})
    from tests.factories import give_two_factor, make_user

    lead = make_user("Gina Grouplead")
    GroupLead.objects.create(group=group, user=lead)
    give_two_factor(lead)  # group leads must have an authenticator app
    return group, lead, members


def test_a_group_lead_publishes_the_groups_areas_sets_a_target_and_reads_the_dashboard(
    page, base_url, consortium_with_members, tmp_path
):
    group, lead, members = consortium_with_members
    sign_in_with_cookie(page, base_url, lead)
    visit(page, "/groups/")
    submit(page, page.get_by_role("link", name="Test Consortium"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    submit(page, page.get_by_role("link", name="Group's own areas"))
    path = tmp_path / "areas.yaml"
    path.write_text(yaml.safe_dump(versions.group_areas()), encoding="utf-8")
    page.get_by_label("Upload the group's areas").set_input_files(str(path))
    submit(page, page.get_by_role("button", name="Upload and check"))
    expect(page.get_by_role("heading", name="Draft: Regional priorities")).to_be_visible()
    submit(page, page.get_by_role("button", name="Publish the group's areas"))
    submit(page, page.get_by_role("button", name="Publish the group's areas"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The group's areas are published")
    assert group.variants.get().status == Framework.Status.PUBLISHED

    submit(page, page.get_by_role("link", name="Targets"))
    page.get_by_label("Engaging councillors").select_option(label="3 – Mature")
    page.get_by_label("Green procurement").select_option(label="4 – Leader")
    submit(page, page.get_by_role("button", name="Save targets"))
    assert dict(GroupTarget.objects.filter(group=group).values_list("area_key", "level")) == {
        "engaging-councillors": 3,
        "green-procurement": 4,
    }
    table = page.get_by_role("table", name="The group's targets and where its members stand")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Engaging councillors", exact=True))
    expect(row).to_contain_text("3 – Mature")
    expect(row).to_contain_text("Median")
    behind = page.get_by_role("heading", name="Engaging councillors Group target: 3 – Mature")
    expect(behind).to_be_visible()
    expect(page.get_by_text(f"{members[0][0].name}: 1 – Minimum")).to_be_visible()
    expect(page.get_by_text(f"{members[2][0].name}: 3")).to_have_count(0)

    from tests.factories import make_organisation

    make_organisation("Council Newcomer", type="district", region="East of England")
    submit(page, page.get_by_role("link", name="Members"))
    page.get_by_label("Find an organisation to add").fill("council")
    submit(page, page.get_by_role("button", name="Search"))
    submit(page, page.get_by_role("button", name="Add Council Newcomer to the group"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Council Newcomer has been asked to join Test Consortium"
    )
    expect(page.get_by_role("row").filter(has_text="Council Newcomer")).to_contain_text("Waiting for acceptance")
    submit(page, page.get_by_role("link", name=f"Remove {members[5][0].name}"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"remove {members[5][0].name} from Test Consortium?")
    submit(page, page.get_by_role("button", name="Remove from group"))
    assert not group.members.filter(organisation=members[5][0]).exists()
    assert group.members.filter(organisation__name="Council Newcomer").exists()
    if os.environ.get("SCREENSHOTS"):
        for path in (
            "/groups/test-consortium/",
            "/groups/test-consortium/variant/",
            "/groups/test-consortium/members/?q=coun",
        ):
            visit(page, path)
            page.screenshot(
                path=os.path.join(
                    os.environ["SCREENSHOTS"], path.strip("/").replace("/", "_").replace("?", "_") + ".png"
                ),
                full_page=True,
            )
    every_page_checked(page)


def test_a_councils_lead_chooses_what_the_group_sees(page, base_url, consortium_with_members):
    group, _, members = consortium_with_members
    organisation, lead = members[4]
    sign_in_with_cookie(page, base_url, lead)
    visit(page, f"/organisations/{organisation.slug}/groups/")
    question = page.get_by_role("group", name="What may Test Consortium see?")
    question.get_by_label("Our named results").check()
    submit(page, page.get_by_role("button", name="Save what Test Consortium may see"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Test Consortium will see: our named results")
    assert group.members.get(organisation=organisation).sharing == GroupMember.Sharing.NAMED
    every_page_checked(page)


def test_a_councils_lead_accepts_a_membership_the_group_asked_for(page, base_url, consortium_with_members):
    from maturity.groups import services
    from maturity.organisations.models import Role
    from tests.factories import make_member, make_organisation

    group, _, _ = consortium_with_members
    organisation = make_organisation("Council Newcomer", type="district", region="East of England")
    lead = make_member(organisation, Role.LEAD)
    services.add_member(group=group, organisation=organisation)
    sign_in_with_cookie(page, base_url, lead)
    visit(page, f"/organisations/{organisation.slug}/groups/")
    expect(page.get_by_role("heading", name="Waiting for your acceptance")).to_be_visible()
    submit(page, page.get_by_role("link", name="Test Consortium"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Test Consortium")
    page.get_by_role("group", name="What may Test Consortium see?").get_by_label("Only the group's aggregates").check()
    submit(page, page.get_by_role("button", name="Accept the membership"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Council Newcomer is a member of Test Consortium"
    )
    assert group.members.get(organisation=organisation).is_accepted
    every_page_checked(page)
