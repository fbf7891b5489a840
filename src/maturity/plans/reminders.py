"""The emails that keep a plan moving, sent by the daily jobs (jobs.py): an action's owner is
reminded a week before it falls due and when it becomes overdue, once each; each lead gets a
weekly summary of what is overdue and what changed. Anyone can turn these off in their profile.

Each email is recorded (Reminder, WeeklySummary, under a unique key) in the transaction that
queues it, so running the day's job again, or two workers at once, sends nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from maturity.accounts.models import User
from maturity.assessments.models import Action, Change
from maturity.mail import send_email
from maturity.organisations.models import Organisation, Role
from maturity.plans.models import Preferences, Reminder, WeeklySummary
from maturity.words import date_uk

DUE_SOON_DAYS = 7
# An action overdue for longer than this when reminders start (a new deployment) is not reminded.
OVERDUE_WINDOW_DAYS = 7
SUMMARY_WEEKDAY = 0  # Monday


def wants(email: str, choice: str) -> bool:
    """Whether the person with this email address (if they have an account) wants these emails."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return True
    preferences = Preferences.objects.filter(user=user).first()
    return preferences is None or getattr(preferences, choice)


def action_link(action: Action) -> str:
    path = reverse(
        "assessments:action",
        kwargs={"slug": action.assessment.organisation.slug, "pk": action.assessment_id, "action_id": action.pk},
    )
    return f"{settings.SITE_URL}{path}"


def _open_actions():
    return (
        Action.objects.exclude(status=Action.Status.DONE)
        .exclude(owner_email="")
        .filter(due_date__isnull=False)
        .select_related("assessment__organisation", "area")
    )


def language_of(email: str) -> str:
    """The language of the person with this address (their own setting), else the service's."""
    chosen = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def _remind(action: Action, kind: str, today: datetime.date) -> bool:
    try:
        with transaction.atomic(), translation.override(language_of(action.owner_email)):
            Reminder.objects.create(action=action, kind=kind, due_date=action.due_date)
            send_email(
                to=action.owner_email,
                template=f"emails/action_{kind.replace('-', '_')}",
                context={
                    "action": action,
                    "organisation": action.assessment.organisation,
                    "due": date_uk(action.due_date),
                    "days": (action.due_date - today).days,
                    "link": action_link(action),
                    "preferences": f"{settings.SITE_URL}{reverse('plans:preferences')}",
                },
            )
    except IntegrityError:
        return False  # already sent
    return True


def send_action_reminders(*, today: datetime.date) -> int:
    """Remind owners of actions due within a week, and of those that became overdue; once each."""
    sent = 0
    due_soon = _open_actions().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    overdue = _open_actions().filter(
        due_date__lt=today, due_date__gte=today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    )
    for kind, actions in ((Reminder.Kind.DUE_SOON, due_soon), (Reminder.Kind.OVERDUE, overdue)):
        for action in actions.exclude(reminders__kind=kind, reminders__due_date=F("due_date")):
            if wants(action.owner_email, "action_reminders") and _remind(action, kind, today):
                sent += 1
    return sent


@dataclass(frozen=True)
class Summary:
    overdue: list[Action]
    changed: list[Action]


def summary_of(organisation: Organisation, *, today: datetime.date) -> Summary:
    """What is overdue in the organisation's plans, and which actions changed in the past week."""
    actions = Action.objects.filter(assessment__organisation=organisation).select_related("area", "assessment")
    since = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time.min))
    changed_ids = set(
        Change.objects.filter(
            assessment__organisation=organisation, subject=Change.Subject.ACTION, at__gte=since
        ).values_list("subject_id", flat=True)
    )
    return Summary(
        overdue=list(actions.exclude(status=Action.Status.DONE).filter(due_date__lt=today).order_by("due_date")),
        changed=list(actions.filter(pk__in=changed_ids).order_by("title")),
    )


def send_weekly_summaries(*, today: datetime.date) -> int:
    """On Mondays, each lead's summary of each organisation with something overdue or changed."""
    if today.weekday() != SUMMARY_WEEKDAY:
        return 0
    sent = 0
    for organisation in Organisation.objects.filter(assessments__actions__isnull=False).distinct():
        summary = summary_of(organisation, today=today)
        if not summary.overdue and not summary.changed:
            continue
        plan = f"{settings.SITE_URL}{reverse('organisations:home', kwargs={'slug': organisation.slug})}"
        for membership in organisation.memberships.filter(role=Role.LEAD).select_related("user"):
            lead = membership.user
            if not lead.is_active or not wants(lead.email, "weekly_summary"):
                continue
            try:
                with transaction.atomic(), translation.override(lead.language or settings.LANGUAGE_CODE):
                    WeeklySummary.objects.create(user=lead, organisation=organisation, week=today)
                    send_email(
                        to=lead.email,
                        template="emails/weekly_summary",
                        context={
                            "lead": lead,
                            "organisation": organisation,
                            "summary": summary,
                            "link": plan,
                            "overdue": [(a, date_uk(a.due_date)) for a in summary.overdue],
                            "preferences": f"{settings.SITE_URL}{reverse('plans:preferences')}",
                        },
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent
