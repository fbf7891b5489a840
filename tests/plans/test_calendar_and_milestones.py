"""Milestones of actions, and the organisation's private, revocable calendar feed."""

from __future__ import annotations

import datetime

from django.urls import reverse
from icalendar import Calendar

from maturity.assessments import services
from maturity.plans.models import CalendarFeed, Milestone
from tests.assessments.helpers import YEAR, url
from tests.html import contains_html

AREA = "engaging-councillors"


def make_action(assessment, user, **change):
    area = assessment.framework.areas.get(key=AREA)
    values = {
        "title": "Train members",
        "description": "",
        "owner_name": "Sam Owner",
        "owner_email": "",
        "due_date": datetime.date(YEAR + 1, 6, 30),
        "status": "not-started",
        **change,
    }
    return services.add_action(assessment=assessment, area=area, user=user, values=values)


def milestone_url(name, assessment, action, **kwargs):
    return reverse(
        f"plans:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "action_id": action.pk, **kwargs},
    )


def test_a_contributor_adds_a_milestone_and_marks_it_done(client, assessment, contributor):
    action = make_action(assessment, contributor)
    client.force_login(contributor)
    answer = client.post(
        milestone_url("add-milestone", assessment, action),
        {"title": "Draft to the board", "due_date-day": "31", "due_date-month": "3", "due_date-year": str(YEAR + 1)},
    )
    assert answer.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.title, milestone.due_date, milestone.done) == (
        "Draft to the board",
        datetime.date(YEAR + 1, 3, 31),
        False,
    )
    page = client.get(url("action", assessment, action_id=action.pk)).content.decode()
    assert "Draft to the board" in page and f"31 March {YEAR + 1}" in page
    client.post(milestone_url("milestone", assessment, action, milestone_id=milestone.pk), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done
    plan = client.get(url("action-plan", assessment)).content.decode()
    milestones = f"Milestones: 31 March {YEAR + 1}: Draft to the board (done)"
    assert contains_html(plan, f'<br><span class="govuk-body-s">{milestones}</span>')


def test_a_milestone_without_a_date_is_refused(client, assessment, contributor):
    action = make_action(assessment, contributor)
    client.force_login(contributor)
    page = client.post(milestone_url("add-milestone", assessment, action), {"title": "Draft"}).content.decode()
    assert "Enter the milestone" in page and Milestone.objects.count() == 0


def test_a_lead_turns_the_calendar_on_and_it_lists_what_is_due(client, assessment, lead, viewer):
    action = make_action(assessment, lead)
    make_action(assessment, lead, title="Finished", status="done")
    Milestone.objects.create(action=action, title="Draft to the board", due_date=datetime.date(YEAR + 1, 3, 31))
    client.force_login(viewer)
    assert (
        "The calendar is off."
        in client.get(reverse("plans:calendar", kwargs={"slug": assessment.organisation.slug})).content.decode()
    )
    assert client.post(reverse("plans:calendar", kwargs={"slug": assessment.organisation.slug})).status_code == 403

    client.force_login(lead)
    page = client.post(reverse("plans:calendar", kwargs={"slug": assessment.organisation.slug})).content.decode()
    address = page.split('<code id="calendar-address">')[1].split("</code>")[0]
    path = address.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    feed = client.get("/" + path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    assert set(events) == {"Action due: Train members", "Milestone: Draft to the board"}
    assert events["Action due: Train members"].decoded("DTSTART") == datetime.date(YEAR + 1, 6, 30)
    assert CalendarFeed.objects.get().token_hash != path  # only the hash is kept

    # A new address stops the old one; turning it off stops both.
    client.force_login(lead)
    client.post(reverse("plans:calendar", kwargs={"slug": assessment.organisation.slug}))
    assert client.get("/" + path).status_code == 404
    client.post(reverse("plans:calendar", kwargs={"slug": assessment.organisation.slug}), {"turn_off": "1"})
    assert CalendarFeed.objects.count() == 0


def test_an_unknown_calendar_address_is_not_found(client, db):
    assert client.get(reverse("plans:calendar-feed", kwargs={"token": "guess"})).status_code == 404
