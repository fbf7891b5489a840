"""A person's own data: everything the service holds about them as one JSON document, and the
deletion of their account (docs/adr/0015-audit-and-authorisation.md).

What an organisation recorded stays the organisation's: deleting an account removes the account,
its memberships, group leads, authenticator app, recovery codes and API tokens, but the name
copied into an assessment's history (`Change.user_name`, `Event.user_name`) and into the audit log
stays as it was recorded; only the link to the account is cleared.

Nothing secret leaves in the download: no password hash, token, token hash, authenticator secret
or recovery code, only what names or describes them (a token's name and prefix).
"""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity import audit
from maturity.assessments.models import ActionNote, Change, Event
from maturity.audit.services import events_about, label_of
from maturity.organisations.models import Invitation, Membership, Organisation, Role

User = get_user_model()

FORMAT = "procurement-maturity-personal-data/1"
# A field whose name says it holds a secret is never exported, whatever model it is on.
SECRET_FIELD = re.compile(r"secret|hash|password|token|key|otp|salt|digest|code", re.IGNORECASE)
# Models exported in their own sections; any other model that points at the user is listed in
# `other_records` by id and description only.
API_APP_LABEL = "api"


class DeletionRefused(Exception):
    """The account cannot be deleted yet; `reasons` say what to do first."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


class WrongConfirmation(Exception):
    """The password (or, for an account without one, the email address) did not match."""


# --- The download -----------------------------------------------------------------------------------


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _organisation(organisation: Organisation | None) -> dict[str, str] | None:
    return {"name": organisation.name, "slug": organisation.slug} if organisation else None


def is_secret_field(name: str) -> bool:
    """A field named like a secret (`token_hash`, `secret`, `key`), unless it only names or
    identifies the thing (`name`, `prefix`, `key_prefix`)."""
    return bool(SECRET_FIELD.search(name)) and "prefix" not in name and name != "name"


def _safe_fields(instance: models.Model) -> dict[str, Any]:
    """The plain fields of a row, leaving out any whose name says it holds a secret (a token's
    `prefix` and `name` are kept: they identify it without letting anyone use it)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        name = field.name
        if is_secret_field(name):
            continue
        if field.is_relation:
            values[field.attname] = getattr(instance, field.attname)
            continue
        value = getattr(instance, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def _user_links() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) of the installed apps that points at a user."""
    links = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and (field.many_to_one or field.one_to_one) and field.related_model is User:
                links.append((model, field))
    return links


def _covered() -> set[str]:
    """Models with a section of their own in the download."""
    return {
        "organisations.membership",
        "organisations.invitation",
        "assessments.change",
        "assessments.event",
        "assessments.actionnote",
        "audit.auditevent",
        "groups.grouplead",
        "accounts.twofactordevice",
        "accounts.recoverycode",
    }


def tokens_of(user) -> list[dict[str, Any]]:
    """The user's API tokens (the models of the `api` app that point at the user), without secrets."""
    rows: list[dict[str, Any]] = []
    for model, field in _user_links():
        if model._meta.app_label != API_APP_LABEL:
            continue
        for instance in model._default_manager.filter(**{field.name: user}).order_by("pk"):
            rows.append({"record": model._meta.label_lower, **_safe_fields(instance)})
    return rows


def _other_records(user) -> list[dict[str, Any]]:
    covered = _covered()
    rows: list[dict[str, Any]] = []
    for model, field in _user_links():
        label = model._meta.label_lower
        if label in covered or model._meta.app_label == API_APP_LABEL or model is User:
            continue
        for instance in model._default_manager.filter(**{field.name: user}).order_by("pk"):
            try:
                description = str(instance)[:300]
            except Exception:
                description = ""
            rows.append({"record": label, "id": instance.pk, "as": field.name, "description": description})
    return rows


def _two_factor(user) -> dict[str, Any]:
    try:
        Device = apps.get_model("accounts", "TwoFactorDevice")
        Code = apps.get_model("accounts", "RecoveryCode")
    except LookupError:
        return {}
    device = Device.objects.filter(user=user).first()
    return {
        "authenticator_app": device is not None,
        "authenticator_app_set_up_at": _when(device.confirmed_at) if device else None,
        "recovery_codes_unused": Code.objects.filter(user=user, used_at__isnull=True).count(),
    }


def collect(user) -> dict[str, Any]:
    """Everything the service holds about `user`, as plain JSON values."""
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    changes = Change.objects.filter(user=user).select_related("assessment__organisation", "area").order_by("at", "pk")
    events = Event.objects.filter(user=user).select_related("assessment__organisation").order_by("at", "pk")
    notes = (
        ActionNote.objects.filter(author=user)
        .select_related("action__assessment__organisation")
        .order_by("created_at", "pk")
    )
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "service": settings.PRODUCT_NAME,
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "job_title": user.job_title,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "is_active": user.is_active,
            "is_national_admin": user.is_national_admin,
            "has_password": user.has_usable_password(),
            **({"two_factor": tf} if (tf := _two_factor(user)) else {}),
        },
        "memberships": [
            {"organisation": _organisation(m.organisation), "role": m.role, "since": _when(m.created_at)}
            for m in memberships
        ],
        "group_leads": [
            {"group": lead.group.name, "slug": lead.group.slug}
            for lead in user.group_leads.select_related("group").order_by("group__name")
        ],
        "invitations_sent": [
            {
                "organisation": _organisation(i.organisation),
                "email": i.email,
                "role": i.role,
                "sent_at": _when(i.created_at),
                "expires_at": _when(i.expires_at),
                "accepted_at": _when(i.accepted_at),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation").order_by("created_at")
        ],
        "invitations_received": [
            {
                "organisation": _organisation(i.organisation),
                "role": i.role,
                "sent_at": _when(i.created_at),
                "accepted_at": _when(i.accepted_at),
            }
            for i in Invitation.objects.filter(email__iexact=user.email)
            .select_related("organisation")
            .order_by("created_at")
        ],
        "changes": [
            {
                "organisation": _organisation(c.assessment.organisation),
                "assessment": c.assessment.title,
                "area": c.area.key,
                "subject": c.subject,
                "subject_id": c.subject_id,
                "fields": c.fields,
                "source": c.source,
                "recorded_name": c.user_name,
                "at": _when(c.at),
            }
            for c in changes
        ],
        "events": [
            {
                "organisation": _organisation(e.assessment.organisation),
                "assessment": e.assessment.title,
                "kind": e.kind,
                "note": e.note,
                "recorded_name": e.user_name,
                "at": _when(e.at),
            }
            for e in events
        ],
        "action_notes": [
            {
                "organisation": _organisation(n.action.assessment.organisation),
                "assessment": n.action.assessment.title,
                "action": n.action.title,
                "date": _when(n.date),
                "text": n.text,
                "written_at": _when(n.created_at),
            }
            for n in notes
        ],
        "api_tokens": tokens_of(user),
        "audit_events": [
            {
                "at": _when(a.at),
                "kind": a.kind,
                "by": a.actor_label,
                "by_you": a.actor_id == user.pk,
                "organisation": _organisation(a.organisation),
                "subject": a.subject,
                "details": a.details,
                "ip": a.ip,
            }
            for a in events_about(user).order_by("at", "pk")
        ],
        "other_records": _other_records(user),
    }


def filename(user) -> str:
    return f"personal-data-{timezone.localdate().isoformat()}.json"


# --- Deleting the account ---------------------------------------------------------------------------


def deletion_blockers(user) -> list[str]:
    """Why the account cannot be deleted now (empty when it can), each saying what to do first."""
    reasons = []
    led = Membership.objects.filter(user=user, role=Role.LEAD).select_related("organisation")
    for membership in led.order_by("organisation__name"):
        others = membership.organisation.memberships.filter(role=Role.LEAD).exclude(user=user)
        if not others.exists():
            name = membership.organisation.name
            reasons.append(
                _(
                    "You are the only lead of %(name)s: make someone else a lead of %(name)s, "
                    "or ask the national team to close its account, before you delete yours"
                )
                % {"name": name}
            )
    if (
        user.is_national_admin
        and not User.objects.filter(is_national_admin=True, is_active=True).exclude(pk=user.pk).exists()
    ):
        reasons.append(_("You are the only national administrator: make someone else a national administrator first"))
    return reasons


def confirms(user, *, password: str = "", email: str = "") -> bool:
    """The account's password, or for an account without one (single sign-on only) its email address."""
    if user.has_usable_password():
        return bool(password) and user.check_password(password)
    return bool(email) and email.strip().lower() == user.email.lower()


@transaction.atomic
def delete_account(*, user, password: str = "", email: str = "") -> None:
    """Delete `user`'s account, memberships, group leads, authenticator app and API tokens.

    Raises WrongConfirmation, or DeletionRefused while they are the last lead of an organisation
    (or the last national administrator). The organisations' records keep the name they recorded.
    """
    if not confirms(user, password=password, email=email):
        raise WrongConfirmation()
    # Serialise with role changes: nobody can stop being a lead while this account goes.
    list(
        Organisation.objects.select_for_update(of=("self",)).filter(memberships__user=user).values_list("pk", flat=True)
    )
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    reasons = deletion_blockers(user)
    if reasons:
        raise DeletionRefused(reasons)
    label = label_of(user)
    memberships = list(user.memberships.select_related("organisation"))
    for membership in memberships:
        audit.record(
            kind="member-removed",
            organisation=membership.organisation,
            subject=label,
            subject_user=user,
            details={"role": membership.role, "reason": "account deleted"},
        )
    audit.record(
        kind="account-deleted",
        actor=user,
        subject=label,
        subject_user=user,
        details={"organisations": [m.organisation.name for m in memberships]},
    )
    for model, field in _user_links():
        if model._meta.app_label == API_APP_LABEL:
            model._default_manager.filter(**{field.name: user}).delete()
    user.delete()
