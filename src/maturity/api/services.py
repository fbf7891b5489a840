"""Personal access tokens: creating, revoking and recognising them.

A token is `pmt_` followed by 43 random URL-safe characters (256 bits). Only its SHA-256 hash is
stored, so a copy of the database cannot be used to call the API; a random secret of this length
needs no slow password hash. The first 12 characters are kept in clear to tell tokens apart.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from maturity.api.models import ApiToken
from maturity.organisations.models import Membership, Organisation
from maturity.words import counted

TOKEN_PREFIX = "pmt_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
DEFAULT_DAYS = 90
MAX_DAYS = 365
# last_used_at is written at most once a minute per token, not on every request.
TOUCH_INTERVAL = datetime.timedelta(seconds=60)


class TokenError(Exception):
    """A token that cannot be created or revoked as asked; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


class Refused(Exception):
    """A token that cannot be used: `code` is invalid_token, token_expired or token_revoked."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # the whole token, to show once and never again


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def default_expiry(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DEFAULT_DAYS)


def latest_expiry(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=MAX_DAYS)


@transaction.atomic
def create_token(
    *, user, organisation: Organisation, name: str, scope: str, expires_on: datetime.date, today: datetime.date
) -> Created:
    """A new token of `user` for `organisation` (of which the user must be a member)."""
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise TokenError(gettext("Choose one of your organisations"), field="organisation")
    if scope not in ApiToken.Scope.values:
        raise TokenError(gettext("Choose read only, or read and write"), field="scope")
    if expires_on < today + datetime.timedelta(days=1):
        raise TokenError(gettext("The expiry date must be in the future"), field="expires_on")
    if expires_on > latest_expiry(today):
        raise TokenError(gettext("The expiry date must be within one year from today"), field="expires_on")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name.strip(),
        scope=scope,
        expires_on=expires_on,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=hash_token(secret),
    )
    return Created(token=token, secret=secret)


def revoke_token(*, token: ApiToken) -> ApiToken:
    """Revoke a token at once (a revoked token stays listed, marked revoked)."""
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        token.refresh_from_db()
    return token


def revoke_all(*, user) -> int:
    """Revoke every active token of `user` at once; how many were revoked."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def revoke_on_password_change(sender, *, user, **kwargs) -> str | None:
    """A new password revokes the account's tokens, as it ends its other sessions: whoever knew
    the old password could have made them (docs/adr/0017-saves-that-never-overwrite.md)."""
    revoked = revoke_all(user=user)
    if not revoked:
        return None
    audit_revoked(user, revoked)
    return counted(
        revoked,
        "Your %(num)s API token has been revoked: create new ones if you still need them",
        "Your %(num)s API tokens have been revoked: create new ones if you still need them",
    )


def audit_revoked(user, count: int) -> None:
    if not apps.is_installed("maturity.audit"):
        return
    from maturity.audit.services import record

    record(
        kind="tokens-revoked", actor=user, subject_user=user, details={"tokens": count, "reason": "password changed"}
    )


def authenticate(secret: str, *, now: datetime.datetime | None = None) -> ApiToken:
    """The active token `secret` is, with its user and organisation; raises Refused otherwise."""
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user", "organisation").filter(token_hash=hash_token(secret)).first()
        if secret.startswith(TOKEN_PREFIX)
        else None
    )
    if token is None or not token.user.is_active:
        raise Refused(
            "invalid_token", gettext("This token is not valid: check it, or create a new one from your account.")
        )
    state = token.state(timezone.localdate(now))
    if state == ApiToken.State.REVOKED:
        raise Refused("token_revoked", gettext("This token has been revoked: create a new one from your account."))
    if state == ApiToken.State.EXPIRED:
        raise Refused("token_expired", gettext("This token has expired: create a new one from your account."))
    touch(token, now)
    return token


def touch(token: ApiToken, now: datetime.datetime) -> None:
    """Record that the token was used (at most once a minute, to keep requests cheap)."""
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        _audit_use(token)


def _audit_use(token: ApiToken) -> None:
    """The audit log's "API token used" (it folds repeated uses from one address together)."""
    if not apps.is_installed("maturity.audit"):
        return
    from maturity.audit.services import record

    record(
        kind="token-used",
        actor=token.user,
        organisation=token.organisation,
        subject=f"{token.name} ({token.prefix}…)",
        details={"scope": token.scope},
    )
