"""Throttling repeated failures: wrong passwords, wrong codes and password reset requests.

A wrong password is counted the same wherever it is typed: signing in, or confirming an action
with one's password (changing it, deleting the account, turning off two-factor authentication:
`confirm_password`), so a stolen session cannot be used to guess the password either.

Each counted event is a row in the database (the app servers are stateless). Once `limit`
events for one key fall within `window`, that key is locked for `lock` from the event that
reached the limit; attempts while locked are refused without being checked or counted, so a
lock ends on time however often someone keeps trying.

What is counted is an email address as typed (whether or not it has an account, so a lock
reveals nothing about who has one), a client address, or a user. Keys are stored as keyed
hashes, never as addresses.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from maturity.accounts.models import SignInAttempt
from maturity.client_address import client_address


@dataclass(frozen=True)
class Limit:
    kind: str
    limit: int
    window: datetime.timedelta
    lock: datetime.timedelta

    @property
    def minutes(self) -> int:
        return max(1, round(self.lock.total_seconds() / 60))


def _limit(kind: str, limit: int) -> Limit:
    seconds = datetime.timedelta(seconds=settings.SIGN_IN_LOCK_SECONDS)
    return Limit(kind=kind, limit=limit, window=seconds, lock=seconds)


# Built from settings when used, so that a deployment (or a test) can change the numbers.
def password_per_account() -> Limit:
    return _limit("password-account", settings.SIGN_IN_MAX_FAILURES)


def password_per_client() -> Limit:
    """Shared by wrong passwords and wrong codes from one client address."""
    return _limit("sign-in-client", settings.SIGN_IN_MAX_FAILURES_PER_IP)


def code_per_user() -> Limit:
    return _limit("code-user", settings.SIGN_IN_MAX_FAILURES)


def reset_per_address() -> Limit:
    return _limit("reset-address", settings.SIGN_IN_MAX_FAILURES)


def reset_per_client() -> Limit:
    return _limit("reset-client", settings.SIGN_IN_MAX_FAILURES_PER_IP)


def locked_until(
    times: Sequence[datetime.datetime],
    *,
    now: datetime.datetime,
    limit: int,
    window: datetime.timedelta,
    lock: datetime.timedelta,
) -> datetime.datetime | None:
    """When the lock that `times` (counted events, oldest first) put on a key ends, or None.

    A lock starts at any event that is the `limit`-th within `window`, and lasts `lock`.
    """
    end = None
    for i in range(limit - 1, len(times)):
        if times[i] - times[i - limit + 1] <= window:
            end = times[i] + lock
    return end if end is not None and end > now else None


def _key(limit: Limit, value: str | None) -> str:
    # An address that could not be told (None) is one key of its own.
    message = f"{limit.kind}:{(value or '').strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def is_locked(limit: Limit, value: str | None) -> bool:
    now = timezone.now()
    times = list(
        SignInAttempt.objects.filter(
            kind=limit.kind, key=_key(limit, value), created_at__gt=now - limit.window - limit.lock
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    return locked_until(times, now=now, limit=limit.limit, window=limit.window, lock=limit.lock) is not None


def record(limit: Limit, value: str | None) -> None:
    now = timezone.now()
    SignInAttempt.objects.create(kind=limit.kind, key=_key(limit, value), created_at=now)
    SignInAttempt.objects.filter(
        created_at__lt=now - 2 * max(limit.window + limit.lock, datetime.timedelta(hours=1))
    ).delete()


def clear(limit: Limit, value: str | None) -> None:
    """Forget the events for one key (after a correct password or code for that account)."""
    SignInAttempt.objects.filter(kind=limit.kind, key=_key(limit, value)).delete()


TOO_MANY_PASSWORDS = gettext_lazy(
    "You have entered too many incorrect passwords. Wait %(minutes)s minutes, then try again"
)


def confirm_password(request: HttpRequest, user, password: str, *, wrong: StrOrPromise) -> str | None:
    """Check the password `user` typed to confirm an action, counted as a sign-in would be (per
    account and per client address): None when it is right, else the message for the form
    (`wrong`, or that there have been too many wrong passwords)."""
    account, client = password_per_account(), password_per_client()
    address = client_address(request)
    if is_locked(account, user.email) or is_locked(client, address):
        return TOO_MANY_PASSWORDS % {"minutes": account.minutes}
    if password and user.check_password(password):
        clear(account, user.email)
        return None
    record(account, user.email)
    record(client, address)
    return wrong
