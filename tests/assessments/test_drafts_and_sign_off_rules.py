"""One draft per organisation and framework, deleting a draft (confirmed, recorded), separation of
duties at sign-off, and the meeting that agreed a sign-off (issue 15)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from maturity.assessments import services
from maturity.assessments.models import Assessment
from maturity.audit.models import AuditEvent
from maturity.organisations.models import Role
from maturity.reports.pdf import sign_off_details
from tests.assessments.helpers import complete_every_area, url
from tests.factories import make_member
from tests.html import element

SIGNER = {"signer_name": "Lena Lead", "signer_role": "Head of Procurement", "confirm": "on"}


@pytest.fixture
def submitted(assessment, lead):
    complete_every_area(assessment, lead)
    return services.submit_for_sign_off(assessment=assessment, user=lead)


@pytest.fixture
def second_lead(camden):
    return make_member(camden, Role.LEAD, "Sasha Second")


# --- One draft at a time -----------------------------------------------------------------------


def test_a_second_draft_on_the_same_framework_is_refused_and_the_first_is_offered(
    client, assessment, lead, nps, camden
):
    client.force_login(lead)
    page = client.get(reverse("assessments:start", kwargs={"slug": camden.slug})).content.decode()
    assert f"Continue “{assessment.title}”" in page
    default = element(page, "input", name="title").get("value")
    assert default.startswith("Self-assessment ") and default != assessment.title  # a distinct default name
    refused = client.post(
        reverse("assessments:start", kwargs={"slug": camden.slug}), {"framework": nps.pk, "title": "Another"}
    )
    assert refused.status_code == 200
    assert f"already has a draft assessment on this framework, “{assessment.title}”" in refused.content.decode()
    assert camden.assessments.count() == 1


def test_the_default_name_is_distinct_from_every_earlier_assessment(camden, lead, nps):
    year = timezone.localdate().year
    assert services.default_title(camden, year) == f"Self-assessment {year}"
    services.start_assessment(organisation=camden, framework=nps, title=f"Self-assessment {year}", user=lead)
    assert services.default_title(camden, year) == f"Self-assessment {year} (2)"


def test_a_new_draft_can_start_once_the_last_one_is_submitted(submitted, camden, lead, nps):
    assert services.start_assessment(organisation=camden, framework=nps, title="Next", user=lead).is_editable


# --- Deleting a draft --------------------------------------------------------------------------


def test_a_lead_deletes_a_draft_after_confirming_and_it_is_recorded(client, assessment, lead, camden):
    client.force_login(lead)
    confirm = client.get(url("delete", assessment)).content.decode()
    assert f"Delete the draft “{assessment.title}”?" in confirm and "You cannot undo this." in confirm
    assert Assessment.objects.filter(pk=assessment.pk).exists()  # nothing happens on GET
    response = client.post(url("delete", assessment))
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    event = AuditEvent.objects.get(kind="assessment-deleted")
    assert (event.actor, event.organisation, event.subject) == (lead, camden, assessment.title)
    log = client.get(reverse("audit:organisation", kwargs={"slug": camden.slug})).content.decode()
    assert "Draft assessment deleted" in log


def test_only_a_lead_deletes_and_only_a_draft(client, submitted, contributor, lead):
    client.force_login(contributor)
    assert client.post(url("delete", submitted)).status_code == 403
    client.force_login(lead)
    page = client.post(url("delete", submitted), follow=True).content.decode()
    assert "Only a draft can be deleted" in page
    assert Assessment.objects.filter(pk=submitted.pk).exists()
    assert not AuditEvent.objects.filter(kind="assessment-deleted").exists()


# --- Separation of duties ----------------------------------------------------------------------


def test_an_organisation_can_require_another_lead_to_sign_off(client, submitted, lead, second_lead, camden):
    client.force_login(lead)
    client.post(reverse("organisations:sign-off-rule", kwargs={"slug": camden.slug}), {"rule": "another"})
    camden.refresh_from_db()
    assert camden.sign_off_by_another_lead
    assert AuditEvent.objects.filter(kind="sign-off-rule-changed", organisation=camden).exists()

    task_list = client.get(url("task-list", submitted)).content.decode()
    assert "requires another lead to sign it off, as you submitted it" in task_list
    refused = client.post(url("sign-off", submitted), SIGNER, follow=True).content.decode()
    assert "requires another lead to sign off an assessment: you submitted this one" in refused
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED

    client.force_login(second_lead)
    client.post(url("sign-off", submitted), {**SIGNER, "signer_name": "Sasha Second"})
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SIGNED_OFF and submitted.signed_off_by == second_lead


def test_without_the_rule_the_submitter_may_sign_off(client, submitted, lead):
    client.force_login(lead)
    client.post(url("sign-off", submitted), SIGNER)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SIGNED_OFF


def test_only_a_lead_changes_the_sign_off_rule(client, contributor, camden):
    client.force_login(contributor)
    assert (
        client.post(
            reverse("organisations:sign-off-rule", kwargs={"slug": camden.slug}), {"rule": "another"}
        ).status_code
        == 403
    )
    camden.refresh_from_db()
    assert not camden.sign_off_by_another_lead


# --- The meeting that agreed the sign-off ------------------------------------------------------


def meeting(day: datetime.date, **extra):
    return {
        **SIGNER,
        "meeting_kind": "committee",
        "meeting_name": "Audit and Governance Committee",
        "meeting_date-day": str(day.day),
        "meeting_date-month": str(day.month),
        "meeting_date-year": str(day.year),
        "minute_reference": "Minute 42/26",
        **extra,
    }


def test_sign_off_records_the_meeting_and_the_report_shows_it(client, submitted, lead):
    client.force_login(lead)
    day = timezone.localdate() - datetime.timedelta(days=3)
    client.post(url("sign-off", submitted), meeting(day))
    submitted.refresh_from_db()
    assert (submitted.meeting_kind, submitted.meeting_date, submitted.minute_reference) == (
        "committee",
        day,
        "Minute 42/26",
    )
    from maturity.words import date_uk

    expected = f"Audit and Governance Committee on {date_uk(day)}, minute reference Minute 42/26"
    assert sign_off_details(submitted)["meeting"] == expected
    assert expected in submitted.events.get(kind="signed-off").note
    assert "agreed by Audit and Governance Committee" in client.get(url("task-list", submitted)).content.decode()


def test_a_meeting_needs_its_date_and_minute_reference_and_no_future_date(client, submitted, lead):
    client.force_login(lead)
    page = client.post(url("sign-off", submitted), {**SIGNER, "meeting_kind": "cabinet"}).content.decode()
    assert "Enter the date of the meeting" in page and "Enter the minute reference" in page
    future = client.post(
        url("sign-off", submitted), meeting(timezone.localdate() + datetime.timedelta(days=1))
    ).content.decode()
    assert "The date of the meeting must be today or in the past" in future
    stray = client.post(
        url("sign-off", submitted), {**SIGNER, "meeting_kind": "none", "minute_reference": "12"}
    ).content.decode()
    assert "Choose a committee or cabinet for the meeting" in stray
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_reopening_clears_the_meeting(client, submitted, lead):
    client.force_login(lead)
    client.post(url("sign-off", submitted), meeting(timezone.localdate()))
    services.reopen(assessment=submitted, user=lead, reason="New evidence")
    submitted.refresh_from_db()
    assert (submitted.meeting_kind, submitted.meeting_date, submitted.minute_reference) == ("", None, "")
