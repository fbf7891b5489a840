"""One row per thing worth knowing afterwards: who did what, to what, from where.

Rows are only ever added (the app has no update or delete path). The names of people and
things are copied into text fields when the event is recorded, so the log still reads true
after an account or an organisation is deleted; the links (`actor`, `subject_user`,
`organisation`) are then set to null.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from maturity.words import when_uk

# What can be recorded: kind -> what the log page calls it. A new kind is one line here
# (no migration: the column has no choices), and `record` refuses a kind not listed.
KINDS: dict[str, StrOrPromise] = {
    "sign-in": _("Signed in"),
    "sign-in-failed": _("Sign-in failed"),
    "sign-out": _("Signed out"),
    "role-changed": _("Role changed"),
    "member-removed": _("Member removed"),
    "assessment-submitted": _("Assessment submitted for sign-off"),
    "assessment-signed-off": _("Assessment signed off"),
    "assessment-reopened": _("Assessment reopened"),
    "assessment-deleted": _("Draft assessment deleted"),
    "sign-off-rule-changed": _("Sign-off rule changed"),
    "workbook-imported": _("Workbook imported"),
    "framework-published": _("Framework version published"),
    "round-published": _("Round results published"),
    "round-report-changed": _("National report's title or introduction changed"),
    "round-reminded": _("Round reminders sent"),
    "organisation-added": _("Organisation added"),
    "organisation-changed": _("Organisation changed"),
    "contacts-invited": _("Contacts invited from a file"),
    "invitation-resent": _("Invitation sent again"),
    "invitation-withdrawn": _("Invitation withdrawn"),
    "export": _("Export downloaded"),
    "document-deleted": _("Evidence document deleted"),
    "token-used": _("API token used"),
    "tokens-revoked": _("API tokens revoked"),
    "personal-data-downloaded": _("Personal data downloaded"),
    "account-deleted": _("Account deleted"),
    "group-member-added": _("Added to a group (waiting for acceptance)"),
    "group-membership-accepted": _("Group membership accepted"),
    "group-member-removed": _("Removed from a group"),
    "group-sharing-changed": _("What a group may see changed"),
}
# The kinds recorded against an organisation, which its leads see in its log.
ORGANISATION_KINDS = (
    "role-changed",
    "member-removed",
    "assessment-submitted",
    "assessment-signed-off",
    "assessment-reopened",
    "assessment-deleted",
    "sign-off-rule-changed",
    "workbook-imported",
    "export",
    "token-used",
    "document-deleted",
    "invitation-resent",
    "invitation-withdrawn",
    "group-member-added",
    "group-membership-accepted",
    "group-member-removed",
    "group-sharing-changed",
)


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=40)
    # Who did it: the account (null once deleted, or for a failed sign-in) and their name as text.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    # The organisation whose leads may read this event (null for national or personal events).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    # What it was done to, as text ("Sam Patel", "Self-assessment 2026", "nps 2019").
    subject = models.CharField(max_length=300, blank=True)
    # The person it was about, when it was about a person (a role changed, a failed sign-in).
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["-at"], name="audit_at"),
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["organisation", "-at"], name="audit_organisation_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(fields=["subject_user", "-at"], name="audit_subject_user_at"),
        ]

    def __str__(self) -> str:
        return f"{when_uk(self.at)} {self.kind} by {self.actor_label or 'nobody'}: {self.subject}"

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))
