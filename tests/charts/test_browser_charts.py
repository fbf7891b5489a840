"""The pages that gained charts, in Chromium at a desktop's width and at 320 px, with axe-core
(WCAG 2.2 A/AA) on each: the council's results page, a published round's results, national
report and area pages, and a group's dashboard. At 320 px no page scrolls sideways, except inside a heat map's own
scrolling region, and every chart label is at least 11 px high; the figures' table opens from
the details element under each chart."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import sign_in_with_cookie, visit

pytestmark = pytest.mark.browser

SMALLEST_TEXT_PX = 11
LABEL_SIZES = """() => [...document.querySelectorAll('svg.app-chart__svg')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text:not(.scale)')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  return [svg.getAttribute('aria-labelledby'), Math.min(...sizes)];
})"""


@pytest.fixture
def narrow_page(request, chromium, live_server, transactional_db):
    """A 320 px wide phone (WCAG 1.4.10's width for reflow)."""
    from tests.browser.plugin import _open

    yield from _open(
        request,
        chromium,
        live_server,
        viewport={"width": 320, "height": 640},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def scene(bnps, bcamden, blead):
    """Camden with two signed-off assessments, the later one submitted to a published round of 40
    councils that follows an earlier published round; a consortium of Camden and two councils
    sharing named results, with a target."""
    from django.utils import timezone

    from maturity.assessments.models import Assessment, Response
    from maturity.benchmarks import services
    from maturity.groups.models import Group, GroupMember, GroupTarget
    from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, national_admin, signed_off, submit
    from tests.factories import make_group_lead

    admin = national_admin()
    councils = bulk_councils(bnps, 40, prefix="Borough")
    signed_off(bcamden, bnps, blead, title="Self-assessment 2024", current=1, target=3)
    mine = signed_off(bcamden, bnps, blead, title="Self-assessment 2026", current=2, target=4)
    rounds = []
    for years_ago, name in ((2, "Diagnostic review 2024"), (0, "Diagnostic review 2026")):
        closes = TODAY - datetime.timedelta(days=1 + 365 * years_ago)
        round_ = make_round(
            bnps,
            [bcamden, *councils],
            user=admin,
            name=name,
            opens_on=closes - datetime.timedelta(days=59),
            closes_on=closes,
        )
        for o in councils:
            submit(round_, o, Assessment.objects.get(organisation=o))
        if years_ago == 0:
            submit(round_, bcamden, mine)
        rounds.append(services.publish_round(round_=round_, user=admin, today=TODAY))
        Response.objects.filter(assessment__organisation__in=councils, area__key="developing-talent").update(
            current_level=4
        )
        # ...as each council reopened its assessment and signed it off again: the same records with
        # Camden added would let the next round be differenced to Camden's levels (ADR 0016, rule 5).
        Assessment.objects.filter(organisation__in=councils).update(signed_off_at=timezone.now())
    group = Group.objects.create(slug="north-consortium", name="North Consortium", kind=Group.Kind.CONSORTIUM)
    for organisation in (bcamden, *councils[:2]):
        GroupMember.objects.create(
            group=group, organisation=organisation, sharing=GroupMember.Sharing.NAMED, accepted_at=timezone.now()
        )  # each council agreed (ADR 0016)
    GroupTarget.objects.create(group=group, area_key="engaging-councillors", level=3)
    return {
        "assessment": mine,
        "round": rounds[-1],
        "group": group,
        "group_lead": make_group_lead(group),
        "admin": admin,
    }


def check_charts(page, *, narrow: bool) -> None:
    sizes = page.evaluate(LABEL_SIZES)
    assert sizes, f"no chart on {page.url}"
    if narrow:
        support.assert_no_horizontal_scroll(page)
        for name, smallest in sizes:
            assert smallest >= SMALLEST_TEXT_PX, f"{name}: labels of {smallest:.1f} px at 320 px"
    else:
        for name, _ in sizes:
            width = page.locator(f'svg[aria-labelledby="{name}"]').bounding_box()["width"]
            assert width <= 640, f"{name} is {width} px wide on a desktop"


@pytest.mark.parametrize("narrow", [False, True], ids=["desktop", "320px"])
def test_the_pages_with_charts_are_accessible_and_readable(request, base_url, scene, blead, narrow):
    page = request.getfixturevalue("narrow_page" if narrow else "page")
    assessment, round_ = scene["assessment"], scene["round"]
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{assessment.organisation.slug}/assessments/{assessment.pk}/results/")
    expect(
        page.get_by_role("img", name="Radar chart of current and target maturity levels in each area")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Where you stand among similar organisations in each area")).to_be_visible()
    expect(
        page.get_by_role("img", name="Current level in each area across the organisation's assessments")
    ).to_be_visible()
    check_charts(page, narrow=narrow)

    visit(page, f"/benchmarks/{round_.pk}/")
    expect(page.get_by_role("img", name="Change since Diagnostic review 2024", exact=False)).to_be_visible()
    page.get_by_text("The figures of this chart as a table").first.click()
    expect(page.get_by_role("table", name="Change since Diagnostic review 2024", exact=False)).to_be_visible()
    support.assert_accessible(page)  # with the table open
    check_charts(page, narrow=narrow)

    visit(page, f"/benchmarks/{round_.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("National report: Diagnostic review 2026")
    expect(
        page.get_by_role("img", name="Share of respondents at Mature or above in each area", exact=False)
    ).to_be_visible()
    check_charts(page, narrow=narrow)

    visit(page, f"/benchmarks/{round_.pk}/areas/engaging-councillors/")
    expect(page.get_by_role("img", name="Number of respondents at each level in Engaging councillors")).to_be_visible()
    check_charts(page, narrow=narrow)

    sign_in_with_cookie(page, base_url, scene["admin"])
    visit(page, f"/national/rounds/{round_.pk}/report/")
    expect(page.get_by_text("can no longer be changed", exact=False)).to_be_visible()

    sign_in_with_cookie(page, base_url, scene["group_lead"])
    visit(page, f"/groups/{scene['group'].slug}/")
    heatmap = page.get_by_role("img", name="Current level of each member sharing named results", exact=False)
    expect(heatmap).to_be_visible()
    region = page.get_by_role("region", name="Current level of each member sharing named results", exact=False)
    region.focus()  # the heat map scrolls in its own region, which the keyboard can reach
    assert support.focused(page)["outlineVisible"]
    sizes = dict(page.evaluate(LABEL_SIZES))
    assert min(sizes.values()) >= SMALLEST_TEXT_PX  # a heat map is never shrunk: it scrolls


def test_the_national_team_titles_and_introduces_the_report_before_publishing(page, base_url, bnps, bcamden, blead):
    from maturity.assessments.models import Assessment
    from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, national_admin, submit

    admin = national_admin()
    councils = bulk_councils(bnps, 12)
    round_ = make_round(
        bnps,
        councils,
        user=admin,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    sign_in_with_cookie(page, base_url, admin)
    visit(page, f"/national/rounds/{round_.pk}/")
    support.submit(page, page.get_by_role("link", name="Change the report's title and introduction"))
    page.get_by_label("Title of the report").fill("Councils' procurement, 2026")
    page.get_by_label("Introduction").fill("Why the national team asks.\n\nWhat happens next.")
    support.submit(page, page.get_by_role("button", name="Save the title and introduction"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Councils' procurement, 2026")
    expect(page.get_by_text("What happens next.")).to_be_visible()
    expect(page.get_by_text("Not published: only the national team can see this report")).to_be_visible()
