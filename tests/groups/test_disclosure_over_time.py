"""A group's dashboard read before and after a council is added, then removed, does not give that
council's level away (issue 12, section 1; ADR 0016): a council added by the national team is
pending until one of its leads accepts, and once it counts, rule 5 withholds what would differ
from the figures the group saw before by fewer than 5 members."""

from __future__ import annotations

import itertools
import re

import pytest

from maturity.audit.models import AuditEvent
from maturity.benchmarks.models import ShownPopulation
from maturity.groups import services
from maturity.groups.access import GroupAccess
from maturity.groups.models import GroupMember
from maturity.organisations.models import Role
from maturity.workplace import group_presenters as presenters
from tests.factories import make_member, make_organisation
from tests.groups.conftest import join, submitted

pytestmark = pytest.mark.django_db
AREA = "engaging-councillors"
SPREAD = re.compile(r"Median (\d)\D.*\(lowest (\d), highest (\d)\)")


class SpreadAttacker:
    """Keeps every spread (median, lowest, highest) the dashboard showed for one area, with the
    members it was made of, and tries every assignment of levels to the members: a member is
    pinned when all the assignments that agree with what was shown give it one level."""

    def __init__(self):
        self.seen: list[tuple[frozenset, tuple[int, int, int]]] = []

    def read(self, group, members: list) -> str:
        page = presenters.dashboard(GroupAccess(group=group, is_national_admin=True, is_lead=False))
        row = next(r for r in page["spread_table"]["rows"] if r[0]["text"].startswith("Engaging councillors"))
        text = row[2]["text"]
        found = SPREAD.search(text)
        if found:
            median, lowest, highest = (int(v) for v in found.groups())
            self.seen.append((frozenset(members), (median, lowest, highest)))
        return text

    def pinned(self) -> dict:
        everyone = sorted({m for members, _ in self.seen for m in members})
        possible: dict = {m: set() for m in everyone}
        for levels in itertools.product(range(1, 6), repeat=len(everyone)):
            level = dict(zip(everyone, levels))
            if all(_spread([level[m] for m in members]) == shown for members, shown in self.seen):
                for m in everyone:
                    possible[m].add(level[m])
        return {m: values for m, values in possible.items() if len(values) == 1}


def _spread(levels: list[int]) -> tuple[int, int, int]:
    ordered = sorted(levels)
    return ordered[(len(ordered) - 1) // 2], ordered[0], ordered[-1]


@pytest.fixture
def members(consortium, nps):
    """Six councils sharing only aggregates, at levels 2, 3, 3, 4, 4 and 5 in the area."""
    made = []
    for i, level in enumerate([2, 3, 3, 4, 4, 5]):
        council = make_organisation(f"Council {chr(65 + i)}", type="district", region="East of England")
        join(consortium, council)
        submitted(council, make_member(council, Role.LEAD), nps, {AREA: (level, 5)})
        made.append(council.pk)
    return made


@pytest.fixture
def newcomer(nps):
    council = make_organisation("Newcomer Council", type="district", region="East of England")
    lead = make_member(council, Role.LEAD)
    submitted(council, lead, nps, {AREA: (1, 5)})  # below everyone: it would be the new lowest level
    return council, lead


def test_the_attacker_pins_a_member_added_without_protection(members):
    attacker = SpreadAttacker()
    attacker.seen = [(frozenset(members), (3, 2, 5)), (frozenset([*members, 99]), (3, 1, 5))]
    assert attacker.pinned() == {99: {1}}


def test_adding_a_council_then_removing_it_does_not_reveal_its_level(consortium, members, newcomer):
    council, lead = newcomer
    attacker = SpreadAttacker()
    assert attacker.read(consortium, members).startswith("Median 3")
    member = services.add_member(group=consortium, organisation=council)  # by the national team
    attacker.read(consortium, members)  # pending: it does not count
    services.accept(member=member, user=lead)
    shown = attacker.read(consortium, [*members, council.pk])
    assert "have changed since the group last saw this figure" in shown
    services.remove_member(member=GroupMember.objects.get(pk=member.pk))
    attacker.read(consortium, members)
    assert attacker.pinned() == {}


def test_two_councils_joining_then_one_leaving_reveal_nothing(consortium, members, nps):
    attacker = SpreadAttacker()
    attacker.read(consortium, members)
    joined = []
    for name, level in (("Newcomer One", 1), ("Newcomer Two", 5)):
        council = make_organisation(name, type="district", region="East of England")
        lead = make_member(council, Role.LEAD)
        submitted(council, lead, nps, {AREA: (level, 5)})
        services.accept(member=services.add_member(group=consortium, organisation=council), user=lead)
        joined.append(council.pk)
        attacker.read(consortium, [*members, *joined])
    services.remove_member(member=GroupMember.objects.get(organisation_id=joined[0]))
    attacker.read(consortium, [*members, joined[1]])
    assert attacker.pinned() == {}


def test_the_dashboard_comes_back_once_five_members_have_joined(consortium, members, nps):
    attacker = SpreadAttacker()
    attacker.read(consortium, members)
    everyone = list(members)
    for i, level in enumerate([1, 2, 3, 4, 5]):
        council = make_organisation(f"Joiner {i}", type="district", region="East of England")
        lead = make_member(council, Role.LEAD)
        submitted(council, lead, nps, {AREA: (level, 5)})
        services.accept(member=services.add_member(group=consortium, organisation=council), user=lead)
        everyone.append(council.pk)
    assert attacker.read(consortium, everyone).startswith("Median 3")
    assert ShownPopulation.objects.filter(kind=f"group:{consortium.pk}").count() >= 2


def test_a_pending_member_shows_nothing_and_its_lead_accepts_on_the_organisations_page(
    client, consortium, members, newcomer
):
    council, lead = newcomer
    member = services.add_member(group=consortium, organisation=council)
    assert not member.is_accepted
    client.force_login(lead)
    page = client.get(f"/organisations/{council.slug}/groups/").content.decode()
    assert "Waiting for your acceptance" in page and "Test Consortium" in page
    page = client.get(f"/organisations/{council.slug}/groups/{consortium.pk}/").content.decode()
    assert "Until a lead of Newcomer Council accepts, the group sees nothing of it" in page
    response = client.post(
        f"/organisations/{council.slug}/groups/{consortium.pk}/", {"membership-sharing": "aggregates"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_accepted and member.accepted_by == lead
    kinds = set(AuditEvent.objects.filter(organisation=council).values_list("kind", flat=True))
    assert {"group-member-added", "group-membership-accepted"} <= kinds


def test_a_lead_may_decline_after_confirming(client, consortium, newcomer):
    council, lead = newcomer
    services.add_member(group=consortium, organisation=council)
    client.force_login(lead)
    page = client.get(f"/organisations/{council.slug}/groups/{consortium.pk}/leave/").content.decode()
    assert "Are you sure Newcomer Council should decline to join Test Consortium?" in page
    assert GroupMember.objects.filter(organisation=council).exists()
    client.post(f"/organisations/{council.slug}/groups/{consortium.pk}/leave/")
    assert not GroupMember.objects.filter(organisation=council).exists()
    assert AuditEvent.objects.filter(organisation=council, kind="group-member-removed").exists()


def test_another_organisations_lead_cannot_accept(client, consortium, newcomer, members):
    council, _ = newcomer
    member = services.add_member(group=consortium, organisation=council)
    outsider = make_member(make_organisation("Elsewhere Council"), Role.LEAD)
    client.force_login(outsider)
    response = client.post(
        f"/organisations/{council.slug}/groups/{consortium.pk}/", {"membership-sharing": "aggregates"}
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert not member.is_accepted


def test_notify_tells_the_leads_of_pending_members_once(consortium, newcomer):
    from django.core.management import call_command

    from tests.jobs.support import sent_emails

    council, lead = newcomer
    services.add_member(group=consortium, organisation=council)
    call_command("groups", "notify")
    call_command("groups", "notify")
    emails = [e for e in sent_emails() if lead.email in e.to]
    assert len(emails) == 1
    assert emails[0].subject == "Test Consortium asks Newcomer Council to accept its membership"
    assert f"/organisations/{council.slug}/groups/{consortium.pk}/" in emails[0].body
