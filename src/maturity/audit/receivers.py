"""Sign-ins, failed sign-ins and sign-outs, from Django's own signals.

Whatever signs a person in (the password form, single sign-on, a second factor) ends in
`django.contrib.auth.login`, so every way in is recorded here. A failed attempt records the
email address typed, never the password (Django blanks it before sending the signal).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from maturity.audit.services import label_of, record

EMAIL_MAX = 254


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def signed_in(sender, request, user, **kwargs) -> None:
    details = {}
    backend = getattr(user, "backend", "") or ""
    if backend:
        details["backend"] = backend.rsplit(".", 1)[-1]
    record(kind="sign-in", actor=user, subject=label_of(user), subject_user=user, details=details, request=request)


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    User = get_user_model()
    typed = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:EMAIL_MAX]
    account = User.objects.filter(email__iexact=typed).first() if typed else None
    record(
        kind="sign-in-failed",
        actor=None,
        actor_label=typed or "Unknown",
        subject=typed,
        subject_user=account,
        details={"account_exists": account is not None},
        request=request,
    )


@receiver(user_logged_out, dispatch_uid="audit-sign-out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is None or not user.is_authenticated or user.pk is None:
        return  # nobody was signed in, or the account was just deleted (recorded as such)
    record(kind="sign-out", actor=user, subject=label_of(user), subject_user=user, request=request)
