"""The assessment journey through Django's test client, as a council's people meet it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maturity.assessments.models import Assessment, Response
from tests.html import contains_html, elements, has_script, text_of, title_of

YEAR = timezone.localdate().year


def area_url(assessment, key):
    return reverse(
        "assessments:area", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": key}
    )


def full_answer(version=0, current=2, target=4, **extra):
    data = {
        "current_level": str(current),
        "target_level": str(target),
        "target_year": str(YEAR + 2),
        "evidence": "Cabinet report of March, procurement strategy 2024.",
        "evidence_links": "https://example.gov.uk/strategy.pdf",
        "confidence": "medium",
        "version": str(version),
        "continue": "1",
    }
    data.update(extra)
    return data


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_lead_starts_an_assessment_with_every_area_to_do(client, nps, camden, lead):
    signed_in(client, lead)
    response = client.post(
        reverse("assessments:start", kwargs={"slug": camden.slug}),
        {"framework": nps.pk, "title": "Self-assessment 2026"},
    )
    assessment = camden.assessments.get()
    assert response.status_code == 302
    assert assessment.responses.count() == nps.areas.count() == 14
    page = client.get(response["Location"]).content.decode()
    assert "You have completed 0 of 14 areas" in page
    for area in nps.areas.all():
        assert area.label in page


def test_the_task_list_groups_key_areas_by_theme_then_the_enablers(client, assessment, lead):
    page = (
        signed_in(client, lead)
        .get(reverse("assessments:task-list", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk}))
        .content.decode()
    )
    sections = [section.title for section in assessment.framework.sections.order_by("position")]
    positions = [page.index(f">{title} <") for title in sections]
    assert positions == sorted(positions)
    assert assessment.framework.sections.order_by("position").last().kind == "enablers"


def test_a_contributor_cannot_start_an_assessment(client, nps, camden, contributor):
    response = signed_in(client, contributor).post(
        reverse("assessments:start", kwargs={"slug": camden.slug}), {"framework": nps.pk, "title": "Mine"}
    )
    assert response.status_code == 403
    assert not camden.assessments.exists()


def test_the_area_page_asks_both_questions_with_the_descriptors_as_hints(client, assessment, contributor):
    page = signed_in(client, contributor).get(area_url(assessment, "engaging-councillors")).content.decode()
    assert "Where is your council now?" in page
    assert "What level does your council aim for?" in page
    area = assessment.framework.areas.get(key="engaging-councillors")
    first = area.descriptors[0]["descriptor"]
    first = first if isinstance(first, str) else first[0]
    assert first.replace("’", "&#39;")[:40] in page.replace("’", "&#39;") or first[:40] in page
    for level in assessment.framework.levels:
        assert level["name"] in page


def test_a_contributor_saves_an_area_and_it_counts_as_completed(client, assessment, contributor):
    response = signed_in(client, contributor).post(area_url(assessment, "engaging-councillors"), full_answer())
    assert response.status_code == 302
    assert response["Location"] == area_url(assessment, "engaging-senior-managers")  # save and continue
    saved = assessment.responses.get(area__key="engaging-councillors")
    assert (saved.current_level, saved.target_level, saved.target_year, saved.confidence) == (2, 4, YEAR + 2, "medium")
    assert saved.evidence_links == ["https://example.gov.uk/strategy.pdf"]
    assert saved.updated_by == contributor
    assert saved.version == 1
    page = client.get(
        reverse("assessments:task-list", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    ).content.decode()
    assert "You have completed 1 of 14 areas" in page


def test_a_partial_answer_is_kept_and_the_area_is_in_progress(client, assessment, contributor):
    response = signed_in(client, contributor).post(
        area_url(assessment, "working-with-partners"), {"current_level": "3", "version": "0", "later": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/assessments/{assessment.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "In progress" in page
    assert assessment.responses.get(area__key="working-with-partners").current_level == 3


@pytest.mark.parametrize(
    "change, message",
    [
        ({"current_level": "9"}, "Choose one of the levels for where your council is now"),
        ({"target_year": "20x8"}, "Enter the year as 4 digits"),
        ({"target_year": str(YEAR - 1)}, f"Enter a year between {YEAR} and {YEAR + 10}"),
        ({"current_level": "4", "target_level": "2"}, "must be the same as or higher than where it is now"),
        ({"evidence_links": "not a link"}, "Link 1 is not a web address"),
        ({"confidence": "certain"}, "Choose low, medium or high confidence"),
    ],
)
def test_an_invalid_answer_is_explained_and_nothing_is_saved(client, assessment, contributor, change, message):
    response = signed_in(client, contributor).post(area_url(assessment, "engaging-councillors"), full_answer(**change))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "govuk-error-summary" in page
    assert message in page
    assert title_of(page).startswith("Error:")
    saved = assessment.responses.get(area__key="engaging-councillors")
    assert saved.version == 0 and saved.current_level is None


def test_the_later_of_two_saves_is_refused_with_both_answers_shown(client, assessment, lead, contributor):
    url = area_url(assessment, "engaging-councillors")
    signed_in(client, lead).post(url, full_answer(version=0, current=2, evidence="Lead's evidence"))
    client.logout()
    response = signed_in(client, contributor).post(
        url, full_answer(version=0, current=3, evidence="Contributor's evidence")
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "saved this area while you were editing it" in page
    assert "Lead's evidence" in text_of(page) and "Contributor's evidence" in text_of(page)
    saved = assessment.responses.get(area__key="engaging-councillors")
    assert saved.current_level == 2 and saved.evidence == "Lead's evidence"
    # Saving again from the refreshed form is a deliberate replacement.
    again = client.post(url, full_answer(version=saved.version, current=3, evidence="Contributor's evidence"))
    assert again.status_code == 302
    assert assessment.responses.get(area__key="engaging-councillors").current_level == 3


def test_a_viewer_sees_answers_but_cannot_change_them(client, assessment, viewer):
    signed_in(client, viewer)
    page = client.get(area_url(assessment, "engaging-councillors")).content.decode()
    assert "Your council's answer" in page and not elements(page, "form", method="post", novalidate=True)
    response = client.post(area_url(assessment, "engaging-councillors"), full_answer())
    assert response.status_code == 403
    assert assessment.responses.get(area__key="engaging-councillors").version == 0


def complete_every_area(assessment, user):
    for response in assessment.responses.all():
        Response.objects.filter(pk=response.pk).update(
            current_level=2,
            target_level=3,
            target_year=YEAR + 1,
            confidence="high",
            evidence="Minutes",
            updated_by=user,
        )


def test_an_assessment_cannot_be_marked_complete_with_areas_left(client, assessment, lead):
    response = signed_in(client, lead).post(
        reverse("assessments:check", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Complete Engaging councillors before marking the assessment complete" in page
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_a_lead_marks_a_finished_assessment_complete_and_it_becomes_read_only(client, assessment, lead):
    complete_every_area(assessment, lead)
    signed_in(client, lead)
    check_url = reverse("assessments:check", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    assert "Mark as complete" in client.get(check_url).content.decode()
    response = client.post(check_url)
    assert response.status_code == 302
    assert "awaits sign-off" in client.get(response["Location"]).content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.submitted_by == lead
    refused = client.post(area_url(assessment, "engaging-councillors"), full_answer(version=0, current=5, target=5))
    assert refused.status_code == 302
    assert assessment.responses.get(area__key="engaging-councillors").current_level == 2


def test_a_contributor_cannot_mark_the_assessment_complete(client, assessment, contributor):
    complete_every_area(assessment, contributor)
    response = signed_in(client, contributor).post(
        reverse("assessments:check", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_results_rank_areas_by_gap_and_draw_the_chart_with_its_table(client, assessment, lead):
    complete_every_area(assessment, lead)
    assessment.responses.filter(area__key="obtaining-social-value").update(current_level=1, target_level=5)
    assessment.responses.filter(area__key="engaging-councillors").update(current_level=3, target_level=3)
    page = (
        signed_in(client, lead)
        .get(reverse("assessments:results", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk}))
        .content.decode()
    )
    ranked = page[page.index("Where the gaps are widest") : page.index("Current and target levels")]
    assert ranked.index("Obtaining social value") < ranked.index("Engaging senior managers")
    assert "Engaging councillors" not in ranked  # at target: no gap to rank
    assert "4 levels" in ranked
    assert elements(page, "svg", role="img", aria_labelledby="radar-title radar-desc")
    assert elements(page, "title", id="radar-title") and elements(page, "desc", id="radar-desc")
    assert "1 – Minimum" in page and "5 – Innovator" in page and "At target" in page
    assert "Summary by theme" in page
    area_url_ = area_url(assessment, "obtaining-social-value")
    assert contains_html(page, f'<a class="govuk-link" href="{area_url_}">Obtaining social value</a>')


def test_sign_in_is_required_for_every_assessment_page(client, assessment):
    response = client.get(
        reverse("assessments:task-list", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    )
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_user_text_is_escaped(client, assessment, contributor):
    signed_in(client, contributor).post(
        area_url(assessment, "engaging-councillors"), full_answer(evidence="<script>alert(1)</script>", later="1")
    )
    page = client.get(
        reverse("assessments:check", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk})
    ).content.decode()
    assert not has_script(page, "alert(1)")  # no script element runs it
    assert "<script>alert(1)</script>" in text_of(page)  # shown as the characters typed


def test_forms_refuse_a_post_without_a_csrf_token(assessment, contributor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor)
    response = client.post(area_url(assessment, "engaging-councillors"), full_answer())
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "Your form could not be sent" in response.content.decode()
    assert assessment.responses.get(area__key="engaging-councillors").version == 0


def test_a_saved_target_year_that_has_since_passed_is_kept_when_the_rest_of_the_answer_changes(
    client, assessment, contributor
):
    """One rule for the web form, the API and the workbook (ResponseForm's `saved`)."""
    response = assessment.responses.get(area__key="engaging-councillors")
    Response.objects.filter(pk=response.pk).update(target_year=YEAR - 2)
    signed_in(client, contributor)
    saved = client.post(
        area_url(assessment, "engaging-councillors"), full_answer(evidence="New minutes", target_year=str(YEAR - 2))
    )
    assert saved.status_code == 302
    response.refresh_from_db()
    assert (response.target_year, response.evidence) == (YEAR - 2, "New minutes")
    refused = client.post(
        area_url(assessment, "engaging-councillors"), full_answer(version=response.version, target_year=str(YEAR - 1))
    )
    assert f"Enter a year between {YEAR} and {YEAR + 10}" in refused.content.decode()
