"""Who is calling: a personal access token sent as `Authorization: Bearer <token>`, and only that.

The API never reads the session cookie, so a page open in the browser cannot make API calls on
its user's behalf (and CSRF does not arise: docs/adr/0014-json-api.md). A token's rights are the
intersection of its scope and its user's role in the token's organisation *now*: a token for
organisation A gets 404 for anything of organisation B, exactly as a member of A does on the web
(`organisations.access.organisation_for`); a demoted user's write token can no longer write.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja.security import HttpBearer

from maturity.api.errors import ApiError
from maturity.api.models import ApiToken
from maturity.api.services import Refused, authenticate
from maturity.organisations.access import Access, organisation_for
from maturity.organisations.models import Role


@dataclass(frozen=True)
class TokenAccess:
    token: ApiToken

    @property
    def user(self):
        return self.token.user

    def __str__(self) -> str:  # the throttle's key
        return f"token:{self.token.pk}"


class Anonymous:
    """A caller with no token, on an operation that is public."""

    def __str__(self) -> str:
        return "anonymous"


ANONYMOUS = Anonymous()


def _from_header(request: HttpRequest) -> TokenAccess | None:
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Refused("invalid_token", gettext("Send the token in the header Authorization: Bearer <token>."))
    return TokenAccess(authenticate(secret.strip()))


class BearerToken(HttpBearer):
    """A personal access token is required (401 without one, or with one that is not valid)."""

    def __call__(self, request: HttpRequest) -> TokenAccess | None:
        return _from_header(request)

    def authenticate(self, request: HttpRequest, token: str) -> TokenAccess | None:  # pragma: no cover
        return _from_header(request)


def optional_token(request: HttpRequest) -> TokenAccess | Anonymous:
    """Public operations: no token is needed, but one that is sent must be valid (401 otherwise)."""
    return _from_header(request) or ANONYMOUS


def caller(request: HttpRequest) -> TokenAccess:
    auth = getattr(request, "auth", None)
    if not isinstance(auth, TokenAccess):  # pragma: no cover - BearerToken guarantees it
        raise ApiError(401, "not_authenticated", gettext("Send a personal access token."))
    return auth


def organisation_for_token(request: HttpRequest, slug: str, *, write: bool = False) -> Access:
    """The organisation `slug` as the calling token may see it: the token's own organisation, of
    which its user is still a member (404 otherwise, as on the web). With `write`, the token's
    scope must be write (403) and its user a contributor or lead now (403)."""
    access_token = caller(request)
    token = access_token.token
    if token.organisation.slug != slug:
        raise Http404(gettext("No such organisation"))
    access = organisation_for(SimpleNamespace(user=token.user), slug)
    if write:
        if token.scope != ApiToken.Scope.WRITE:
            raise ApiError(
                403, "read_only_token", gettext("This token is read only: create a token with read and write scope.")
            )
        if not access.membership.can(Role.CONTRIBUTOR):
            raise ApiError(
                403,
                "role_too_low",
                gettext("You need to be a contributor or lead of %(organisation)s to change its data.")
                % {"organisation": access.organisation.name},
            )
    return access


def can_write(token: ApiToken) -> bool:
    """The token's effective right to write: its scope and its user's current role."""
    if token.scope != ApiToken.Scope.WRITE:
        return False
    membership = token.user.memberships.filter(organisation=token.organisation).first()
    return membership is not None and membership.can(Role.CONTRIBUTOR)
