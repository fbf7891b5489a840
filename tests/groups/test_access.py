"""Who reaches a group's pages: its leads and the national team. A lead of another group, or a
member of a member council, gets 404; a visitor is sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from maturity.groups.models import GroupLead, GroupMember
from tests.groups.conftest import join
from tests.test_isolation import fill, walk

pytestmark = pytest.mark.django_db


def group_routes():
    return sorted({(route, name) for route, name in walk(get_resolver().url_patterns) if "<slug:group_slug>" in route})


@pytest.fixture
def samples(consortium, group_lead, camden, nps):
    member = join(consortium, camden)
    lead = GroupLead.objects.get(group=consortium, user=group_lead)
    return {"group_slug": consortium.slug, "member_id": str(member.pk), "lead_id": str(lead.pk)}


def test_there_are_group_routes_to_walk():
    names = {name for _, name in group_routes()}
    assert {"groups:dashboard", "groups:members", "groups:remove-member", "groups:targets", "groups:variant"} <= names


def test_a_lead_of_another_group_gets_404_everywhere(client, samples, other_lead):
    client.force_login(other_lead)
    for route, name in group_routes():
        url = fill(route, samples)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url} ({name}) gave {response.status_code}"
    assert GroupMember.objects.filter(group__slug=samples["group_slug"]).count() == 1


def test_a_member_councils_lead_gets_404_too(client, samples, lead):
    client.force_login(lead)
    for route, name in group_routes():
        assert client.get(fill(route, samples)).status_code == 404, name


def test_the_groups_lead_and_the_national_team_reach_every_page(client, samples, group_lead, national_admin):
    for user in (group_lead, national_admin):
        client.force_login(user)
        for route, name in group_routes():
            url = fill(route, samples)
            status = client.get(url).status_code
            if name == "groups:publish-variant":
                assert status == 404, name  # no draft variant to publish yet
            else:
                assert status == 200, f"GET {url} ({name}) gave {status}"


def test_visitors_are_sent_to_sign_in(client, samples):
    for route, name in group_routes():
        response = client.get(fill(route, samples))
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], name


def test_the_groups_list_shows_only_the_groups_a_user_leads(
    client, consortium, group_lead, other_group, national_admin, lead
):
    client.force_login(group_lead)
    page = client.get("/groups/").content.decode()
    assert "Test Consortium" in page and "Other Hub" not in page
    client.force_login(national_admin)
    page = client.get("/groups/").content.decode()
    assert "Test Consortium" in page and "Other Hub" in page
    client.force_login(lead)
    page = client.get("/groups/").content.decode()
    assert "You do not lead any group" in page and "Create a group" not in page


def test_only_the_national_team_and_group_leads_create_groups(client, group_lead, national_admin, lead):
    client.force_login(lead)
    assert client.get("/groups/new/").status_code == 403
    assert client.post("/groups/new/", {"name": "Sneaky", "kind": "consortium"}).status_code == 403
    client.force_login(group_lead)
    response = client.post("/groups/new/", {"name": "Procurement Hub East", "kind": "consortium", "description": ""})
    assert response.status_code == 302 and response["Location"] == "/groups/procurement-hub-east/members/"
    assert GroupLead.objects.filter(group__slug="procurement-hub-east", user=group_lead).exists()
    client.force_login(national_admin)
    client.post("/groups/new/", {"name": "West Combined Authority", "kind": "combined-authority"})
    assert not GroupLead.objects.filter(group__slug="west-combined-authority").exists()


def test_a_group_cannot_be_created_as_a_region_or_twice(client, national_admin, consortium):
    client.force_login(national_admin)
    page = client.post("/groups/new/", {"name": "North East", "kind": "region"}).content.decode()
    assert "Select what kind of group it is" in page
    page = client.post("/groups/new/", {"name": "test consortium", "kind": "consortium"}).content.decode()
    assert "There is already a group called test consortium" in page
