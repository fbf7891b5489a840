"""The client's address, worked out in one place: for the audit log, the sign-in and reset
throttles and the API's rate limits (docs/adr/0027-layers.md).

One setting decides whether the proxy is trusted: BEHIND_PROXY (README, "Running in production").
Behind it, the client is the address the proxy appended last to X-Forwarded-For; the earlier
entries come from the client and could be anything, so a client cannot choose its own address.
Otherwise it is the connection's own address. SECURE_PROXY_SSL_HEADER follows from BEHIND_PROXY in
settings.py and is not read here, so the two cannot disagree.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when what we were given is not an IP address."""
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            candidate = forwarded[-1]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
