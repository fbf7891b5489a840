"""Groups of organisations: the nine regions, combined authorities, consortia and hubs.

A group has member organisations (each deciding what the group may see of its results) and
group leads (users who manage membership, set the group's targets and publish variants).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.organisations.models import Organisation


class Group(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        COMBINED_AUTHORITY = "combined-authority", _("Combined authority")
        CONSORTIUM = "consortium", _("Consortium or regional procurement hub")

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    # For a combined authority: the authority itself, as an organisation of the register.
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """An organisation in a group, and what it lets the group see."""

    class Sharing(models.TextChoices):
        AGGREGATES = "aggregates", _("Only the group's aggregates")
        NAMED = "named", _("Our named results")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="group_memberships")
    sharing = models.CharField(max_length=20, choices=Sharing.choices, default=Sharing.AGGREGATES)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Membership by consent (ADR 0016): added by a group's lead or the national team, or from the
    # register for a region, an organisation is pending until one of its leads accepts; only then
    # do its progress and answers count in the group's figures.
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the organisation's leads were told it is waiting for them (`maturity groups notify`).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "organisation"], name="one_membership_per_group")]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.group}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class GroupLead(models.Model):
    """A user who leads a group."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_leads")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_lead_role_per_group")]


class GroupTarget(models.Model):
    """The group's regional strategy: the level it aims for in an area (matched by area key)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="targets")
    area_key = models.SlugField(max_length=80)
    level = models.PositiveSmallIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "area_key"], name="one_target_per_area")]
