"""Each member decides what its groups see; the dashboard keeps to it, with no figure from fewer
than 5 organisations unless they all share their named results."""

from __future__ import annotations

import pytest

from maturity.groups.models import GroupMember, GroupTarget
from maturity.organisations.models import Role
from tests.factories import give_two_factor, make_member
from tests.groups.conftest import councils, join, submitted
from tests.html import text_of

pytestmark = pytest.mark.django_db
AREA = "engaging-councillors"


# --- the organisation's choice ----------------------------------------------------------------


def test_an_organisations_lead_chooses_what_each_group_sees(client, consortium, other_group, camden, lead):
    ours, theirs = join(consortium, camden), join(other_group, camden)
    client.force_login(lead)
    page = client.get(f"/organisations/{camden.slug}/groups/").content.decode()
    assert "What may Test Consortium see?" in page and "What may Other Hub see?" in page
    response = client.post(
        f"/organisations/{camden.slug}/groups/", {"member": ours.pk, f"member-{ours.pk}-sharing": "named"}
    )
    assert response.status_code == 302
    ours.refresh_from_db(), theirs.refresh_from_db()
    assert (ours.sharing, theirs.sharing) == ("named", "aggregates")


def test_a_choice_must_be_made(client, consortium, camden, lead):
    member = join(consortium, camden)
    client.force_login(lead)
    page = client.post(f"/organisations/{camden.slug}/groups/", {"member": member.pk}).content.decode()
    assert "Select what the group may see" in page
    member.refresh_from_db()
    assert member.sharing == "aggregates"


def test_a_viewer_sees_the_choice_but_cannot_change_it(client, consortium, camden, viewer):
    member = join(consortium, camden)
    client.force_login(viewer)
    page = client.get(f"/organisations/{camden.slug}/groups/").content.decode()
    assert "Only the group's aggregates" in text_of(page) and "A lead of Camden can change" in page
    assert (
        client.post(
            f"/organisations/{camden.slug}/groups/", {"member": member.pk, f"member-{member.pk}-sharing": "named"}
        ).status_code
        == 403
    )
    member.refresh_from_db()
    assert member.sharing == "aggregates"


def test_another_organisations_lead_gets_404_and_cannot_change_a_choice(
    client, consortium, camden, manchester, outsider
):
    member = join(consortium, camden)
    client.force_login(outsider)
    assert client.get(f"/organisations/{camden.slug}/groups/").status_code == 404
    response = client.post(
        f"/organisations/{manchester.slug}/groups/", {"member": member.pk, f"member-{member.pk}-sharing": "named"}
    )
    assert response.status_code == 404  # Camden's membership is not reachable through Manchester
    member.refresh_from_db()
    assert member.sharing == "aggregates"


# --- the dashboard -----------------------------------------------------------------------------------


def test_the_dashboard_shows_each_members_progress(client, consortium, group_lead, nps, camden, lead):
    (first, first_lead), (second, _) = councils(2)
    for organisation in (camden, first, second):
        join(consortium, organisation)
    from maturity.assessments.services import start_assessment

    start_assessment(organisation=camden, framework=nps, title="Camden 2026", user=lead)
    submitted(first, first_lead, nps, {}, complete_all=True)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Camden 2026" in page and "In progress" in page and "0 of 14" in page
    assert "Awaiting sign-off" in page and "14 of 14" in page
    assert "No assessment yet" in page and "Not started" in page


def setup_members(consortium, nps, levels, sharing="aggregates"):
    members = councils(len(levels))
    for (organisation, user), current in zip(members, levels):
        join(consortium, organisation, sharing)
        submitted(organisation, user, nps, {AREA: (current, 4)})
    return members


def test_figures_from_fewer_than_five_members_sharing_only_aggregates_are_not_shown(
    client, consortium, group_lead, nps
):
    setup_members(consortium, nps, [1, 2, 4])
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Not shown: fewer than 5 members" in page
    assert "Median" not in page
    assert "Council A" in page  # its progress, which every member shows
    assert "Council A: 1" not in page and "Council B: 2" not in page
    assert "Members who share only aggregates are not counted here" in page


def test_named_sharing_shows_figures_and_who_is_behind_the_target(client, consortium, group_lead, nps):
    setup_members(consortium, nps, [1, 2, 4], sharing="named")
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Median 2 – Developing (lowest 1, highest 4)" in page
    assert "Median 4 – Leader (lowest 4, highest 4)" in page  # the members' own targets
    assert "Council A: 1 – Minimum" in page and "Council B: 2 – Developing" in page
    assert "Council C: 4" not in page


def test_five_members_sharing_aggregates_give_figures_but_no_names(client, consortium, group_lead, nps):
    setup_members(consortium, nps, [1, 2, 3, 4, 5])
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Median 3 – Mature (lowest 1, highest 5)" in page
    assert "Council A: 1" not in page
    assert "the count would describe fewer than 5 organisations" in page  # 2 behind: a small count
    GroupTarget.objects.filter(group=consortium).update(level=5)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "4 members who share only aggregates are behind the target" not in page
    GroupTarget.objects.filter(group=consortium).update(level=1)
    assert "No member with results is behind the target" in client.get("/groups/test-consortium/").content.decode()


def test_five_or_more_behind_are_counted(client, consortium, group_lead, nps):
    setup_members(consortium, nps, [1, 1, 2, 2, 2])
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "5 members who share only aggregates are behind the target" in page


def test_one_member_not_sharing_hides_a_small_groups_figures(client, consortium, group_lead, nps):
    members = setup_members(consortium, nps, [1, 2, 4], sharing="named")
    GroupMember.objects.filter(organisation=members[0][0]).update(sharing="aggregates")
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Not shown: fewer than 5 members" in page
    assert "Council B: 2 – Developing" in page and "Council A: 1" not in page


def test_four_named_members_and_one_sharing_only_aggregates_give_no_spread(client, consortium, group_lead, nps):
    members = setup_members(consortium, nps, [1, 3, 3, 4, 4], sharing="named")
    GroupMember.objects.filter(organisation=members[0][0]).update(sharing="aggregates")
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    # No named member is behind the target: a lowest level of 1 would be Council A's.
    assert "lowest 1" not in page and "Not shown: fewer than 5 members who share only aggregates" in page
    assert "Council A: 1" not in page


def test_only_submitted_results_count_and_drafts_show_as_progress(client, consortium, group_lead, nps):
    ((organisation, user),) = councils(1)
    join(consortium, organisation, "named")
    from maturity.assessments.services import start_assessment

    draft = start_assessment(organisation=organisation, framework=nps, title="Draft", user=user)
    draft.responses.filter(area__key=AREA).update(current_level=5)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "0 of 1 member so far" in page and "Median 5" not in page


# --- the group's targets ----------------------------------------------------------------------------


def test_a_lead_sets_clears_and_cannot_invent_target_levels(client, consortium, group_lead, nps):
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/targets/").content.decode()
    assert "No group target" in page and "3 – Mature" in page
    assert client.post("/groups/test-consortium/targets/", {AREA: "3", "developing-talent": "4"}).status_code == 302
    assert dict(consortium.targets.values_list("area_key", "level")) == {AREA: 3, "developing-talent": 4}
    page = client.post("/groups/test-consortium/targets/", {AREA: "9"}).content.decode()
    assert "Select a level for Engaging councillors, or no group target" in page
    assert dict(consortium.targets.values_list("area_key", "level")) == {AREA: 3, "developing-talent": 4}
    client.post("/groups/test-consortium/targets/", {AREA: "2"})
    assert dict(consortium.targets.values_list("area_key", "level")) == {AREA: 2}
    page = client.get("/groups/test-consortium/").content.decode()
    assert "2 – Developing" in page and "None set" in page


def test_group_leads_who_are_members_see_no_more_than_the_group_sees(client, consortium, nps, camden, lead):
    """Camden's own lead leads the group too: the group's pages still follow each member's choice."""
    from maturity.groups.models import GroupLead

    GroupLead.objects.create(group=consortium, user=lead)
    give_two_factor(lead)  # group leads must have an authenticator app
    others = setup_members(consortium, nps, [1, 2])
    join(consortium, camden)
    make_member(camden, Role.VIEWER, "Vic Viewer")
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(lead)
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Not shown: fewer than 5 members" in page
    assert f"{others[0][0].name}: 1" not in page
