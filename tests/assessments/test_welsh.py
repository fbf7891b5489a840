"""The assessment journey in Welsh (docs/adr/0025-cymraeg.md): no English left on its pages but the
framework's own text (marked lang="en") and what the test typed; counts in Welsh plural forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maturity.assessments import services
from maturity.assessments.models import Action, Response
from tests.assessments.helpers import YEAR, complete_every_area, url
from tests.html import contains_html, lang_of
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

TYPED = ("Cabinet report of March", "Brief the cabinet member", "Quarterly briefing", "Priya Patel")
# Texts of other parts of the product, translated in their own slices (documents, comments, and the
# error summary's title from maturity.govuk.error_summary): not this test's concern.


def welsh(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200
    page = response.content.decode()
    assert lang_of(page) == "cy"
    return page


@pytest.fixture
def answered(assessment, lead):
    """Camden's draft with one area answered and an action in it."""
    response = assessment.responses.select_related("area").order_by("area__position").first()
    Response.objects.filter(pk=response.pk).update(
        current_level=2,
        target_level=4,
        target_year=YEAR + 2,
        confidence="medium",
        evidence="Cabinet report of March",
        updated_by=lead,
    )
    Action.objects.create(
        assessment=assessment,
        area=response.area,
        title="Brief the cabinet member",
        description="Quarterly briefing",
        owner_name="Priya Patel",
        created_by=lead,
    )
    return response


@pytest.mark.parametrize("page", ["task-list", "check", "results", "action-plan", "history"])
def test_the_pages_of_an_assessment_have_no_english_left(client, assessment, lead, answered, page):
    client.force_login(lead)
    html = welsh(client, url(page, assessment))
    assert english_in(html, allow=TYPED) == []


def test_an_area_page_has_no_english_left(client, assessment, lead, answered):
    client.force_login(lead)
    html = welsh(client, url("area", assessment, area_key=answered.area.key))
    assert english_in(html, allow=TYPED) == []
    assert "Ble mae eich cyngor nawr?" in html
    assert "Y lefelau yn y maes hwn" in html


def test_an_area_saved_in_welsh_says_so_in_welsh(client, assessment, lead, answered):
    client.force_login(lead)
    data = {
        "current_level": "2",
        "target_level": "3",
        "target_year": str(YEAR + 1),
        "evidence": "Cabinet report of March",
        "evidence_links": "",
        "confidence": "high",
        "version": str(answered.version),
        "later": "1",
    }
    response = client.post(
        url("area", assessment, area_key=answered.area.key), data, HTTP_ACCEPT_LANGUAGE="cy", follow=True
    )
    page = response.content.decode()
    assert "Mae eich ateb ar gyfer" in page and "wedi’i gadw" in page
    assert english_in(page, allow=TYPED) == []


def test_an_area_with_errors_shows_them_in_welsh(client, assessment, lead, answered):
    client.force_login(lead)
    data = {
        "current_level": "4",
        "target_level": "2",
        "target_year": "1999",
        "version": str(answered.version),
        "later": "1",
    }
    page = client.post(
        url("area", assessment, area_key=answered.area.key), data, HTTP_ACCEPT_LANGUAGE="cy"
    ).content.decode()
    assert "Rhaid i’r lefel y mae eich cyngor yn anelu ati fod yr un fath â ble mae nawr neu’n uwch" in page
    assert english_in(page, allow=TYPED) == []


def test_the_pages_of_a_signed_off_assessment_have_no_english_left(client, assessment, lead):
    client.force_login(lead)
    complete_every_area(assessment, lead)
    services.submit_for_sign_off(assessment=assessment, user=lead)
    assessment.refresh_from_db()
    services.sign_off(assessment=assessment, user=lead, signer_name="Lena Lead", signer_role="Head of Procurement")
    for page in ("task-list", "check", "results"):
        assert english_in(welsh(client, url(page, assessment)), allow=("Minutes", "Head of Procurement")) == [], page


def test_the_forms_of_an_assessment_have_no_english_left(client, assessment, lead, answered):
    client.force_login(lead)
    action = assessment.actions.get()
    for path in (
        reverse("assessments:start", kwargs={"slug": assessment.organisation.slug}),
        url("add-plan-action", assessment),
        url("action", assessment, action_id=action.pk),
        url("edit-action", assessment, action_id=action.pk),
        url("delete-action", assessment, action_id=action.pk),
        url("delete", assessment),
    ):
        assert english_in(welsh(client, path), allow=TYPED) == [], path


def _completed_text(html: str) -> str:
    return re.search(r"Rydych chi wedi cwblhau [^<]*", html).group(0)


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        (0, "Rydych chi wedi cwblhau 0 o 0 maes."),
        (1, "Rydych chi wedi cwblhau 0 o 1 maes."),
        (2, "Rydych chi wedi cwblhau 0 o 2 faes."),
        (3, "Rydych chi wedi cwblhau 0 o 3 maes."),
        (6, "Rydych chi wedi cwblhau 0 o 6 maes."),
    ],
)
def test_the_count_of_areas_takes_the_welsh_plural_forms(client, assessment, lead, areas, expected):
    """Welsh has six plural forms and mutates the noun: "2 faes" (two areas)."""
    client.force_login(lead)
    keep = list(assessment.responses.order_by("area__position").values_list("pk", flat=True)[:areas])
    assessment.responses.exclude(pk__in=keep).delete()
    assert _completed_text(welsh(client, url("task-list", assessment))) == expected


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        (1, "1 cam gweithredu."),
        (2, "2 gam gweithredu."),
        (3, "3 cham gweithredu."),
        (6, "6 cham gweithredu."),
    ],
)
def test_the_count_of_actions_takes_the_welsh_plural_forms(client, assessment, lead, actions, expected):
    client.force_login(lead)
    area = assessment.responses.select_related("area").first().area
    for number in range(actions):
        Action.objects.create(assessment=assessment, area=area, title=f"Step {number}", owner_name="Priya Patel")
    assert contains_html(welsh(client, url("action-plan", assessment)), f'<p class="govuk-body">{expected}</p>')
