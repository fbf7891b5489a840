"""Rounds across England and Wales and any types of organisation; who a round emails (leads, or the
contacts of an organisation with no lead yet); the "remind those who have not responded" button."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maturity.benchmarks import selectors, services
from maturity.benchmarks.models import Participant, Round, RoundEmail
from maturity.organisations.models import Role
from maturity.organisations.services import invite_colleague
from tests.benchmarks.helpers import TODAY, make_round
from tests.factories import make_member, make_national_admin, make_organisation
from tests.html import elements
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


@pytest.fixture
def admin():
    return make_national_admin("Nia National")


@pytest.fixture
def bodies():
    return {
        "kent": make_organisation("Kent", type="county", region="South East"),
        "leeds": make_organisation("Leeds", type="metropolitan-district", region="Yorkshire and The Humber"),
        "cardiff": make_organisation("Cardiff", type="welsh-principal", nation="wales", region="Wales"),
        "fire": make_organisation("Mid and West Wales Fire", type="fire-and-rescue", nation="wales", region="Wales"),
        "kent-fire": make_organisation("Kent Fire and Rescue", type="fire-and-rescue", region="South East"),
    }


def invited(round_: Round) -> set[str]:
    return set(round_.participants.values_list("organisation__name", flat=True))


def new_round(nps, admin, **choices) -> Round:
    values = {
        "name": "Review",
        "framework": nps,
        "opens_on": TODAY,
        "closes_on": TODAY + 30 * day,
        "organisation_types": ["county", "metropolitan-district", "welsh-principal"],
        "regions": ["South East"],
        "nations": ["england", "wales"],
        "user": admin,
        "today": TODAY,
    }
    values.update(choices)
    return services.create_round(**values)


def test_a_round_covers_england_wales_or_both(nps, admin, bodies):
    assert invited(new_round(nps, admin)) == {"Kent", "Cardiff"}  # Leeds is outside the region chosen
    assert invited(new_round(nps, admin, nations=["wales"])) == {"Cardiff"}
    assert invited(new_round(nps, admin, nations=["england"], regions=["South East", "Yorkshire and The Humber"])) == {
        "Kent",
        "Leeds",
    }


def test_a_round_covers_any_types_of_organisation(nps, admin, bodies):
    assert invited(new_round(nps, admin, organisation_types=["fire-and-rescue"])) == {
        "Mid and West Wales Fire",
        "Kent Fire and Rescue",
    }
    assert invited(new_round(nps, admin, organisation_types=["fire-and-rescue"], nations=["wales"])) == {
        "Mid and West Wales Fire"
    }


def test_the_regions_offered_are_englands(bodies):
    assert selectors.english_regions(TODAY) == ["South East", "Yorkshire and The Humber"]


def test_the_new_round_form_invites_english_and_welsh_councils_by_default(client, nps, admin, bodies):
    client.force_login(admin)
    page = client.get(reverse("benchmarks:new-round")).content.decode()
    assert elements(page, "input", name="nations", type="checkbox", value="england", checked=True)
    assert elements(page, "input", name="nations", type="checkbox", value="wales", checked=True)
    assert elements(page, "input", value="welsh-principal", checked=True)
    assert not elements(page, "input", value="fire-and-rescue", checked=True)
    close = TODAY + 30 * day
    response = client.post(
        reverse("benchmarks:new-round"),
        {
            "name": "Review 2027",
            "framework": nps.pk,
            "opens_on-day": TODAY.day,
            "opens_on-month": TODAY.month,
            "opens_on-year": TODAY.year,
            "closes_on-day": close.day,
            "closes_on-month": close.month,
            "closes_on-year": close.year,
            "organisation_types": ["county", "welsh-principal"],
            "nations": ["england"],
        },
    )
    assert "Choose at least one region of England, or untick England" in response.content.decode()
    client.post(
        reverse("benchmarks:new-round"),
        {
            "name": "Review 2027",
            "framework": nps.pk,
            "opens_on-day": TODAY.day,
            "opens_on-month": TODAY.month,
            "opens_on-year": TODAY.year,
            "closes_on-day": close.day,
            "closes_on-month": close.month,
            "closes_on-year": close.year,
            "organisation_types": ["county", "welsh-principal"],
            "nations": ["wales"],
        },
    )
    round_ = Round.objects.get(name="Review 2027")
    assert (invited(round_), round_.nations) == ({"Cardiff"}, ["wales"])


def test_a_round_emails_the_contacts_of_an_organisation_with_no_lead_yet(nps, admin, bodies):
    invite_colleague(organisation=bodies["cardiff"], email="cara@cardiff.gov.wales", role=Role.LEAD, invited_by=admin)
    lead = make_member(bodies["kent"], Role.LEAD)
    round_ = make_round(nps, [bodies["kent"], bodies["cardiff"]], status=Round.Status.DRAFT)
    sent_emails().clear()
    services.open_round(round_=round_, user=admin, today=TODAY)
    assert sorted(m.to[0] for m in sent_emails()) == ["cara@cardiff.gov.wales", lead.email]


@pytest.fixture
def reminding(nps, admin, bodies):
    """An open round: Kent has a lead and has not answered, Leeds has submitted, Cardiff has only
    an invited contact, and the Welsh fire authority has nobody."""
    from tests.benchmarks.helpers import signed_off, submit

    kent_lead = make_member(bodies["kent"], Role.LEAD, "Kit Kentlead")
    leeds_lead = make_member(bodies["leeds"], Role.LEAD, "Lee Leedslead")
    invite_colleague(organisation=bodies["cardiff"], email="cara@cardiff.gov.wales", role=Role.LEAD, invited_by=admin)
    round_ = make_round(nps, [bodies["kent"], bodies["leeds"], bodies["cardiff"], bodies["fire"]], name="Review 2027")
    submit(round_, bodies["leeds"], signed_off(bodies["leeds"], nps, leeds_lead))
    RoundEmail.objects.all().delete()
    sent_emails().clear()
    return {"round": round_, "kent_lead": kent_lead}


def test_remind_those_who_have_not_responded_after_confirming(client, admin, reminding):
    round_ = reminding["round"]
    client.force_login(admin)
    page = client.get(reverse("benchmarks:round", args=[round_.pk])).content.decode()
    assert "Remind those who have not responded" in page
    url = reverse("benchmarks:remind-round", args=[round_.pk])
    assert "Remind the 3 organisations that have not responded to Review 2027?" in client.get(url).content.decode()
    assert not sent_emails()
    response = client.post(url, follow=True)
    page = response.content.decode()
    assert "reminders were emailed to those who have not responded" in page
    assert "1 organisation has no lead and no contact" in page
    reminders = sorted(m.to[0] for m in sent_emails() if "has not answered yet" in m.body)
    assert reminders == ["cara@cardiff.gov.wales", reminding["kent_lead"].email]
    # A second press the same day sends nothing new.
    sent_emails().clear()
    page = client.post(url, follow=True).content.decode()
    assert "Nobody new to remind today" in page
    assert not [m for m in sent_emails() if "has not answered yet" in m.body]


def test_the_button_does_not_stop_the_scheduled_reminders(admin, reminding):
    round_ = reminding["round"]
    services.remind_outstanding(round_=round_, user=admin, today=TODAY)
    sent_emails().clear()
    sent = services.send_reminders(today=round_.closes_on - 7 * day)
    assert sent.reminders == 2


def test_a_closed_round_has_no_reminder_button_and_refuses_one(client, admin, reminding):
    round_ = reminding["round"]
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.CLOSED)
    client.force_login(admin)
    assert (
        "Remind those who have not responded"
        not in client.get(reverse("benchmarks:round", args=[round_.pk])).content.decode()
    )
    page = client.post(reverse("benchmarks:remind-round", args=[round_.pk])).content.decode()
    assert "is not open for answers, so there is nobody to remind" in page
    assert not sent_emails()


def test_every_outstanding_organisation_answered_means_no_button(client, admin, nps, bodies):
    round_ = make_round(nps, [bodies["kent"]])
    Participant.objects.filter(round=round_).update(status=Participant.Status.DECLINED, decline_reason="resources")
    client.force_login(admin)
    assert (
        "Remind those who have not responded"
        not in client.get(reverse("benchmarks:round", args=[round_.pk])).content.decode()
    )
