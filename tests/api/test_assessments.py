"""An organisation's assessments, responses and actions through the API: read with any token of
the organisation; written with a write token of a contributor or lead, in a draft, with the web
form's validation (422) and the version check of the web (409)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from maturity.assessments import services
from maturity.assessments.models import Action, Assessment, Change, Response
from tests.api.conftest import Api, assessment_path, error_code
from tests.assessments.helpers import complete_every_area

YEAR = timezone.localdate().year


@pytest.fixture
def reader(read_token):
    return Api(read_token)


@pytest.fixture
def writer(write_token):
    return Api(write_token)


def first_area(assessment):
    return assessment.responses.select_related("area").order_by("area__position").first().area


def response_path(assessment, area=None) -> str:
    return assessment_path(assessment, f"responses/{(area or first_area(assessment)).key}")


def sign_off(assessment, user):
    complete_every_area(assessment, user)
    services.submit_for_sign_off(assessment=assessment, user=user)
    return services.sign_off(assessment=assessment, user=user, signer_name="Sam Signer", signer_role="Chief Executive")


# --- Reading ----------------------------------------------------------------------------------------


def test_it_lists_the_organisations_assessments(reader, assessment, camden):
    body = reader.get(f"organisations/{camden.slug}/assessments").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == assessment.pk and item["status"] == "in-progress"
    assert item["framework"]["key"] == assessment.framework.key
    assert item["url"].endswith(f"/api/v1/organisations/{camden.slug}/assessments/{assessment.pk}")


def test_an_assessment_says_how_far_it_has_got(reader, assessment, lead):
    complete_every_area(assessment, lead)
    Response.objects.filter(pk=assessment.responses.first().pk).update(current_level=None)
    body = reader.get(assessment_path(assessment)).json()
    total = assessment.responses.count()
    assert body["areas_total"] == total and body["areas_completed"] == total - 1 and body["is_draft"] is True


def test_it_lists_every_response_in_the_frameworks_order(reader, assessment):
    body = reader.get(assessment_path(assessment, "responses") + "?page_size=100").json()
    keys = [item["area"]["key"] for item in body["items"]]
    assert keys == list(assessment.framework.areas.order_by("position").values_list("key", flat=True))
    assert body["items"][0]["status"] == "not-started" and body["items"][0]["version"] == 0


def test_an_unknown_assessment_or_area_gets_404(reader, assessment):
    assert reader.get(assessment_path(assessment).replace(str(assessment.pk), "999999")).status_code == 404
    assert reader.get(assessment_path(assessment, "responses/no-such-area")).status_code == 404


# --- Saving answers -----------------------------------------------------------------------------------


def test_a_contributor_saves_an_answer(writer, assessment, contributor):
    area = first_area(assessment)
    response = writer.patch(
        response_path(assessment),
        {
            "version": 0,
            "current_level": 2,
            "target_level": 4,
            "target_year": YEAR + 2,
            "evidence": "  Procurement board minutes  ",
            "evidence_links": ["https://camden.example/minutes"],
            "confidence": "high",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1 and body["status"] == "completed" and body["evidence"] == "Procurement board minutes"
    assert body["updated_by"] == contributor.full_name
    saved = assessment.responses.get(area=area)
    assert (saved.current_level, saved.target_level, saved.evidence_links) == (2, 4, ["https://camden.example/minutes"])
    change = Change.objects.get(subject="response")
    assert change.user == contributor and change.fields["current_level"] == [None, 2]


def test_only_the_fields_sent_change(writer, assessment, lead):
    complete_every_area(assessment, lead)
    body = writer.patch(response_path(assessment), {"version": 0, "target_level": 5}).json()
    assert (body["current_level"], body["target_level"], body["confidence"], body["evidence"]) == (
        2,
        5,
        "high",
        "Minutes",
    )


def test_null_clears_a_field(writer, assessment, lead):
    complete_every_area(assessment, lead)
    body = writer.patch(response_path(assessment), {"version": 0, "target_year": None, "confidence": None}).json()
    assert body["target_year"] is None and body["confidence"] is None and body["status"] == "in-progress"


def test_a_stale_version_gets_409_with_the_saved_answer(writer, assessment, lead):
    response = assessment.responses.get(area=first_area(assessment))
    services.save_response(
        response=response,
        answer={
            "current_level": 3,
            "target_level": 4,
            "target_year": YEAR + 1,
            "evidence": "Lena's",
            "evidence_links": [],
            "confidence": "low",
        },
        based_on_version=0,
        user=lead,
    )
    refused = writer.patch(response_path(assessment), {"version": 0, "current_level": 1})
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "stale_version"
    assert error["current"]["current_level"] == 3 and error["current"]["version"] == 1
    assert error["current"]["updated_by"] == lead.full_name
    assert assessment.responses.get(area=first_area(assessment)).current_level == 3
    accepted = writer.patch(response_path(assessment), {"version": 1, "current_level": 1})
    assert accepted.status_code == 200 and accepted.json()["version"] == 2


@pytest.mark.parametrize(
    "answer, field, message",
    [
        ({"current_level": 4, "target_level": 2}, "target_level", "same as or higher than"),
        ({"current_level": 9}, "current_level", "Choose one of the levels"),
        ({"target_year": 1999}, "target_year", "Enter a year between"),
        ({"evidence_links": ["not a link"]}, "evidence_links", "is not a web address"),
        ({"evidence_links": [f"https://example.org/{n}" for n in range(21)]}, "evidence_links", "20 links or fewer"),
        ({"evidence": "x" * 10_001}, "evidence", "10,000 characters or fewer"),
    ],
)
def test_an_answer_is_validated_as_on_the_web_form(writer, assessment, answer, field, message):
    response = writer.patch(response_path(assessment), {"version": 0, **answer})
    assert response.status_code == 422 and error_code(response) == "validation_failed"
    assert any(message in text for text in response.json()["error"]["fields"][field]), response.json()
    assert assessment.responses.get(area=first_area(assessment)).version == 0


@pytest.mark.parametrize(
    "body, field",
    [
        ({"current_level": 2}, "version"),
        ({"version": "one"}, "version"),
        ({"version": 0, "current_level": "2"}, "current_level"),
        ({"version": 0, "confidence": "certain"}, "confidence"),
        ({"version": 0, "colour": "blue"}, "colour"),
        ({"version": 0, "evidence": "nul \u0000 character"}, "evidence"),
    ],
)
def test_a_body_of_the_wrong_shape_gets_422_with_its_fields(writer, assessment, body, field):
    response = writer.patch(response_path(assessment), body)
    assert response.status_code == 422 and field in response.json()["error"]["fields"], response.json()


def test_a_body_that_is_not_json_gets_400(writer, assessment):
    response = writer.patch(response_path(assessment), raw="{not json")
    assert response.status_code == 400 and error_code(response) == "bad_request"


def test_answers_of_an_assessment_that_is_not_a_draft_cannot_change(writer, assessment, lead):
    sign_off(assessment, lead)
    response = writer.patch(response_path(assessment), {"version": 0, "current_level": 1})
    assert response.status_code == 409 and error_code(response) == "assessment_not_draft"


# --- Actions -------------------------------------------------------------------------------------


def action_body(assessment, **change):
    body = {
        "area_key": first_area(assessment).key,
        "title": "Brief the cabinet member",
        "owner_name": "Priya Patel",
        "owner_email": "priya@camden.example",
        "due_date": f"{YEAR + 1}-03-31",
    }
    body.update(change)
    return body


def test_a_contributor_adds_an_action(writer, assessment, contributor):
    response = writer.post(assessment_path(assessment, "actions"), action_body(assessment))
    assert response.status_code == 201, response.content
    action = Action.objects.get()
    assert response["Location"] == response.json()["url"] and response.json()["id"] == action.pk
    assert (action.title, action.due_date, action.status, action.created_by) == (
        "Brief the cabinet member",
        datetime.date(YEAR + 1, 3, 31),
        "not-started",
        contributor,
    )


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"owner_name": ""}, "owner_name"),
        ({"owner_email": "not an email"}, "owner_email"),
        ({"area_key": "no-such-area"}, "area_key"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_an_action_is_validated_as_on_the_web_form(writer, assessment, change, field):
    response = writer.post(assessment_path(assessment, "actions"), action_body(assessment, **change))
    assert response.status_code == 422 and field in response.json()["error"]["fields"], response.json()
    assert not Action.objects.exists()


def test_an_action_is_changed_with_its_version(writer, assessment, contributor):
    created = writer.post(assessment_path(assessment, "actions"), action_body(assessment)).json()
    path = assessment_path(assessment, f"actions/{created['id']}")
    changed = writer.patch(path, {"version": 0, "status": "in-progress", "owner_name": "Sam Smith"})
    assert changed.status_code == 200 and changed.json()["status"] == "in-progress"
    assert changed.json()["owner_name"] == "Sam Smith" and changed.json()["title"] == "Brief the cabinet member"
    stale = writer.patch(path, {"version": 0, "status": "done"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    assert stale.json()["error"]["current"]["status"] == "in-progress"


def test_after_sign_off_only_an_actions_status_changes(writer, assessment, lead, contributor):
    action = services.add_action(
        assessment=assessment,
        area=first_area(assessment),
        user=lead,
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    sign_off(assessment, lead)
    path = assessment_path(assessment, f"actions/{action.pk}")
    assert writer.patch(path, {"version": 0, "status": "done"}).status_code == 200
    refused = writer.patch(path, {"version": 1, "title": "Something else"})
    assert refused.status_code == 409 and error_code(refused) == "assessment_not_draft"
    assert writer.post(assessment_path(assessment, "actions"), action_body(assessment)).status_code == 409
    assert writer.delete(path).status_code == 409
    assert Action.objects.get().title == "Brief cabinet"


def test_an_action_is_removed(writer, assessment):
    created = writer.post(assessment_path(assessment, "actions"), action_body(assessment)).json()
    path = assessment_path(assessment, f"actions/{created['id']}")
    assert writer.delete(path).status_code == 204
    assert writer.get(path).status_code == 404 and not Action.objects.exists()


def test_a_read_token_cannot_change_actions(reader, assessment):
    assert reader.post(assessment_path(assessment, "actions"), action_body(assessment)).status_code == 403


def test_actions_are_listed_by_area(reader, writer, assessment):
    areas = list(assessment.framework.areas.order_by("position")[:2])
    writer.post(assessment_path(assessment, "actions"), action_body(assessment, area_key=areas[1].key, title="Second"))
    writer.post(assessment_path(assessment, "actions"), action_body(assessment, area_key=areas[0].key, title="First"))
    body = reader.get(assessment_path(assessment, "actions")).json()
    assert [item["title"] for item in body["items"]] == ["First", "Second"] and body["count"] == 2


def test_an_action_of_another_assessment_is_not_found(writer, assessment, lead, nps, camden):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)  # one draft at a time
    other = services.start_assessment(organisation=camden, framework=nps, title="Another", user=lead)
    action = services.add_action(
        assessment=other,
        area=first_area(other),
        user=lead,
        values={
            "title": "Elsewhere",
            "description": "",
            "owner_name": "Ann",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    assert writer.get(assessment_path(assessment, f"actions/{action.pk}")).status_code == 404
    assert writer.delete(assessment_path(assessment, f"actions/{action.pk}")).status_code == 404
    assert Assessment.objects.count() == 2 and Action.objects.filter(pk=action.pk).exists()


def test_a_carried_over_answer_has_the_status_the_task_list_shows(reader, client, assessment, lead):
    """One vocabulary for the web and the API (issue 15): a complete answer carried over from the
    last signed-off assessment is "carried-over" (the task list's "Carried over: confirm") until
    someone saves it, and does not count as completed."""
    from maturity import scoring

    complete_every_area(assessment, lead)
    area = first_area(assessment)
    Response.objects.filter(assessment=assessment, area=area).update(carried_over=True)
    body = reader.get(response_path(assessment)).json()
    assert (body["status"], body["carried_over"]) == ("carried-over", True)
    detail = reader.get(assessment_path(assessment)).json()
    assert detail["areas_completed"] == detail["areas_total"] - 1
    client.force_login(lead)
    page = client.get(f"/organisations/{assessment.organisation.slug}/assessments/{assessment.pk}/").content.decode()
    assert scoring.STATUS_LABELS[body["status"]] == "Carried over: confirm" and "Carried over: confirm" in page
