"""Writes to comments: add one (mentioned colleagues are emailed), resolve or reopen a thread."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from maturity.assessments.models import Response
from maturity.comments.models import Comment, Thread
from maturity.mail import send_email

MAX_LENGTH = 5_000


def _name(user) -> str:
    return (user.full_name or user.email)[:200]


def _thread(response: Response) -> Thread:
    thread, _ = Thread.objects.select_for_update().get_or_create(response=response)
    return thread


def area_link(response: Response) -> str:
    assessment = response.assessment
    path = reverse(
        "assessments:area",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": response.area.key},
    )
    return f"{settings.SITE_URL}{path}#comments"


@transaction.atomic
def add_comment(*, response: Response, author, text: str, mentioned=()) -> Comment:
    """A comment on `response`'s thread, which it opens again if it was resolved. Only members of
    the answer's organisation can be mentioned (anyone else is left out); each is emailed once."""
    thread = _thread(response)
    if not thread.is_open:
        thread.resolved_at, thread.resolved_by, thread.resolved_by_name = None, None, ""
        thread.save(update_fields=["resolved_at", "resolved_by", "resolved_by_name"])
    comment = Comment.objects.create(thread=thread, author=author, author_name=_name(author), text=text)
    organisation = response.assessment.organisation
    colleagues = [
        user
        for user in mentioned
        if user.pk != author.pk and user.memberships.filter(organisation=organisation).exists()
    ]
    comment.mentions.set(colleagues)
    for colleague in colleagues:
        # In the colleague's own language when they chose one, else in the page's.
        with translation.override(colleague.language or translation.get_language()):
            send_email(
                to=colleague.email,
                template="emails/comment_mention",
                context={
                    "colleague": colleague,
                    "author": _name(author),
                    "organisation": organisation,
                    "assessment": response.assessment,
                    "area": response.area,
                    "text": text,
                    "link": area_link(response),
                },
            )
    return comment


@transaction.atomic
def resolve(*, response: Response, user) -> Thread:
    thread = _thread(response)
    if thread.is_open:
        thread.resolved_at, thread.resolved_by, thread.resolved_by_name = timezone.now(), user, _name(user)
        thread.save(update_fields=["resolved_at", "resolved_by", "resolved_by_name"])
    return thread


@transaction.atomic
def reopen(*, response: Response) -> Thread:
    thread = _thread(response)
    thread.resolved_at, thread.resolved_by, thread.resolved_by_name = None, None, ""
    thread.save(update_fields=["resolved_at", "resolved_by", "resolved_by_name"])
    return thread
