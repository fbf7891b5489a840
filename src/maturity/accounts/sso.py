"""Single sign-on with an OpenID Connect provider (for example a council's Microsoft Entra ID).

Authlib does the protocol: the authorization code flow with PKCE (S256), `state` kept in the
session, a `nonce` in the ID token, and the ID token's signature checked against the provider's
published keys (JWKS) along with its issuer, audience and expiry. This module decides who the
person is: an existing account with the same *verified* email address, or, for an address with
an open invitation, a new account that accepts it. Nobody else gets an account.

It is off unless OIDC_CLIENT_ID and an issuer (or discovery URL) are set; see settings.py.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from maturity.accounts.models import User

log = logging.getLogger(__name__)
NAME = "oidc"
HTTP_TIMEOUT_SECONDS = 10


def enabled() -> bool:
    return bool(settings.OIDC_CLIENT_ID and settings.OIDC_DISCOVERY_URL)


DEFAULT_BUTTON_TEXT = "Sign in with your council account"


def button_text() -> str:
    """The single sign-on button's text: the configured one, or ours in the page's language."""
    if not enabled():
        return ""
    if settings.OIDC_BUTTON_TEXT == DEFAULT_BUTTON_TEXT:
        return gettext("Sign in with your council account")
    return settings.OIDC_BUTTON_TEXT


@functools.lru_cache(maxsize=4)
def _client(discovery_url: str, client_id: str, client_secret: str, scopes: str):
    """One client per configuration, so the provider's metadata and keys are fetched once per
    process (and the keys again when a token names a key that is not yet known)."""
    oauth = OAuth()
    return oauth.register(
        name=NAME,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=discovery_url,
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "default_timeout": HTTP_TIMEOUT_SECONDS},
    )


def client():
    return _client(
        settings.OIDC_DISCOVERY_URL, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, settings.OIDC_SCOPES
    )


def redirect_uri() -> str:
    """Built from SITE_URL, never from the request's Host header."""
    return settings.SITE_URL + reverse("accounts:sso-callback")


# --- from the ID token's claims to an account -------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What single sign-on found: a user to sign in, or the reason there is none."""

    user: User | None = None
    refusal: str = ""  # "unverified", "no-account"
    email: str = ""
    joined: tuple[str, ...] = ()  # names of organisations joined by accepting invitations


def _is_true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def account_for_claims(claims: dict) -> Outcome:
    """The account the provider's verified email address belongs to.

    An unknown address gets no account, unless it has open invitations: then a new account
    (without a password: it signs in through the provider) accepts them all.
    """
    email = str(claims.get("email") or "").strip().lower()
    if not email or not _is_true(claims.get("email_verified")):
        return Outcome(refusal="unverified", email=email)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return Outcome(user=user, email=email) if user.is_active else Outcome(refusal="no-account", email=email)
    return _accept_invitations(email, full_name=str(claims.get("name") or "").strip())


def _accept_invitations(email: str, *, full_name: str) -> Outcome:
    from maturity.organisations import services
    from maturity.organisations.models import Invitation

    with transaction.atomic():
        invitations = list(
            Invitation.objects.select_related("organisation")
            .filter(email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("created_at")
        )
        if not invitations:
            return Outcome(refusal="no-account", email=email)
        first, *others = invitations
        user = services.create_account_and_join(invitation=first, full_name=full_name or email, password=None)
        for invitation in others:
            services.join_organisation(invitation=invitation, user=user)
    log.info("Single sign-on created an account for an invited address and accepted %d invitation(s)", len(invitations))
    return Outcome(user=user, email=email, joined=tuple(i.organisation.name for i in invitations))
