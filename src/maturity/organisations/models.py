"""Organisations (councils and other public bodies), and people's roles in them."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


# The nations' names on pages, in the page's language (the choices' labels stay English).
NATION_NAMES = {
    Nation.ENGLAND: _("England"),
    Nation.WALES: _("Wales"),
    Nation.SCOTLAND: _("Scotland"),
    Nation.NORTHERN_IRELAND: _("Northern Ireland"),
}


class Organisation(models.Model):
    class Type(models.TextChoices):
        COUNTY = "county", "County council"
        DISTRICT = "district", "District council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN_DISTRICT = "metropolitan-district", "Metropolitan district"
        LONDON_BOROUGH = "london-borough", "London borough"
        WELSH_PRINCIPAL = "welsh-principal", "Welsh principal council"
        COMBINED_AUTHORITY = "combined-authority", "Combined authority"
        FIRE_AND_RESCUE = "fire-and-rescue", "Fire and rescue authority"
        POLICE = "police", "Police body"
        NATIONAL_PARK = "national-park", "National park authority"
        NHS = "nhs", "NHS body"
        OTHER = "other", "Other public body"

    # The choices' labels stay English: they are written into open data, CSV files and the
    # register's import. Pages show these names, in the page's language (type_name, nation_name).
    TYPE_NAMES = {
        Type.COUNTY: _("County council"),
        Type.DISTRICT: _("District council"),
        Type.UNITARY: _("Unitary authority"),
        Type.METROPOLITAN_DISTRICT: _("Metropolitan district"),
        Type.LONDON_BOROUGH: _("London borough"),
        Type.WELSH_PRINCIPAL: _("Welsh principal council"),
        Type.COMBINED_AUTHORITY: _("Combined authority"),
        Type.FIRE_AND_RESCUE: _("Fire and rescue authority"),
        Type.POLICE: _("Police body"),
        Type.NATIONAL_PARK: _("National park authority"),
        Type.NHS: _("NHS body"),
        Type.OTHER: _("Other public body"),
    }

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=300, blank=True)
    gss_code = models.CharField("GSS code", max_length=9, blank=True, db_index=True)
    register_code = models.CharField(max_length=10, blank=True, help_text="mySociety register code")
    type = models.CharField(max_length=30, choices=Type.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND, db_index=True)
    region = models.CharField(max_length=100, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    alternative_names = models.JSONField(default=list, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")
    contact_email = models.EmailField(blank=True)
    # Separation of duties, chosen by the organisation's leads: the lead who signs an assessment
    # off must not be the person who submitted it.
    sign_off_by_another_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"], condition=~models.Q(gss_code=""), name="organisation_unique_gss_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def type_name(self) -> str:
        """The type of organisation in the page's language (get_type_display is always English)."""
        return str(self.TYPE_NAMES.get(self.type, self.get_type_display()))

    def nation_name(self) -> str:
        return str(NATION_NAMES.get(self.nation, self.get_nation_display()))

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date > timezone.localdate()

    @property
    def is_council(self) -> bool:
        return self.type in COUNCIL_TYPES

    @property
    def kind(self) -> str:
        """What the interface calls it: "council" only when it is one."""
        return "council" if self.is_council else "organisation"


# The types that are councils (the ones a round invites by default). Every other type is a
# public body that uses the strategy or could, and the interface calls it an "organisation".
COUNCIL_TYPES = (
    Organisation.Type.COUNTY,
    Organisation.Type.DISTRICT,
    Organisation.Type.UNITARY,
    Organisation.Type.METROPOLITAN_DISTRICT,
    Organisation.Type.LONDON_BOROUGH,
    Organisation.Type.WELSH_PRINCIPAL,
)


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    CONTRIBUTOR = "contributor", _("Contributor")
    LEAD = "lead", _("Lead")


ROLE_HINTS = {
    Role.VIEWER: _("Can see the organisation's assessments and results."),
    Role.CONTRIBUTOR: _("Can also record answers and evidence in an assessment."),
    Role.LEAD: _("Can also start and complete assessments, invite colleagues and change their roles."),
}
ROLE_RANK = {Role.VIEWER: 1, Role.CONTRIBUTOR: 2, Role.LEAD: 3}


class Membership(models.Model):
    """A user's role in one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")]
        ordering = ["organisation__name", "user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.organisation}"

    def can(self, role: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]


# An invitation not accepted in this time expires (and shows as expired); resending renews it.
INVITATION_LIFETIME = timedelta(days=14)


def _in_fourteen_days():
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """A lead's invitation for a colleague to join the organisation with a role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    # The invitee's name when the inviter knew it (a contacts file gives it): it fills in the
    # account form and names the contact on the national team's page.
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    # Only a hash of the emailed token is kept, so a copy of the database cannot be used to join.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_in_fourteen_days)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Withdrawing keeps the invitation, so the national team sees what happened to it; its
    # expiry is brought forward to the same moment, so every "still open" query leaves it out.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    resent_at = models.DateTimeField(null=True, blank=True)

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> Invitation.State:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.withdrawn_at is not None:
            return self.State.WITHDRAWN
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.OPEN
