"""Milestones, the calendar and email choices in Welsh (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

from django.urls import reverse

from tests.assessments.helpers import YEAR, url
from tests.plans.test_calendar_and_milestones import make_action, milestone_url
from tests.welsh import english_in

CY = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_the_plans_pages_are_in_welsh(client, assessment, camden, lead):
    action = make_action(assessment, lead)
    client.force_login(lead)
    page = client.get(milestone_url("add-milestone", assessment, action), **CY).content.decode()
    assert "Ychwanegu carreg filltir" in page and english_in(page, allow=("Train members",)) == []
    client.post(
        milestone_url("add-milestone", assessment, action),
        {"title": "Drafft i’r bwrdd", "due_date-day": "31", "due_date-month": "12", "due_date-year": str(YEAR + 1)},
        **CY,
    )
    page = client.get(url("action", assessment, action_id=action.pk), **CY).content.decode()
    assert "Cerrig milltir" in page and f"31 Rhagfyr {YEAR + 1}" in page and "Mark as done" not in page
    client.post(reverse("plans:calendar", kwargs={"slug": camden.slug}), {}, **CY)
    for path in (reverse("plans:calendar", kwargs={"slug": camden.slug}), reverse("plans:preferences")):
        page = client.get(path, **CY).content.decode()
        assert english_in(page) == [], path
