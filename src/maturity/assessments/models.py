"""An organisation's self-assessment against one framework version, one response per area."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from maturity.frameworks.models import Area, Framework
from maturity.organisations.models import Organisation


class Assessment(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Response(models.Model):
    """Where the organisation stands in one area, where it aims to be, by when, and why it thinks so."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="responses")
    current_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    # Incremented on every save: a save based on an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "area"], name="one_response_per_area")]
        ordering = ["assessment", "area__position"]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.area}"
