"""The calling token itself: what it is for and what it may do now."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from maturity.api import represent
from maturity.api.auth import BearerToken, caller, can_write
from maturity.api.schemas import TokenOut, errors

router = Router(auth=BearerToken())


@router.get(
    "/token",
    response={200: TokenOut, **errors(401, 429)},
    url_name="token",
    tags=["Your token"],
    summary="Read the token you are calling with",
)
def token(request: HttpRequest):
    """Its organisation, scope and expiry, your role there now and whether the token can write."""
    t = caller(request).token
    membership = t.user.memberships.filter(organisation=t.organisation).first()
    return represent.token(t, role=membership.role if membership else None, can_write=can_write(t))
