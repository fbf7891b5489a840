"""Group leads manage membership by searching names; removal needs confirmation. Regions are kept
in step with the register by `maturity groups sync-regions`."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from maturity.groups import services
from maturity.groups.models import Group, GroupLead, GroupMember
from tests.factories import make_organisation, make_user
from tests.groups.conftest import join

pytestmark = pytest.mark.django_db


def test_a_lead_finds_organisations_by_name_and_adds_one(client, consortium, group_lead, camden, manchester):
    closed = make_organisation("Camden Old Borough", end_date=datetime.date(2020, 3, 31))
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/members/", {"q": "camd"}).content.decode()
    assert "Camden" in page and closed.name not in page and "Manchester" not in page
    response = client.post("/groups/test-consortium/members/", {"organisation": camden.pk})
    assert response.status_code == 302
    assert consortium.members.get().organisation == camden
    page = client.get("/groups/test-consortium/members/", {"q": "camd"}).content.decode()
    assert "No organisation that is not a member already matches" in page


def test_adding_a_member_twice_is_refused(consortium, camden):
    join(consortium, camden)
    with pytest.raises(services.Refused, match="Camden is already a member of Test Consortium"):
        services.add_member(group=consortium, organisation=camden)


def test_adding_a_closed_or_unknown_organisation_is_not_found(client, consortium, group_lead):
    closed = make_organisation("Gone", end_date=datetime.date(2020, 3, 31))
    client.force_login(group_lead)
    assert client.post("/groups/test-consortium/members/", {"organisation": closed.pk}).status_code == 404
    assert client.post("/groups/test-consortium/members/", {"organisation": "x"}).status_code == 404
    assert not consortium.members.exists()


def test_removing_a_member_asks_for_confirmation_first(client, consortium, group_lead, camden):
    member = join(consortium, camden)
    client.force_login(group_lead)
    url = f"/groups/test-consortium/members/{member.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Are you sure you want to remove Camden from Test Consortium?" in page
    assert consortium.members.exists()
    assert client.post(url).status_code == 302
    assert not consortium.members.exists()


def test_a_member_of_another_group_cannot_be_removed_through_this_one(
    client, consortium, group_lead, other_group, camden
):
    theirs = join(other_group, camden)
    client.force_login(group_lead)
    assert client.post(f"/groups/test-consortium/members/{theirs.pk}/remove/").status_code == 404
    assert GroupMember.objects.filter(pk=theirs.pk).exists()


def test_a_lead_adds_and_removes_another_lead(client, consortium, group_lead):
    colleague = make_user("Colin Colleague", email="colin@example.gov.uk")
    client.force_login(group_lead)
    page = client.post("/groups/test-consortium/leads/", {"email": "nobody@example.gov.uk"}).content.decode()
    assert "No one has an account with that email address" in page
    assert client.post("/groups/test-consortium/leads/", {"email": "Colin@Example.gov.uk"}).status_code == 302
    lead = GroupLead.objects.get(group=consortium, user=colleague)
    page = client.get(f"/groups/test-consortium/leads/{lead.pk}/remove/").content.decode()
    assert "Are you sure you want to remove Colin Colleague as a lead of Test Consortium?" in page
    client.post(f"/groups/test-consortium/leads/{lead.pk}/remove/")
    assert not GroupLead.objects.filter(pk=lead.pk).exists()


# --- regions -------------------------------------------------------------------------------------


def test_sync_regions_makes_a_group_per_region_with_its_current_organisations(camden, manchester, capsys):
    bolton = make_organisation("Bolton", type="metropolitan-district", region="North West")
    make_organisation("Closed", region="North West", end_date=datetime.date(2019, 1, 1))
    make_organisation("Nowhere", region="")
    call_command("groups", "sync-regions")
    assert "2 regions; 2 groups were created, 3 members were added and 0 removed" in capsys.readouterr().out
    north_west = Group.objects.get(kind=Group.Kind.REGION, name="North West")
    assert north_west.slug == "north-west"
    assert set(north_west.members.values_list("organisation__name", flat=True)) == {"Manchester", "Bolton"}
    assert list(Group.objects.get(name="London").members.values_list("organisation", flat=True)) == [camden.pk]

    GroupMember.objects.filter(group=north_west, organisation=bolton).update(sharing=GroupMember.Sharing.NAMED)
    manchester.region = "Yorkshire and The Humber"
    manchester.save()
    call_command("groups", "sync-regions", "--dry-run")
    assert "3 regions; 1 group would be created, 1 member would be added and 1 removed" in capsys.readouterr().out
    assert north_west.members.count() == 2 and not Group.objects.filter(name="Yorkshire and The Humber").exists()
    call_command("groups", "sync-regions")
    assert set(north_west.members.values_list("organisation__name", flat=True)) == {"Bolton"}
    assert north_west.members.get().sharing == GroupMember.Sharing.NAMED  # their choice is kept
    call_command("groups", "sync-regions")
    assert "0 groups were created, 0 members were added and 0 removed" in capsys.readouterr().out.splitlines()[-1]


def test_a_regions_members_are_not_changed_by_hand(client, national_admin, camden):
    services.sync_regions()
    london = Group.objects.get(name="London")
    client.force_login(national_admin)
    page = client.get(f"/groups/{london.slug}/members/").content.decode()
    assert "come from the register of organisations" in page and "Find an organisation to add" not in page
    member = london.members.get()
    client.post(f"/groups/{london.slug}/members/{member.pk}/remove/")
    assert london.members.filter(pk=member.pk).exists()


def test_the_groups_command_lists_groups(consortium, camden, capsys):
    join(consortium, camden)
    call_command("groups", "list")
    assert (
        "test-consortium\tConsortium or regional procurement hub\t1 member\tTest Consortium" in capsys.readouterr().out
    )
