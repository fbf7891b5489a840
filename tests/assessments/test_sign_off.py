"""Sign-off: submitted, signed off (read-only), reopened with a reason; carry forward; trends."""

from __future__ import annotations

import pytest

from maturity.assessments import services
from maturity.assessments.models import Assessment, Event
from tests.assessments.helpers import complete_every_area, url
from tests.html import elements, text_of


@pytest.fixture
def submitted(assessment, lead):
    complete_every_area(assessment, lead)
    return services.submit_for_sign_off(assessment=assessment, user=lead)


def test_a_lead_signs_off_with_name_and_role_and_it_becomes_read_only(client, submitted, lead):
    client.force_login(lead)
    response = client.post(
        url("sign-off", submitted), {"signer_name": "Lena Lead", "signer_role": "Head of Procurement", "confirm": "on"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SIGNED_OFF
    assert (submitted.signer_name, submitted.signer_role, submitted.signed_off_by) == (
        "Lena Lead",
        "Head of Procurement",
        lead,
    )
    page = client.get(url("task-list", submitted)).content.decode()
    assert "Signed off by Lena Lead, Head of Procurement" in text_of(page)
    assert elements(page, "strong", text="Lena Lead")
    refused = client.post(
        url("area", submitted, area_key="engaging-councillors"), {"current_level": "5", "version": "0", "later": "1"}
    )
    assert refused.status_code == 302
    assert submitted.responses.get(area__key="engaging-councillors").current_level == 2


def test_signing_off_needs_a_name_a_role_and_the_confirmation(client, submitted, lead):
    client.force_login(lead)
    page = client.post(url("sign-off", submitted), {"signer_name": "", "signer_role": ""}).content.decode()
    assert (
        "Enter your name" in page
        and "Enter your role" in page
        and "Confirm that the assessment is a fair account" in page
    )
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_only_a_lead_signs_off_or_reopens(client, submitted, contributor):
    client.force_login(contributor)
    assert (
        client.post(url("sign-off", submitted), {"signer_name": "C", "signer_role": "R", "confirm": "on"}).status_code
        == 403
    )
    assert client.post(url("reopen", submitted), {"reason": "Mistake"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_a_draft_cannot_be_signed_off(client, assessment, lead):
    client.force_login(lead)
    response = client.post(url("sign-off", assessment), {"signer_name": "L", "signer_role": "R", "confirm": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_reopening_needs_a_reason_and_records_it(client, submitted, lead):
    services.sign_off(assessment=submitted, user=lead, signer_name="Lena Lead", signer_role="Head of Procurement")
    client.force_login(lead)
    page = client.post(url("reopen", submitted), {"reason": ""}).content.decode()
    assert "Enter the reason for reopening the assessment" in page
    client.post(url("reopen", submitted), {"reason": "The cabinet asked for the social value evidence again"})
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.IN_PROGRESS and submitted.signer_name == ""
    kinds = list(submitted.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds == [Event.Kind.STARTED, Event.Kind.SUBMITTED, Event.Kind.SIGNED_OFF, Event.Kind.REOPENED]
    history = client.get(url("history", submitted)).content.decode()
    assert "The cabinet asked for the social value evidence again" in history
    assert "Signed off by Lena Lead" in history


def test_every_step_of_the_cycle_can_repeat(submitted, lead):
    services.sign_off(assessment=submitted, user=lead, signer_name="L", signer_role="R")
    services.reopen(assessment=submitted, user=lead, reason="Update")
    services.submit_for_sign_off(assessment=submitted, user=lead)
    services.sign_off(assessment=submitted, user=lead, signer_name="L", signer_role="R")
    assert submitted.events.filter(kind=Event.Kind.SIGNED_OFF).count() == 2


def test_a_new_assessment_starts_from_the_last_signed_off_one_marked_as_carried_over(
    client, submitted, lead, nps, camden
):
    services.sign_off(assessment=submitted, user=lead, signer_name="L", signer_role="R")
    client.force_login(lead)
    form = client.get(f"/organisations/{camden.slug}/assessments/start/").content.decode()
    assert f"Start from “{submitted.title}”" in form
    client.post(
        f"/organisations/{camden.slug}/assessments/start/",
        {"framework": nps.pk, "title": "2027", "carry_forward": "yes"},
    )
    new = camden.assessments.get(title="2027")
    assert new.based_on == submitted
    response = new.responses.get(area__key="engaging-councillors")
    assert (response.current_level, response.target_level, response.carried_over) == (2, 3, True)
    assert "Carried over: confirm" in client.get(url("task-list", new)).content.decode()
    with pytest.raises(services.Incomplete):
        services.submit_for_sign_off(assessment=new, user=lead)
    client.post(
        url("area", new, area_key="engaging-councillors"),
        {
            "current_level": "2",
            "target_level": "3",
            "target_year": str(response.target_year),
            "evidence": "Minutes",
            "confidence": "high",
            "version": str(response.version),
            "later": "1",
        },
    )
    response.refresh_from_db()
    assert response.carried_over is False


def test_a_new_assessment_can_start_empty_even_with_a_signed_off_one(client, submitted, lead, nps, camden):
    services.sign_off(assessment=submitted, user=lead, signer_name="L", signer_role="R")
    client.force_login(lead)
    client.post(
        f"/organisations/{camden.slug}/assessments/start/",
        {"framework": nps.pk, "title": "Fresh", "carry_forward": "no"},
    )
    assert not camden.assessments.get(title="Fresh").responses.exclude(current_level=None).exists()


def test_results_show_progress_per_area_across_assessments(client, submitted, lead, nps, camden):
    services.sign_off(assessment=submitted, user=lead, signer_name="L", signer_role="R")
    later = services.start_assessment(organisation=camden, framework=nps, title="2027", user=lead, carry_forward=True)
    later.responses.filter(area__key="engaging-councillors").update(current_level=4)
    client.force_login(lead)
    page = client.get(url("results", later)).content.decode()
    trend = page[page.index("Progress over time") : page.index("Summary by theme")]
    trend = trend[trend.index("<table") :]  # the table after the chart
    row = trend[trend.index("Engaging councillors") :]
    row = row[: row.index("</tr>")]
    assert ">2<" in row.replace(" ", "").replace("\n", "") and "+2" in row
