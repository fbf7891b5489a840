"""Two rules applied to every request of a signed-in user.

- `session_limits`: a session ends SESSION_MAX_SECONDS after signing in, however active it is,
  and SESSION_COOKIE_AGE (the idle limit) after its last renewal. The idle limit is pushed back
  by a request at most once a minute (`renewal_interval`): renewing means writing the session,
  and a write on every page would cost every signed-in request a database write. So a session
  ends between SESSION_COOKIE_AGE less a minute and SESSION_COOKIE_AGE after its last request.
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
RENEWED_AT = "idle_limit_renewed_at"


def renewal_interval() -> float:
    """Seconds between two renewals of the idle limit: a minute, or a thirtieth of the limit if shorter."""
    return min(60.0, settings.SESSION_COOKIE_AGE / 30)


def remember_sign_in_time(sender, request, user, **kwargs) -> None:
    """Connected to `user_logged_in`, so every way of signing in starts the clock."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[RENEWED_AT] = time.time()


def session_limits(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SIGNED_IN_AT)
            if not isinstance(started, (int, float)):
                request.session[SIGNED_IN_AT] = now  # a session from before this rule
            elif now - started > settings.SESSION_MAX_SECONDS:
                logout(request)
                return redirect("accounts:session-ended")
            renewed = request.session.get(RENEWED_AT)
            if not isinstance(renewed, (int, float)) or not 0 <= now - renewed < renewal_interval():
                # Changing the session saves it, with its expiry SESSION_COOKIE_AGE from now.
                request.session[RENEWED_AT] = now
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
