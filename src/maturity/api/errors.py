"""Every error of the API has one shape: {"error": {"code", "message"}}, plus "fields" (each
field's messages) when input is not valid, with the HTTP status that fits (docs/adr/0014)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from maturity.api.services import Refused

logger = logging.getLogger("maturity.api")

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_failed",
    429: "too_many_requests",
    500: "server_error",
}
AUTHENTICATE = 'Bearer realm="api"'


class ApiError(Exception):
    """An answer other than success, raised from anywhere in an operation."""

    def __init__(
        self, status: int, code: str, message: str, *, fields: dict[str, list[str]] | None = None, **extra: Any
    ):
        self.status = status
        self.code = code
        self.message = str(message)
        self.fields = fields
        self.extra = extra
        super().__init__(message)


def body(code: str, message: str, fields: dict[str, list[str]] | None = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    error.update(extra)
    return {"error": error}


def json_error(status: int, code: str, message: str, **kwargs: Any) -> JsonResponse:
    response = JsonResponse(body(code, message, **kwargs), status=status)
    if status == 401:
        response["WWW-Authenticate"] = AUTHENTICATE
    return response


def field_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Pydantic's errors by field: ("body", "payload", "current_level") -> "current_level"."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[2:] if len(loc) > 2 else loc[1:]
        elif loc:
            loc = loc[1:]
        if loc and loc[0] in {"paging", "filters"}:  # the name of a query schema parameter
            loc = loc[1:]
        name = ".".join(part for part in loc if "[" not in part) or "body"  # not pydantic's union tags
        fields.setdefault(name, []).append(str(error.get("msg", "Not valid")))
    return fields


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, code: str, message: str, **kwargs: Any) -> HttpResponse:
        response = api.create_response(request, body(code, message, **kwargs), status=status)
        if status == 401:
            response["WWW-Authenticate"] = AUTHENTICATE
        return response

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, fields=exc.fields, **exc.extra)

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return respond(request, 401, exc.code, exc.message)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        places = {str(error.get("loc", ("",))[0]) for error in exc.errors}
        fields = field_errors(exc.errors)
        if places == {"path"}:
            return respond(request, 404, "not_found", gettext("There is nothing at this address."))
        if "body" in places:
            return respond(
                request, 422, "validation_failed", gettext("The request body is not valid: see fields."), fields=fields
            )
        return respond(
            request, 400, "bad_request", gettext("The query parameters are not valid: see fields."), fields=fields
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request,
            401,
            "not_authenticated",
            gettext("Send a personal access token in the header Authorization: Bearer <token>."),
        )

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return respond(request, 429, "too_many_requests", gettext("Too many requests: wait a little, then try again."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc)
        if exc.status_code == 400:
            message = gettext("The request body is not valid JSON.")
        return respond(request, exc.status_code, CODES.get(exc.status_code, "error"), message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", str(exc) or gettext("There is nothing at this address."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "forbidden", str(exc) or gettext("You may not do this."))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Called by ninja while the exception is being handled, so the log has its traceback.
        logger.exception("API error on %s %s", request.method, request.path)  # noqa: LOG004
        return respond(request, 500, "server_error", gettext("Something went wrong on our side: it has been logged."))
