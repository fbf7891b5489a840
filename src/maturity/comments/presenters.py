"""What the pages show of comments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from maturity.assessments.models import Assessment, Response
from maturity.comments import selectors
from maturity.comments.forms import CommentForm
from maturity.organisations.access import Access
from maturity.words import when_uk


def colleagues(access: Access, user) -> list:
    """Who a comment may mention: the other members of the organisation."""
    memberships = access.organisation.memberships.select_related("user").exclude(user=user).order_by("user__full_name")
    return [m.user for m in memberships if m.user.is_active]


def comments_url(name: str, assessment: Assessment, response: Response) -> str:
    return reverse(
        f"comments:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": response.area.key},
    )


def _when(value) -> str:
    return when_uk(value)


def area_comments(
    access: Access, assessment: Assessment, response: Response, user, *, form: CommentForm | None = None
) -> dict[str, Any]:
    thread = selectors.thread_of(response)
    comments = selectors.comments_of(thread)
    can_write = access.can_edit
    return {
        "rows": [
            {"comment": c, "when": _when(c.at), "mentions": ", ".join(u.full_name or u.email for u in c.mentions.all())}
            for c in comments
        ],
        "open": bool(comments) and thread.is_open,
        "resolved": bool(comments) and not thread.is_open,
        "resolved_text": (
            _("Resolved by %(who)s on %(when)s")
            % {"who": thread.resolved_by_name or _("someone"), "when": _when(thread.resolved_at)}
            if comments and not thread.is_open
            else ""
        ),
        "can_write": can_write,
        "form": (form or CommentForm(colleagues=colleagues(access, user))) if can_write else None,
        "add_url": comments_url("add", assessment, response),
        "resolve_url": comments_url("resolve", assessment, response),
    }
