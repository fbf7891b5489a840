"""Signing in through the identity provider: start (a redirect to it) and callback (its answer)."""

from __future__ import annotations

import logging

import requests
from authlib.integrations.base_client import OAuthError
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError

from maturity.accounts import sso, two_factor
from maturity.accounts.views import _safe_next, _start_page

log = logging.getLogger(__name__)
NEXT_KEY = "sso_next"


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """A link, not a form: browsers apply the page's `form-action 'self'` to a form's redirects."""
    if not sso.enabled():
        raise Http404("Single sign-on is not set up")
    request.session[NEXT_KEY] = _safe_next(request)
    try:
        return sso.client().authorize_redirect(request, sso.redirect_uri())
    except (requests.RequestException, ValueError, RuntimeError) as error:
        log.warning("Single sign-on could not reach the identity provider: %s", error)
        return _failed(request, "unreachable", status=502)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    if not sso.enabled():
        raise Http404("Single sign-on is not set up")
    if request.GET.get("error"):
        log.info("The identity provider answered %s", request.GET.get("error"))
        return _failed(request, "cancelled")
    app = sso.client()
    try:
        metadata = app.load_server_metadata()
        issuer = settings.OIDC_ISSUER or metadata.get("issuer")
        if not issuer or metadata.get("issuer") != issuer:
            raise ValueError(f"the provider's issuer {metadata.get('issuer')!r} is not {issuer!r}")
        token = app.authorize_access_token(
            request,
            claims_options={
                "iss": {"essential": True, "value": issuer},
                "aud": {"essential": True, "value": settings.OIDC_CLIENT_ID},
            },
        )
    except OAuthError as error:  # a wrong or replayed state, or the token endpoint refused the code
        log.warning("Single sign-on failed: %s", error)
        return _failed(request, "failed")
    except (JoseError, ValueError, KeyError, requests.RequestException) as error:  # a bad ID token, or no answer
        log.warning("Single sign-on refused an answer from the identity provider: %r", error)
        return _failed(request, "failed")
    claims = token.get("userinfo")
    if not claims:
        log.warning("Single sign-on got no ID token")
        return _failed(request, "failed")
    outcome = sso.account_for_claims(dict(claims))
    if outcome.user is None:
        return _failed(request, outcome.refusal, email=outcome.email, status=403)
    for name in outcome.joined:
        messages.success(request, gettext("You have joined %(organisation)s") % {"organisation": name})
    next_url = request.session.pop(NEXT_KEY, "") or _start_page(outcome.user)
    if two_factor.continue_sign_in(request, outcome.user, next_url=next_url, method="sso"):
        return redirect("accounts:two-factor-code")
    return redirect(next_url)


def _failed(request: HttpRequest, reason: str, *, email: str = "", status: int = 400) -> HttpResponse:
    request.session.pop(NEXT_KEY, None)
    return render(
        request,
        "accounts/sso_failed.html",
        {"reason": reason, "email": email, "button_text": sso.button_text()},
        status=status,
    )
