"""Evidence documents: files attached to an area's answer, kept through Django's storage API."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from maturity.assessments.models import Response


class Document(models.Model):
    """One file of evidence for an answer, with a title and the date the evidence is from.

    The file itself is kept in the "documents" storage under `stored_name`, a random name that
    says nothing of the file. A document carried forward to the next assessment is a new row
    naming the same stored file, so the file is removed from storage only when no row names it.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    evidence_date = models.DateField(help_text="The date the evidence is from (not when it was uploaded)")
    stored_name = models.CharField(max_length=255)
    # The uploaded name, made safe, with the extension of what the content really is.
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField()
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-evidence_date", "title", "pk"]
        indexes = [models.Index(fields=["stored_name"])]

    def __str__(self) -> str:
        return self.title
