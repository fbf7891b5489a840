"""The group pages in Welsh (docs/adr/0025-cymraeg.md): no English left but the framework's own
text (marked lang="en") and what the test typed."""

from __future__ import annotations

from maturity.groups.models import GroupTarget
from tests.groups.conftest import councils, join, submitted
from tests.welsh import english_in

AREA = "engaging-councillors"


def welsh(client, path: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_group_leads_pages_are_in_welsh(client, consortium, group_lead, nps):
    members = councils(4)
    for i, ((organisation, user), current) in enumerate(zip(members, (1, 2, 4, 5))):
        join(consortium, organisation, "named" if i < 2 else "aggregates")
        submitted(organisation, user, nps, {AREA: (current, 4)})
    pending, _user = councils(1, prefix="Waiting")[0]
    join(consortium, pending, accepted=False)
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    dashboard = welsh(client, "/groups/test-consortium/")
    assert "Dangosfwrdd" in dashboard and "Aelodau fesul maes" in dashboard
    assert "Mae 1 aelod yn aros i dderbyn yr aelodaeth" in dashboard
    for path in (
        "/groups/",
        "/groups/test-consortium/",
        "/groups/test-consortium/members/?q=Council",
        "/groups/test-consortium/leads/",
        "/groups/test-consortium/targets/",
        "/groups/test-consortium/variant/",
        "/groups/new/",
    ):
        assert english_in(welsh(client, path)) == [], path


def test_an_organisations_group_pages_are_in_welsh(client, consortium, nps):
    ((organisation, lead),) = councils(1)
    join(consortium, organisation, accepted=False)
    client.force_login(lead)
    sharing = welsh(client, f"/organisations/{organisation.slug}/groups/")
    assert "Yn aros i chi dderbyn" in sharing
    assert english_in(sharing) == []
    membership = welsh(client, f"/organisations/{organisation.slug}/groups/{consortium.pk}/")
    assert english_in(membership) == []
