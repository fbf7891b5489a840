"""Reading comments, always through an assessment found through the organisation."""

from __future__ import annotations

from django.db.models import Count

from maturity.assessments.models import Assessment, Response
from maturity.comments.models import Comment, Thread


def open_comment_counts(assessment: Assessment) -> dict[int, int]:
    """{area id: comments in its open thread} for the areas of `assessment` with an open thread."""
    threads = (
        Thread.objects.filter(response__assessment=assessment, resolved_at__isnull=True)
        .annotate(count=Count("comments"))
        .filter(count__gt=0)
        .values_list("response__area_id", "count")
    )
    return dict(threads)


def thread_of(response: Response) -> Thread | None:
    return Thread.objects.filter(response=response).first()


def comments_of(thread: Thread | None) -> list[Comment]:
    if thread is None:
        return []
    return list(thread.comments.prefetch_related("mentions"))
