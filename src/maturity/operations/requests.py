"""One structured log line per request, and the request's id returned as X-Request-ID.

`request_log` is the first middleware: it sees every request (static files and health probes
too), sets `maturity.request_context` for everything that runs while the request is served, and
logs, when the response is ready: the method, the path (never the query string, and with secret
parts of addresses such as reset tokens replaced), the status, the duration, and the ids of the
user and of the organisation whose data was reached. Every other log line written meanwhile
carries the same request id (`operations.logs.RequestContextFilter`).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from maturity import request_context

logger = logging.getLogger("maturity.requests")

# A proxy's own request id is kept when it looks like one (letters, digits and a few marks), so
# that its log and ours can be joined; anything else is replaced by a new id.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}\Z")
# Parts of addresses that are secrets: a password reset link's, an invitation's.
SECRET_PARTS = frozenset({"token", "uidb64"})
PROBES = frozenset({"/healthz", "/readyz"})


def new_request_id(request: HttpRequest) -> str:
    if settings.BEHIND_PROXY:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        if WELL_FORMED_ID.match(incoming):
            return incoming
    return uuid.uuid4().hex


def request_log(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        rid = request.request_id = new_request_id(request)
        id_token = request_context.request_id.set(rid)
        organisation_token = request_context.organisation_id.set(None)
        started = time.perf_counter()
        try:
            response = get_response(request)
            response["X-Request-ID"] = rid
            log_request(request, response, duration=time.perf_counter() - started)
            return response
        finally:
            request_context.organisation_id.reset(organisation_token)
            request_context.request_id.reset(id_token)

    return middleware


def log_request(request: HttpRequest, response: HttpResponse, *, duration: float) -> None:
    path = loggable_path(request)
    level = logging.DEBUG if request.path in PROBES else logging.INFO
    logger.log(
        level,
        "%s %s %s",
        request.method,
        path,
        response.status_code,
        extra={
            "method": request.method,
            "path": path,
            "status": response.status_code,
            "duration_ms": round(duration * 1000, 1),
            "user_id": user_id(request),
            "organisation_id": request_context.organisation_id.get(),
        },
    )


def loggable_path(request: HttpRequest) -> str:
    """The path, with the secret parts of a matched address replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_PARTS and isinstance(value, str) and value:
                path = path.replace(value, "[redacted]")
    return path


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, or the API token's user's."""
    token = getattr(getattr(request, "auth", None), "token", None)
    if token is not None:
        return token.user_id
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.pk
    return None
