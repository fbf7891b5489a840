"""What keeps an action plan moving: milestones, reminders sent once, the lead's weekly summary,
each person's choice of emails, and the organisation's private calendar feed."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.assessments.models import Action
from maturity.organisations.models import Organisation


class Milestone(models.Model):
    """A dated step of an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """An email about an action, sent once: the row is written in the transaction that queues it."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", _("Due in a week")
        OVERDUE = "overdue", _("Overdue")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The due date it was about: an action given a new date is reminded of that one too.
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "kind", "due_date"], name="one_reminder_each")]


class WeeklySummary(models.Model):
    """The weekly summary sent to one lead of one organisation, once a week."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week it was sent")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "week"], name="one_summary_a_week")]


class Preferences(models.Model):
    """The emails a person chose to have (all on until they turn them off in their profile)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_preferences")
    action_reminders = models.BooleanField(default=True)
    weekly_summary = models.BooleanField(default=True)


class CalendarFeed(models.Model):
    """An organisation's private iCalendar address: only a hash of its secret is kept."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
