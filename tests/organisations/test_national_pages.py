"""The national team's organisation pages: the directory and its filters, paging and CSV; an
organisation's page and the boundary of what it shows (ADR 0021); adding and changing
organisations; inviting a first lead; resending, withdrawing and expiring invitations."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maturity.audit.models import AuditEvent
from maturity.organisations.models import Invitation, Organisation, Role
from tests.factories import make_member, make_national_admin, make_organisation
from tests.html import elements
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(make_national_admin("Nia National"))
    return client


@pytest.fixture
def bodies():
    """A small England and Wales: a council with a lead, a Welsh council with an open invitation,
    a fire and rescue authority with only a contact address, and a national park with nobody."""
    kent = make_organisation("Kent", type="county", region="South East")
    make_member(kent, Role.LEAD, "Kit Kentlead")
    cardiff = make_organisation("Cardiff", type="welsh-principal", nation="wales", region="Wales", gss_code="W06000015")
    Invitation.objects.create(organisation=cardiff, email="cara@cardiff.gov.wales", role=Role.LEAD, token_hash="a" * 64)
    fire = make_organisation(
        "Kent Fire and Rescue",
        type="fire-and-rescue",
        region="South East",
        gss_code="",
        contact_email="procurement@kent.fire-uk.org",
    )
    park = make_organisation("Eryri", type="national-park", nation="wales", region="Wales", gss_code="")
    return {"kent": kent, "cardiff": cardiff, "fire": fire, "park": park}


def names(response) -> list[str]:
    page = response.content.decode()
    return [name for name in ("Kent Fire and Rescue", "Kent", "Cardiff", "Eryri") if elements(page, "a", text=name)]


def test_the_directory_is_for_the_national_team_only(client, bodies):
    assert client.get(reverse("directory:list")).status_code == 302  # sign in first
    client.force_login(make_member(bodies["kent"], Role.LEAD))
    assert client.get(reverse("directory:list")).status_code == 403
    assert client.get(reverse("directory:organisation", args=[bodies["cardiff"].slug])).status_code == 403
    assert client.get(reverse("directory:csv")).status_code == 403


def test_the_directory_filters_by_type_nation_reach_and_name(admin_client, bodies):
    url = reverse("directory:list")
    assert names(admin_client.get(url)) == ["Kent Fire and Rescue", "Kent", "Cardiff", "Eryri"]
    assert names(admin_client.get(url, {"nation": "wales"})) == ["Cardiff", "Eryri"]
    assert names(admin_client.get(url, {"type": "fire-and-rescue"})) == ["Kent Fire and Rescue"]
    assert names(admin_client.get(url, {"reach": "lead"})) == ["Kent"]
    assert names(admin_client.get(url, {"reach": "invited"})) == ["Cardiff"]
    assert names(admin_client.get(url, {"reach": "contact"})) == ["Kent Fire and Rescue"]
    assert names(admin_client.get(url, {"reach": "nobody"})) == ["Eryri"]
    assert names(admin_client.get(url, {"q": "W06000015"})) == ["Cardiff"]
    assert names(admin_client.get(url, {"q": "kent", "type": "county"})) == ["Kent"]
    assert "No organisations match these filters" in admin_client.get(url, {"q": "Atlantis"}).content.decode()
    # A value that is not offered is ignored rather than failing the page.
    assert names(admin_client.get(url, {"type": "castle"})) == ["Kent Fire and Rescue", "Kent", "Cardiff", "Eryri"]


def test_the_directory_filters_by_group(admin_client, bodies):
    from maturity.groups.models import Group, GroupMember

    group = Group.objects.create(slug="south-east", name="South East hub", kind=Group.Kind.CONSORTIUM)
    GroupMember.objects.create(group=group, organisation=bodies["fire"])
    assert names(admin_client.get(reverse("directory:list"), {"group": "south-east"})) == ["Kent Fire and Rescue"]


def test_an_invitation_past_its_14_days_no_longer_counts_as_reach(admin_client, bodies):
    Invitation.objects.filter(organisation=bodies["cardiff"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert names(admin_client.get(reverse("directory:list"), {"reach": "nobody"})) == ["Cardiff", "Eryri"]


def test_the_directory_pages_fifty_at_a_time_keeping_the_filters(admin_client, db):
    Organisation.objects.bulk_create(
        [
            Organisation(slug=f"district-{i:03}", name=f"District {i:03}", type="district", region="East Midlands")
            for i in range(60)
        ]
    )
    first = admin_client.get(reverse("directory:list"), {"type": "district"}).content.decode()
    assert "60 organisations: page 1 of 2" in first
    assert "District 049" in first and "District 050" not in first
    assert elements(first, "a", href=reverse("directory:list") + "?type=district&page=2")
    second = admin_client.get(reverse("directory:list"), {"type": "district", "page": "2"}).content.decode()
    assert "District 050" in second and "District 059" in second and "District 049" not in second


def test_the_directory_downloads_as_csv_with_the_filters(admin_client, bodies):
    response = admin_client.get(reverse("directory:csv"), {"nation": "wales"})
    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["Name"], r["Type"], r["Nation"], r["Reach"]) for r in rows] == [
        ("Cardiff", "Welsh principal council", "Wales", "Invited, not joined yet"),
        ("Eryri", "National park authority", "Wales", "Nobody to contact"),
    ]


def test_the_organisation_page_shows_people_invitations_and_rounds(admin_client, bodies):
    page = admin_client.get(reverse("directory:organisation", args=[bodies["kent"].slug])).content.decode()
    assert "Kit Kentlead" in page and "Lead" in page
    page = admin_client.get(reverse("directory:organisation", args=[bodies["cardiff"].slug])).content.decode()
    assert "cara@cardiff.gov.wales" in page and "Waiting for an answer" in page
    assert "Welsh principal council, Wales" in page
    assert "has not been invited to a round" in page


def test_the_organisation_page_shows_only_what_was_submitted_to_a_round(admin_client, bodies, nps):
    """The boundary (ADR 0021): no answer, evidence, action or unsubmitted assessment is shown;
    of a submission, the assessment's title and sign-off date only."""
    from maturity.assessments.models import Response
    from tests.benchmarks.helpers import make_round, signed_off, submit

    kent, lead = bodies["kent"], bodies["kent"].memberships.get().user
    submitted = signed_off(kent, nps, lead, title="Submitted review 2026")
    Response.objects.filter(assessment=submitted).update(evidence="SUBMITTED-EVIDENCE-TEXT")
    private = signed_off(kent, nps, lead, title="Private rehearsal")
    Response.objects.filter(assessment=private).update(evidence="PRIVATE-EVIDENCE-TEXT")
    round_ = make_round(nps, [kent], name="Diagnostic review 2026")
    submit(round_, kent, submitted)

    page = admin_client.get(reverse("directory:organisation", args=[kent.slug])).content.decode()
    assert "Diagnostic review 2026" in page
    assert "Submitted “Submitted review 2026”, signed off" in page
    assert "Private rehearsal" not in page
    assert "EVIDENCE-TEXT" not in page
    area = nps.areas.order_by("position").first()
    assert area.label not in page  # no area, so no level, is named
    assert f"/organisations/{kent.slug}/assessments/" not in page


def test_a_national_admin_adds_a_fire_and_rescue_authority(admin_client, db):
    response = admin_client.post(
        reverse("directory:add"),
        {
            "name": "  Kent Fire and Rescue  ",
            "official_name": "Kent and Medway Fire and Rescue Authority",
            "type": "fire-and-rescue",
            "nation": "england",
            "region": "South East",
            "gss_code": "e31000020",
            "contact_email": "Procurement@Kent.fire-uk.org",
        },
        follow=True,
    )
    organisation = Organisation.objects.get(name="Kent Fire and Rescue")
    assert (organisation.slug, organisation.type, organisation.gss_code, organisation.contact_email) == (
        "kent-fire-and-rescue",
        "fire-and-rescue",
        "E31000020",
        "procurement@kent.fire-uk.org",
    )
    assert not organisation.is_council and organisation.kind == "organisation"
    assert "Kent Fire and Rescue has been added" in response.content.decode()
    assert AuditEvent.objects.filter(kind="organisation-added", subject="Kent Fire and Rescue").exists()


def test_adding_an_organisation_refuses_bad_input_and_changes_nothing(admin_client, bodies):
    response = admin_client.post(
        reverse("directory:add"),
        {
            "name": " ",
            "type": "castle",
            "nation": "england",
            "gss_code": "W06000015",
            "contact_email": "not an email",
        },
    )
    page = response.content.decode()
    for message in (
        "Enter the organisation&#39;s name",
        "Choose one of the types",
        "W06000015 is already the GSS code of Cardiff",
        "Enter an email address in the correct format",
    ):
        assert message in page
    assert Organisation.objects.count() == 4


def test_a_national_admin_changes_an_organisation(admin_client, bodies):
    fire = bodies["fire"]
    url = reverse("directory:edit", args=[fire.slug])
    assert elements(admin_client.get(url), "input", value="Kent Fire and Rescue")
    admin_client.post(
        url,
        {
            "name": "Kent Fire and Rescue Service",
            "type": "fire-and-rescue",
            "nation": "england",
            "region": "South East",
            "contact_email": "",
        },
    )
    fire.refresh_from_db()
    assert (fire.name, fire.contact_email) == ("Kent Fire and Rescue Service", "")
    event = AuditEvent.objects.get(kind="organisation-changed")
    assert event.details == {"fields": ["name", "contact_email"]}


def test_the_national_team_invites_a_first_lead(admin_client, bodies):
    park = bodies["park"]
    response = admin_client.post(
        reverse("directory:invite", args=[park.slug]), {"email": "Owain@Eryri.llyw.cymru", "role": "lead"}, follow=True
    )
    assert "Invitation sent to owain@eryri.llyw.cymru" in response.content.decode()
    (email,) = sent_emails()
    assert email.to == ["owain@eryri.llyw.cymru"]
    assert "Nia National has invited you to join Eryri" in email.body
    # The same address again is refused, naming it.
    page = admin_client.post(
        reverse("directory:invite", args=[park.slug]), {"email": "owain@eryri.llyw.cymru", "role": "lead"}
    ).content.decode()
    assert "owain@eryri.llyw.cymru has already been invited to Eryri" in page


def test_an_invitation_is_resent_with_a_new_link_for_another_14_days(admin_client, bodies):
    from maturity.organisations.services import invitation_for_token, invite_colleague

    invitation, old_token = invite_colleague(
        organisation=bodies["park"], email="owain@eryri.llyw.cymru", role=Role.LEAD, invited_by=None
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    page = admin_client.get(reverse("directory:organisation", args=[bodies["park"].slug])).content.decode()
    assert "Expired" in page
    url = reverse("directory:resend-invitation", args=[bodies["park"].slug, invitation.pk])
    assert "Send the invitation to owain@eryri.llyw.cymru again?" in admin_client.get(url).content.decode()
    admin_client.post(url)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.OPEN
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert invitation_for_token(old_token) is None  # the old link no longer works
    assert [e.to for e in sent_emails()] == [["owain@eryri.llyw.cymru"], ["owain@eryri.llyw.cymru"]]


def test_a_withdrawn_invitation_stays_on_the_page_and_its_link_stops_working(admin_client, bodies):
    from maturity.organisations.services import invitation_link, invite_colleague

    invitation, token = invite_colleague(
        organisation=bodies["park"], email="owain@eryri.llyw.cymru", role=Role.LEAD, invited_by=None
    )
    url = reverse("directory:withdraw-invitation", args=[bodies["park"].slug, invitation.pk])
    assert "Withdraw the invitation to owain@eryri.llyw.cymru?" in admin_client.get(url).content.decode()
    admin_client.post(url)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.WITHDRAWN
    page = admin_client.get(reverse("directory:organisation", args=[bodies["park"].slug])).content.decode()
    assert "Withdrawn" in page and "owain@eryri.llyw.cymru" in page
    assert Client().get(invitation_link(token).split("testserver")[-1].replace("http://", "")).status_code in (404, 410)
    # Neither resent nor withdrawn again.
    assert admin_client.post(url).status_code == 404
    assert (
        admin_client.post(reverse("directory:resend-invitation", args=[bodies["park"].slug, invitation.pk])).status_code
        == 404
    )


def test_the_national_home_counts_reach_and_links_to_each_list(admin_client, bodies):
    page = admin_client.get(reverse("national-home")).content.decode()
    for reach in ("lead", "invited", "contact", "nobody"):
        assert [a.children[0] for a in elements(page, "a", href=f"/national/organisations/?reach={reach}")] == ["1"]
    assert "4" in [a.children[0] for a in elements(page, "a", href="/national/organisations/")]


def test_a_national_admin_with_no_organisation_starts_at_the_national_home(db):
    import pyotp

    from tests.factories import PASSWORD, give_two_factor

    admin = make_national_admin("Nia National")
    secret = give_two_factor(admin)
    client = Client()
    client.post(reverse("accounts:sign-in"), {"email": admin.email, "password": PASSWORD})
    response = client.post(reverse("accounts:two-factor-code"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == reverse("national-home")
