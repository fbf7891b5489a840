"""Writing to the audit log, and reading it back for one organisation or for the national team.

`record` is the one way in. Called while a request is being served, it takes the signed-in user,
the client's IP address and user agent from that request; called from a command, pass `actor`
(or nothing: the event is then recorded as done by "System"). It runs inside the caller's
transaction, so an event is kept only if the change it describes is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from maturity.audit.middleware import current_request
from maturity.audit.models import KINDS, AuditEvent
from maturity.client_address import client_address

SYSTEM = "System"
ANONYMOUS = "Not signed in"
USER_AGENT_MAX = 300
# An API token used again and again from one address is recorded once in this window.
TOKEN_USE_WINDOW = datetime.timedelta(minutes=15)

_FROM_REQUEST: Any = object()


def label_of(user) -> str:
    """How a person is named in the log: their name, else their email address."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return (user.full_name or user.email)[:254]


def record(
    *,
    kind: str,
    actor: Any = _FROM_REQUEST,
    actor_label: str = "",
    organisation=None,
    subject: str = "",
    subject_user=None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent | None:
    """Add one event to the audit log. Returns it, or None when a repeated token use is folded
    into the one recorded a moment ago.

    - `kind`: one of `KINDS` (ValueError otherwise).
    - `actor`: who did it; by default the signed-in user of the request being served.
    - `actor_label`: their name as text; by default from `actor` ("Not signed in" or "System").
    - `organisation`: whose leads may read the event.
    - `subject` and `subject_user`: what, or who, it was done to.
    - `details`: plain JSON values. Never a password, token or other secret.
    - `request`: by default the request being served (for the IP address and user agent).
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown audit event kind {kind!r}: add it to maturity.audit.models.KINDS")
    request = request if request is not None else current_request.get()
    if actor is _FROM_REQUEST:
        user = getattr(request, "user", None) if request is not None else None
        actor = user if user is not None and user.is_authenticated else None
    details = dict(details or {})
    ip = None
    if request is not None:
        ip = client_address(request)
        agent = request.META.get("HTTP_USER_AGENT", "")
        if agent:
            details.setdefault("user_agent", agent[:USER_AGENT_MAX])
    label = actor_label or label_of(actor) or (ANONYMOUS if request is not None else SYSTEM)
    if actor is not None and actor.pk is None:  # an account deleted during this request
        actor = None
    if subject_user is not None and subject_user.pk is None:
        subject_user = None
    if kind == "token-used" and _recently_recorded(kind, actor, subject, ip):
        return None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=label[:254],
        organisation=organisation,
        subject=str(subject)[:300],
        subject_user=subject_user,
        details=details,
        ip=ip,
    )


def _recently_recorded(kind: str, actor, subject: str, ip: str | None) -> bool:
    since = timezone.now() - TOKEN_USE_WINDOW
    return AuditEvent.objects.filter(kind=kind, actor=actor, subject=str(subject)[:300], ip=ip, at__gte=since).exists()


# --- Reading -------------------------------------------------------------------------------------


def national_events(*, kind: str = "", organisation=None) -> QuerySet[AuditEvent]:
    """Every event, newest first, optionally of one kind and one organisation (national team only)."""
    events = AuditEvent.objects.select_related("organisation")
    if kind:
        events = events.filter(kind=kind)
    if organisation is not None:
        events = events.filter(organisation=organisation)
    return events


def organisation_events(organisation, *, kind: str = "") -> QuerySet[AuditEvent]:
    """The events about one organisation, reached through it, newest first."""
    events = organisation.audit_events.all()
    if kind:
        events = events.filter(kind=kind)
    return events


def events_about(user) -> QuerySet[AuditEvent]:
    """What the log holds about a person: what they did and what was done to them."""
    from django.db.models import Q

    return AuditEvent.objects.filter(Q(actor=user) | Q(subject_user=user)).select_related("organisation")
