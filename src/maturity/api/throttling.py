"""Rate limits of the API: per token, and per address for calls without a token.

Counts are kept in Django's cache, which every app server shares (the database's cache table, or
Redis: docs/adr/0020-running-as-a-service.md), so a limit holds however many app servers there are.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from maturity.api.auth import TokenAccess
from maturity.client_address import client_address

TOKEN_RATE = "600/min"
ANONYMOUS_RATE = "120/min"


class TokenThrottle(SimpleRateThrottle):
    scope = "api-token"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        auth = getattr(request, "auth", None)
        if not isinstance(auth, TokenAccess):
            return None
        return self.cache_format % {"scope": self.scope, "ident": auth.token.pk}


class AnonymousThrottle(SimpleRateThrottle):
    scope = "api-anonymous"

    def get_ident(self, request: HttpRequest) -> str | None:
        """The caller's address (maturity.client_address: one setting, BEHIND_PROXY, decides
        whether the proxy's X-Forwarded-For is trusted)."""
        return client_address(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if isinstance(getattr(request, "auth", None), TokenAccess):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


TOKEN = TokenThrottle(TOKEN_RATE)
ANONYMOUS = AnonymousThrottle(ANONYMOUS_RATE)
THROTTLES = [TOKEN, ANONYMOUS]
