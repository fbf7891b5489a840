"""The type of a request that a sign-in check let through, for annotations only.

`request.user` is `User | AnonymousUser` to the type checker; behind `login_required` (or the
organisation access helper) it is always a `User`, and a view annotated with `SignedInRequest` says so
once instead of narrowing on every use. Django still passes the ordinary `HttpRequest`.
"""

from __future__ import annotations

from django.http import HttpRequest

from maturity.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User
