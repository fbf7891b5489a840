"""An organisation's calendar of what is due, as an iCalendar feed (RFC 5545, written by the
icalendar library): its open actions' due dates, their milestones, and the closing dates of the
diagnostic rounds it is invited to. The address holds a secret; only its hash is kept."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from maturity.assessments.models import Action
from maturity.benchmarks.models import Round
from maturity.organisations.models import Organisation
from maturity.plans.models import CalendarFeed, Milestone


@transaction.atomic
def new_address(*, organisation: Organisation, user) -> str:
    """A new private address for the organisation's calendar; any earlier one stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(organisation=organisation).delete()
    CalendarFeed.objects.create(organisation=organisation, token_hash=CalendarFeed.hash(token), created_by=user)
    return feed_url(token)


def feed_of(organisation: Organisation) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("created_by").filter(organisation=organisation).first()


def turn_off(*, organisation: Organisation) -> None:
    CalendarFeed.objects.filter(organisation=organisation).delete()


def feed_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('plans:calendar-feed', kwargs={'token': token})}"


def organisation_of(token: str) -> Organisation | None:
    feed = CalendarFeed.objects.select_related("organisation").filter(token_hash=CalendarFeed.hash(token)).first()
    return feed.organisation if feed else None


def _event(uid: str, day: datetime.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://', 1)[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def calendar_of(organisation: Organisation, *, today: datetime.date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PRODUCT_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(organisation)s: procurement action plan") % {"organisation": organisation.name})
    actions = (
        Action.objects.filter(assessment__organisation=organisation, due_date__isnull=False)
        .exclude(status=Action.Status.DONE)
        .select_related("area", "assessment")
    )
    for action in actions:
        url = settings.SITE_URL + reverse(
            "assessments:action", kwargs={"slug": organisation.slug, "pk": action.assessment_id, "action_id": action.pk}
        )
        calendar.add_component(
            _event(
                f"action-{action.pk}",
                action.due_date,
                _("Action due: %(action)s") % {"action": action.title},
                _("%(area)s. Owner: %(owner)s.") % {"area": action.area.label, "owner": action.owner_name},
                url,
            )
        )
    milestones = Milestone.objects.filter(action__assessment__organisation=organisation, done=False).select_related(
        "action__area"
    )
    for milestone in milestones:
        action = milestone.action
        url = settings.SITE_URL + reverse(
            "assessments:action", kwargs={"slug": organisation.slug, "pk": action.assessment_id, "action_id": action.pk}
        )
        calendar.add_component(
            _event(
                f"milestone-{milestone.pk}",
                milestone.due_date,
                _("Milestone: %(milestone)s") % {"milestone": milestone.title},
                _("Of the action “%(action)s” (%(area)s).") % {"action": action.title, "area": action.area.label},
                url,
            )
        )
    rounds = Round.objects.filter(
        participants__organisation=organisation, status=Round.Status.OPEN, closes_on__gte=today
    )
    for round_ in rounds:
        url = settings.SITE_URL + reverse("benchmarks:organisation-rounds", kwargs={"slug": organisation.slug})
        calendar.add_component(
            _event(
                f"round-{round_.pk}",
                round_.closes_on,
                _("Diagnostic round closes: %(round)s") % {"round": round_.name},
                _("The last day to submit a signed-off assessment to the round."),
                url,
            )
        )
    return calendar.to_ical()
