"""Personal access tokens for the JSON API (docs/adr/0014-json-api.md).

A token belongs to one user and acts for one organisation the user is a member of, with a scope
(read, or read and write). Only a SHA-256 hash of the token is kept, with its first characters
(`prefix`) so that its owner can tell tokens apart; the token itself is shown once, when created.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.organisations.models import Organisation


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    # The first characters of the token, shown in lists ("pmt_Ab12Cd34"); not enough to use it.
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last day the token works (Europe/London).
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def state(self, today: datetime.date) -> str:
        if self.revoked_at is not None:
            return self.State.REVOKED
        if today > self.expires_on:
            return self.State.EXPIRED
        return self.State.ACTIVE
