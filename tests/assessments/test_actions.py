"""The action plan: actions per area, progress notes, filters, overdue actions and history."""

from __future__ import annotations

import datetime

import pytest

from maturity.assessments import services
from maturity.assessments.models import Action, Change
from tests.assessments.helpers import YEAR, action_data, url
from tests.html import element, elements

AREA = "engaging-councillors"


@pytest.fixture
def action(assessment, contributor):
    area = assessment.framework.areas.get(key=AREA)
    return services.add_action(
        assessment=assessment,
        area=area,
        user=contributor,
        values={
            "title": "Train scrutiny members",
            "description": "",
            "owner_name": "Sam Owner",
            "owner_email": "",
            "due_date": datetime.date(2020, 1, 31),
            "status": "in-progress",
        },
    )


def test_a_contributor_adds_an_action_to_an_area(client, assessment, contributor):
    client.force_login(contributor)
    response = client.post(url("add-action", assessment, area_key=AREA), action_data())
    assert response.status_code == 302
    action = assessment.actions.get()
    assert (action.title, action.owner_name, action.due_date, action.area.key) == (
        "Brief the cabinet member",
        "Priya Patel",
        datetime.date(YEAR + 1, 3, 31),
        AREA,
    )
    page = client.get(url("area", assessment, area_key=AREA)).content.decode()
    assert "Brief the cabinet member" in page and "Priya Patel" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "Enter what will be done"),
        ({"owner_name": ""}, "Enter the name of the person who owns this action"),
        ({"owner_email": "priya"}, "Enter an email address in the correct format"),
        ({"due_date-day": "31", "due_date-month": "2"}, "Enter the due date as a real date"),
        ({"due_date-day": ""}, "The due date must include a day, month and year"),
        ({"status": "finished"}, "Choose one of the statuses"),
    ],
)
def test_an_invalid_action_is_explained_and_nothing_is_added(client, assessment, contributor, change, message):
    client.force_login(contributor)
    response = client.post(url("add-action", assessment, area_key=AREA), action_data(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not assessment.actions.exists()


def test_a_viewer_cannot_add_an_action(client, assessment, viewer):
    client.force_login(viewer)
    assert client.post(url("add-action", assessment, area_key=AREA), action_data()).status_code == 403
    assert not assessment.actions.exists()


def test_the_area_page_shows_what_the_next_level_looks_like(client, assessment, contributor):
    assessment.responses.filter(area__key=AREA).update(current_level=2, target_level=4)
    area = assessment.framework.areas.get(key=AREA)
    client.force_login(contributor)
    page = client.get(url("area", assessment, area_key=AREA)).content.decode()
    assert "What the next level looks like" in page and "Level 3: Mature" in page
    descriptor = area.descriptor(3)
    first = descriptor if isinstance(descriptor, str) else descriptor[0]
    assert " ".join(first.split()[:3]) in page


def test_a_progress_note_is_dated_and_kept(client, assessment, contributor, action):
    client.force_login(contributor)
    response = client.post(url("action", assessment, action_id=action.pk), {"text": "Session booked for May"})
    assert response.status_code == 302
    note = action.notes.get()
    assert note.text == "Session booked for May" and note.author == contributor
    assert note.date == datetime.date.today()
    assert "Session booked for May" in client.get(url("action", assessment, action_id=action.pk)).content.decode()


def test_updating_the_status_is_recorded_with_old_and_new_values(client, assessment, contributor, action):
    client.force_login(contributor)
    client.post(url("action", assessment, action_id=action.pk), {"status": "done", "version": str(action.version)})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    change = assessment.changes.filter(subject="action", subject_id=action.pk).first()
    assert change.fields == {"status": ["in-progress", "done"]} and change.user == contributor


def test_editing_an_action_from_a_stale_form_is_refused(client, assessment, contributor, lead, action):
    services.update_action(action=action, values={"status": "blocked"}, based_on_version=action.version, user=lead)
    client.force_login(contributor)
    response = client.post(url("edit-action", assessment, action_id=action.pk), action_data(version="0", title="Mine"))
    assert "Someone else changed this action" in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Train scrutiny members" and action.status == "blocked"


def test_removing_an_action_asks_first_then_keeps_a_record(client, assessment, contributor, action):
    client.force_login(contributor)
    assert (
        "Are you sure you want to remove"
        in client.get(url("delete-action", assessment, action_id=action.pk)).content.decode()
    )
    assert client.post(url("delete-action", assessment, action_id=action.pk)).status_code == 302
    assert not assessment.actions.exists()
    assert assessment.changes.filter(subject="action", subject_id=action.pk).first().fields["title"] == [
        "Train scrutiny members",
        None,
    ]


def test_the_action_plan_filters_by_theme_area_owner_and_status_and_marks_overdue(
    client, assessment, contributor, action
):
    other_area = assessment.framework.areas.get(key="obtaining-social-value")
    services.add_action(
        assessment=assessment,
        area=other_area,
        user=contributor,
        values={
            "title": "Social value policy",
            "description": "",
            "owner_name": "Kim Owner",
            "owner_email": "",
            "due_date": datetime.date(YEAR + 2, 1, 1),
            "status": "not-started",
        },
    )
    client.force_login(contributor)
    page = client.get(url("action-plan", assessment)).content.decode()
    assert "Train scrutiny members" in page and "Social value policy" in page
    summary = element(page, "p", text="2 actions, of which 1 overdue.")
    assert elements(summary, "strong", text="1 overdue")
    by_owner = client.get(url("action-plan", assessment), {"owner": "Kim Owner"}).content.decode()
    assert "Social value policy" in by_owner and "Train scrutiny members" not in by_owner
    by_theme = client.get(url("action-plan", assessment), {"section": other_area.section.key}).content.decode()
    assert "Social value policy" in by_theme and "Train scrutiny members" not in by_theme
    overdue = client.get(url("action-plan", assessment), {"status": "overdue"}).content.decode()
    assert "Train scrutiny members" in overdue and "Social value policy" not in overdue
    by_area = client.get(url("action-plan", assessment), {"area": AREA}).content.decode()
    assert "1 of 2 actions match the filters" in by_area


def test_the_action_plan_summarises_progress_per_theme(client, assessment, contributor, action):
    client.force_login(contributor)
    page = client.get(url("action-plan", assessment)).content.decode()
    assert "Progress by theme" in page
    for section in assessment.framework.sections.all():
        assert section.title in page


def test_an_empty_action_plan_says_where_to_add_actions(client, assessment, viewer):
    client.force_login(viewer)
    assert "No actions yet" in client.get(url("action-plan", assessment)).content.decode()


def test_each_area_shows_its_change_history(client, assessment, contributor):
    client.force_login(contributor)
    client.post(url("area", assessment, area_key=AREA), {"current_level": "2", "version": "0", "later": "1"})
    client.post(
        url("area", assessment, area_key=AREA),
        {"current_level": "3", "target_level": "4", "version": "1", "later": "1"},
    )
    changes = list(assessment.changes.filter(area__key=AREA, subject=Change.Subject.RESPONSE).order_by("at", "pk"))
    assert [c.fields.get("current_level") for c in changes] == [[None, 2], [2, 3]]
    page = client.get(url("area", assessment, area_key=AREA)).content.decode()
    history = page[page.index("Change history") :]
    assert "2 – Developing" in history and "3 – Mature" in history and contributor.full_name in history
