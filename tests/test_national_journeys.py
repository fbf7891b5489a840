"""The whole journey of an organisation the national team brings in, through the web pages: a
Welsh council and a fire and rescue authority are each invited by the national team, their first
lead accepts and creates an account, assesses every area, signs off, and answers a round across
England and Wales; the national team sees the answer on the organisation's page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maturity.assessments.models import Assessment
from maturity.benchmarks import services as round_services
from maturity.benchmarks.models import Participant, Round
from maturity.organisations.models import Organisation, Role
from tests.factories import make_national_admin, make_organisation
from tests.html import elements
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PASSWORD = "five wooden spoons in a drawer"

BODIES = {
    "a Welsh council": {
        "add": None,  # from the register: made as the import would
        "register": {
            "name": "Cardiff",
            "official_name": "City of Cardiff Council",
            "type": "welsh-principal",
            "nation": "wales",
            "region": "Wales",
            "gss_code": "W06000015",
            "register_code": "CRF",
        },
        "lead": ("Cara Jones", "cara.jones@cardiff.gov.wales"),
        "kind": "council",
    },
    "a fire and rescue authority": {
        "add": {
            "name": "Kent Fire and Rescue",
            "official_name": "Kent and Medway Fire and Rescue Authority",
            "type": "fire-and-rescue",
            "nation": "england",
            "region": "South East",
            "gss_code": "E31000020",
            "contact_email": "",
        },
        "lead": ("Frank Hale", "frank.hale@kent.fire-uk.org"),
        "kind": "organisation",
    },
}


def link_in(message) -> str:
    (link,) = re.findall(r"https?://\S+/accounts/invitations/\S+/", message.body)
    return link[len(settings.SITE_URL) :]


def answer_every_area(client: Client, assessment: Assessment) -> None:
    for response in assessment.responses.select_related("area"):
        url = reverse(
            "assessments:area",
            kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": response.area.key},
        )
        reply = client.post(
            url,
            {
                "current_level": "2",
                "target_level": "3",
                "target_year": str(TODAY.year + 2),
                "evidence": "Procurement strategy and the board's report.",
                "evidence_links": "",
                "confidence": "medium",
                "version": str(response.version),
                "continue": "1",
            },
        )
        assert reply.status_code == 302, response.area.key


@pytest.mark.parametrize("body", list(BODIES))
def test_the_whole_journey(nps, body):
    spec = BODIES[body]
    admin = make_national_admin("Nia National")
    national = Client()
    national.force_login(admin)
    make_organisation("Kent", type="county", region="South East")  # someone else in the round

    # The national team adds the organisation (a council comes from the register) and invites its first lead.
    if spec["add"]:
        national.post(reverse("directory:add"), spec["add"])
        organisation = Organisation.objects.get(name=spec["add"]["name"])
    else:
        organisation = make_organisation(slug="cardiff", **spec["register"])
    name, email = spec["lead"]
    page = national.get(reverse("directory:list"), {"reach": "nobody"}).content.decode()
    assert elements(page, "a", text=organisation.name)
    national.post(reverse("directory:invite", args=[organisation.slug]), {"email": email, "role": Role.LEAD})
    (invitation,) = sent_emails()
    assert invitation.to == [email]

    # The first lead accepts: their account is made and they join as the lead.
    lead = Client()
    accept = link_in(invitation)
    lead.post(accept, {"full_name": name, "password": PASSWORD, "confirm_password": PASSWORD})
    assert organisation.memberships.get().role == Role.LEAD

    # The lead assesses every area, marks the assessment complete and signs it off.
    lead.post(
        reverse("assessments:start", kwargs={"slug": organisation.slug}),
        {"framework": nps.pk, "title": "Self-assessment 2026"},
    )
    assessment = organisation.assessments.get()
    answer_every_area(lead, assessment)
    area_page = lead.get(
        reverse(
            "assessments:area",
            kwargs={"slug": organisation.slug, "pk": assessment.pk, "area_key": assessment.responses.first().area.key},
        )
    ).content.decode()
    assert f"Where is your {spec['kind']} now?" in area_page
    if spec["kind"] != "council":  # the interface says "council" only where it means one
        results = lead.get(reverse("assessments:results", kwargs={"slug": organisation.slug, "pk": assessment.pk}))
        assert "your council" not in (area_page + results.content.decode()).lower()
    lead.post(reverse("assessments:check", kwargs={"slug": organisation.slug, "pk": assessment.pk}))
    lead.post(
        reverse("assessments:sign-off", kwargs={"slug": organisation.slug, "pk": assessment.pk}),
        {"signer_name": name, "signer_role": "Head of Procurement", "confirm": "on"},
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SIGNED_OFF

    # A round across England and Wales, of councils and fire and rescue authorities, invites its lead.
    round_ = round_services.create_round(
        name="Diagnostic review 2027",
        framework=nps,
        opens_on=TODAY,
        closes_on=TODAY + datetime.timedelta(days=30),
        organisation_types=["county", "welsh-principal", "fire-and-rescue"],
        nations=["england", "wales"],
        regions=["South East"],
        user=admin,
        today=TODAY,
    )
    sent_emails().clear()
    round_services.open_round(round_=round_, user=admin, today=TODAY)
    assert [m.to for m in sent_emails()] == [[email]]

    # The lead answers the round with the signed-off assessment.
    lead.post(
        reverse("benchmarks:submit", kwargs={"slug": organisation.slug, "round_id": round_.pk}),
        {"assessment": assessment.pk, "named": "yes"},
    )
    participant = Participant.objects.get(round=round_, organisation=organisation)
    assert (participant.status, participant.assessment_id) == (Participant.Status.SUBMITTED, assessment.pk)

    # The national team sees the answer, and the organisation now has a lead.
    page = national.get(reverse("directory:organisation", args=[organisation.slug])).content.decode()
    assert "Submitted “Self-assessment 2026”" in page and name in page
    page = national.get(reverse("directory:list"), {"reach": "lead"}).content.decode()
    assert elements(page, "a", text=organisation.name)
    assert Round.objects.get(pk=round_.pk).participants.filter(status=Participant.Status.SUBMITTED).count() == 1
