"""Two rules applied to every request of a signed-in user.

- `session_limits`: a session ends SESSION_MAX_SECONDS after signing in, however active it is.
  (The idle limit is Django's own: SESSION_COOKIE_AGE, renewed on every request.)
- `two_factor_required`: a national administrator or group lead without an authenticator app
  is sent to set one up before any other page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from maturity.accounts import two_factor

SIGNED_IN_AT = "signed_in_at"


def remember_sign_in_time(sender, request, user, **kwargs) -> None:
    """Connected to `user_logged_in`, so every way of signing in starts the clock."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


def session_limits(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if not isinstance(started, (int, float)):
                request.session[SIGNED_IN_AT] = time.time()  # a session from before this rule
            elif time.time() - started > settings.SESSION_MAX_SECONDS:
                logout(request)
                return redirect("accounts:session-ended")
        return get_response(request)

    return middleware


def _open_paths() -> tuple[str, ...]:
    """What someone who must set up two-factor authentication can still reach."""
    return (
        reverse("accounts:two-factor"),  # and the set-up and recovery code pages below it
        reverse("accounts:sign-out"),
        reverse("accounts:signed-out"),
        reverse("accounts:session-ended"),
        settings.STATIC_URL,
    )


def two_factor_required(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and two_factor.is_required_for(user)
            and not two_factor.has_two_factor(user)
            and not request.path.startswith(_open_paths())
        ):
            return redirect("accounts:two-factor-set-up")
        return get_response(request)

    return middleware
