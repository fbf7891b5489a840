"""The rough edges of a council's first hour with an assessment (issue 15): what a save, a refusal
and a "Change" link do, areas that do not apply, and the area page's descriptors."""

from __future__ import annotations

import re

from maturity.assessments import services
from maturity.assessments.models import Assessment, Response
from maturity.frameworks.models import Area
from maturity.text import blocks_html
from tests.assessments.helpers import YEAR, url
from tests.factories import make_organisation
from tests.html import elements


def answer(version=0, **extra):
    data = {
        "current_level": "2",
        "target_level": "4",
        "target_year": str(YEAR + 2),
        "evidence": "Cabinet report.",
        "evidence_links": "",
        "confidence": "medium",
        "version": str(version),
        "continue": "1",
    }
    data.update(extra)
    return data


def banners(page: str) -> list[tuple[str, str]]:
    """(kind, text) of each notification banner: kind is "success" or "important"."""
    found = re.findall(
        r'<div class="govuk-notification-banner( govuk-notification-banner--success)?".*?'
        r'<(?:p|h3) class="govuk-notification-banner__heading">\s*(.*?)\s*</(?:p|h3)>',
        page,
        re.S,
    )
    return [("success" if success else "important", re.sub(r"\s+", " ", text)) for success, text in found]


def first_area(assessment) -> Area:
    return assessment.responses.select_related("area").order_by("area__position").first().area


def test_an_empty_save_says_nothing_was_saved_and_changes_nothing(client, assessment, lead):
    client.force_login(lead)
    area = first_area(assessment)
    empty = {"version": "0", "continue": "1"}
    page = client.post(url("area", assessment, area_key=area.key), empty, follow=True).content.decode()
    assert banners(page) == [("important", f"Nothing was saved: you did not answer any question for {area.label}.")]
    response = assessment.responses.get(area=area)
    assert response.version == 0 and response.updated_by is None
    assert not assessment.changes.exists()


def test_saving_the_same_answer_again_says_nothing_was_saved(client, assessment, lead):
    client.force_login(lead)
    area = first_area(assessment)
    client.post(url("area", assessment, area_key=area.key), answer(), follow=True)
    page = client.post(url("area", assessment, area_key=area.key), answer(version=1), follow=True).content.decode()
    assert banners(page) == [("important", f"Nothing was saved: your answer for {area.label} is the same as before.")]
    assert assessment.changes.count() == 1


def test_saving_a_carried_over_answer_unchanged_confirms_it(client, assessment, lead):
    client.force_login(lead)
    area = first_area(assessment)
    Response.objects.filter(assessment=assessment, area=area).update(
        current_level=2,
        target_level=4,
        target_year=YEAR + 2,
        evidence="Cabinet report.",
        confidence="medium",
        carried_over=True,
    )
    page = client.post(url("area", assessment, area_key=area.key), answer(), follow=True).content.decode()
    assert banners(page) == [("success", f"Your answer for {area.label} has been saved.")]
    assert not assessment.responses.get(area=area).carried_over


def test_a_refusal_is_shown_in_the_important_banner_not_the_success_one(client, assessment, lead):
    client.force_login(lead)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SIGNED_OFF)
    area = first_area(assessment)
    page = client.post(url("area", assessment, area_key=area.key), answer(), follow=True).content.decode()
    assert banners(page) == [
        ("important", "This assessment is not a draft, so its answers cannot change. A lead can reopen it.")
    ]
    assert elements(page, role="alert")


def test_change_on_check_your_answers_comes_back_to_check_your_answers(client, assessment, lead):
    client.force_login(lead)
    responses = list(assessment.responses.select_related("area").order_by("area__position"))
    area = responses[0].area
    check = client.get(url("check", assessment)).content.decode()
    change_url = url("area", assessment, area_key=area.key) + "?return=check"
    assert elements(check, "a", href=change_url)
    assert f"the level it aims for in {area.label}" in check and "for for" not in check

    form = client.get(change_url).content.decode()
    assert elements(form, "input", name="return", value="check") and "Save and return to check your answers" in form
    assert elements(form, "a", href=f"{url('check', assessment)}#area-{area.key}")  # the back link

    saved = client.post(url("area", assessment, area_key=area.key), answer(**{"return": "check"}))
    assert saved["Location"] == f"{url('check', assessment)}#area-{area.key}"
    # Without it, "Save and continue" still moves on to the next area.
    onward = client.post(url("area", assessment, area_key=responses[1].area.key), answer())
    assert onward["Location"] == url("area", assessment, area_key=responses[2].area.key)


def test_the_area_page_prints_each_descriptor_once(client, assessment, lead):
    client.force_login(lead)
    area = first_area(assessment)  # not answered yet, so no "next level" either
    page = client.get(url("area", assessment, area_key=area.key)).content.decode()
    assert "The levels in this area" in page
    for descriptor in area.descriptors:
        assert page.count(str(blocks_html(descriptor["descriptor"], "govuk-body-s govuk-!-margin-bottom-1"))) == 1


def test_areas_that_do_not_apply_are_named_on_the_task_list(client, nps, lead):
    district = make_organisation("Sevenoaks", type="district")
    from maturity.organisations.models import Role
    from tests.factories import make_member

    district_lead = make_member(district, Role.LEAD, "Dana District")
    area = nps.areas.order_by("position").last()
    area.not_applicable_to = ["district"]
    area.save()
    assessment = services.start_assessment(
        organisation=district, framework=nps, title="Self-assessment", user=district_lead
    )
    client.force_login(district_lead)
    page = client.get(url("task-list", assessment)).content.decode()
    assert f"1 area of {nps.title} does not apply to Sevenoaks" in page.replace("&#39;", "'")
    assert area.label in page
    assert f"You have completed 0 of {nps.areas.count() - 1} areas" in page
