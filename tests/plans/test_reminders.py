"""Reminders that keep the plan moving: owners a week before an action is due and when it becomes
overdue (once each), the leads' weekly summary, and each person's choice to turn them off."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from maturity.assessments import services
from maturity.jobs import services as job_services
from maturity.plans import reminders
from maturity.plans.models import Preferences
from tests.jobs.support import sent_emails

MONDAY = datetime.date(2026, 11, 30)
AREA = "engaging-councillors"


def action(
    assessment, user, *, due, owner_email="sam.owner@example.gov.uk", status="not-started", title="Train members"
):
    area = assessment.framework.areas.get(key=AREA)
    return services.add_action(
        assessment=assessment,
        area=area,
        user=user,
        values={
            "title": title,
            "description": "",
            "owner_name": "Sam Owner",
            "owner_email": owner_email,
            "due_date": due,
            "status": status,
        },
    )


def test_an_owner_is_reminded_a_week_before_and_when_overdue_once_each(assessment, lead):
    today = MONDAY
    action(assessment, lead, due=today + datetime.timedelta(days=7))
    action(assessment, lead, due=today + datetime.timedelta(days=8), title="Not yet")
    action(assessment, lead, due=today + datetime.timedelta(days=3), status="done", title="Already done")
    action(assessment, lead, due=today + datetime.timedelta(days=3), owner_email="", title="Nobody to tell")
    assert reminders.send_action_reminders(today=today) == 1
    (email,) = sent_emails()
    assert email.to == ["sam.owner@example.gov.uk"] and email.subject == "Action due in 7 days: Train members"
    assert "/actions/" in email.body and "/accounts/profile/emails/" in email.body
    assert reminders.send_action_reminders(today=today) == 0  # once
    assert (
        reminders.send_action_reminders(today=today + datetime.timedelta(days=1)) == 1
    )  # "Not yet" is due in 7 days now

    sent_emails().clear()
    assert reminders.send_action_reminders(today=today + datetime.timedelta(days=8)) == 1
    (overdue,) = sent_emails()
    assert overdue.subject == "Action overdue: Train members"
    assert reminders.send_action_reminders(today=today + datetime.timedelta(days=9)) == 1  # "Not yet", overdue now
    assert reminders.send_action_reminders(today=today + datetime.timedelta(days=10)) == 0


def test_a_new_due_date_is_reminded_again(assessment, lead):
    item = action(assessment, lead, due=MONDAY + datetime.timedelta(days=2))
    assert reminders.send_action_reminders(today=MONDAY) == 1
    services.update_action(
        action=item, values={"due_date": MONDAY + datetime.timedelta(days=5)}, based_on_version=0, user=lead
    )
    assert reminders.send_action_reminders(today=MONDAY) == 1


def test_an_action_overdue_long_before_reminders_began_is_left_alone(assessment, lead):
    action(assessment, lead, due=MONDAY - datetime.timedelta(days=30))
    assert reminders.send_action_reminders(today=MONDAY) == 0


def test_an_owner_who_turned_reminders_off_gets_none(client, assessment, lead, contributor):
    action(assessment, lead, due=MONDAY + datetime.timedelta(days=2), owner_email=contributor.email)
    client.force_login(contributor)
    page = client.get(reverse("plans:preferences")).content.decode()
    assert "Reminders about actions I own" in page
    answer = client.post(reverse("plans:preferences"), {"emails": ["weekly_summary"]})
    assert answer.status_code == 302
    assert Preferences.objects.get(user=contributor).action_reminders is False
    assert reminders.send_action_reminders(today=MONDAY) == 0


def test_the_lead_gets_a_weekly_summary_on_mondays_once(assessment, lead, contributor):
    action(assessment, lead, due=MONDAY - datetime.timedelta(days=3), title="Late one")
    action(assessment, lead, due=MONDAY + datetime.timedelta(days=30), title="Changed one")
    assert reminders.send_weekly_summaries(today=MONDAY + datetime.timedelta(days=1)) == 0  # a Tuesday
    assert reminders.send_weekly_summaries(today=MONDAY) == 1
    (email,) = [e for e in sent_emails() if "action plan this week" in e.subject]
    assert email.to == [lead.email]
    assert "Overdue (1):" in email.body and "- Late one" in email.body and "Changed in the past week (2):" in email.body
    assert reminders.send_weekly_summaries(today=MONDAY) == 0


def test_a_lead_who_turned_the_summary_off_gets_none(client, assessment, lead):
    action(assessment, lead, due=MONDAY - datetime.timedelta(days=3))
    Preferences.objects.create(user=lead, weekly_summary=False)
    assert reminders.send_weekly_summaries(today=MONDAY) == 0


@pytest.mark.parametrize(
    "kind", ["maturity.plans.jobs.send_action_reminders", "maturity.plans.jobs.send_weekly_summaries"]
)
def test_the_worker_starts_each_days_job_at_the_time_set(settings, kind, assessment, lead):
    from django.utils import timezone

    settings.JOBS_DAILY = {kind: datetime.time(7, 30)}
    at = timezone.make_aware(datetime.datetime.combine(MONDAY, datetime.time(7, 31)))
    (job,) = job_services.start_daily(at)
    assert (job.kind, job.arguments) == (kind, {"day": MONDAY.isoformat()})
