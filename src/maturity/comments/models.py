"""Comments on an area's answer: one thread per answer, which colleagues resolve."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from maturity.assessments.models import Response


class Thread(models.Model):
    """The discussion of one answer: open while it has comments nobody resolved."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="thread")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_by_name = models.CharField(max_length=200, blank=True)

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Comment(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=200)
    text = models.TextField()
    # Colleagues of the same organisation told of this comment by email.
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
