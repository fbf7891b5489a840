"""Actions added and changed from the action plan page, not only from an area's page."""

from __future__ import annotations

import datetime

from maturity.assessments import services
from tests.assessments.helpers import YEAR, action_data, url

AREA = "engaging-councillors"


def test_a_contributor_adds_an_action_from_the_plan_choosing_its_area(client, assessment, contributor):
    client.force_login(contributor)
    plan = client.get(url("action-plan", assessment)).content.decode()
    assert url("add-plan-action", assessment) in plan
    answer = client.post(url("add-plan-action", assessment), action_data(area=AREA))
    assert answer.status_code == 302 and answer["Location"] == url("action-plan", assessment)
    action = assessment.actions.get()
    assert (action.area.key, action.title, action.due_date) == (
        AREA,
        "Brief the cabinet member",
        datetime.date(YEAR + 1, 3, 31),
    )
    assert "Brief the cabinet member" in client.get(url("action-plan", assessment)).content.decode()


def test_an_action_without_an_area_or_with_another_frameworks_area_is_refused(client, assessment, contributor):
    client.force_login(contributor)
    for area, message in (
        ("", "Choose the area the action is in"),
        ("no-such-area", "Choose one of the areas of this assessment"),
    ):
        page = client.post(url("add-plan-action", assessment), action_data(area=area)).content.decode()
        assert message in page
    assert assessment.actions.count() == 0


def test_an_action_changed_from_the_plan_returns_to_the_plan(client, assessment, contributor):
    area = assessment.framework.areas.get(key=AREA)
    action = services.add_action(
        assessment=assessment,
        area=area,
        user=contributor,
        values={
            "title": "Train members",
            "description": "",
            "owner_name": "Sam Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    client.force_login(contributor)
    change = url("edit-action", assessment, action_id=action.pk) + "?from=plan"
    assert change.replace("&", "&amp;") in client.get(url("action-plan", assessment)).content.decode()
    answer = client.post(change, action_data(title="Train all members", version="0"))
    assert answer.status_code == 302 and answer["Location"] == url("action-plan", assessment)
    action.refresh_from_db()
    assert action.title == "Train all members"


def test_a_viewer_sees_no_add_button_and_cannot_add(client, assessment, viewer):
    client.force_login(viewer)
    assert url("add-plan-action", assessment) not in client.get(url("action-plan", assessment)).content.decode()
    assert client.post(url("add-plan-action", assessment), action_data(area=AREA)).status_code == 403
