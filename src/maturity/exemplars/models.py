"""Exemplars: organisations at the framework's exemplar level in an area that agreed to be
contacted, the areas where organisations want help, and the introductions between them.

Areas are matched by `Area.key`, which stays stable across framework versions: an offer made
against one version meets a council that wants help in the same area of another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.frameworks.models import Area
from maturity.organisations.models import Organisation


class Share(models.TextChoices):
    CASE_STUDY = "case-study", _("A case study")
    POLICY = "policy", _("Policies, strategies or templates")
    CALL = "call", _("A call or a meeting")


class Offer(models.Model):
    """An organisation's offer to help others in one area. Withdrawn offers are kept (requests
    point at them) but are never shown; at most one offer per area is current."""

    class Visibility(models.TextChoices):
        NATIONAL = "national", _("The national team only")
        PARTICIPATING = "participating", _("Every participating organisation")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="exemplar_offers")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_role = models.CharField(max_length=200)
    shares = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    visibility = models.CharField(max_length=20, choices=Visibility.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "area__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_offer_per_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.area.label}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None

    @property
    def share_labels(self) -> list[str]:
        labels = dict(Share.choices)
        return [str(labels[value]) for value in self.shares if value in labels]


class HelpWanted(models.Model):
    """An area where an organisation said it wants help."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="exemplar_help_wanted")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "area__position"]
        constraints = [models.UniqueConstraint(fields=["organisation", "area"], name="help_wanted_once_per_area")]

    def __str__(self) -> str:
        return f"{self.organisation} wants help with {self.area.label}"


class IntroductionRequest(models.Model):
    """One organisation asking an exemplar for an introduction in the offer's area."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="exemplar_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The requester's details as they were when asking: sent to the exemplar's contact on acceptance.
    requester_name = models.CharField(max_length=200)
    requester_email = models.EmailField()
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "organisation"],
                condition=models.Q(status="open"),
                name="one_open_request_per_offer_and_organisation",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} asks {self.offer.organisation} about {self.offer.area.label}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class RequestEvent(models.Model):
    """A step in a request's life, with who took it and when."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Asked for an introduction")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
        OFFER_WITHDRAWN = "offer-withdrawn", _("Closed: the offer was withdrawn")

    request = models.ForeignKey(IntroductionRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
