"""Request bodies held to a size limit before they are read.

A request whose `Content-Length` says it is larger than its view accepts is answered 413 with a
page that says the limit, before anything reads its body (not even the CSRF check, which reads a
form): the `upload_limits` middleware does it when the request comes in, from the view the address
resolves to. A view takes files larger than MAX_REQUEST_BYTES only if it says so with
`@upload_limit(bytes)`; the limit it gives is that of its largest file, and a little room is left
for the rest of the form. A body sent without a length (chunked) is left to Django's own limits
and to each form's check of the file's size.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

MEGABYTE = 1024 * 1024
FORM_ROOM = MEGABYTE  # the form's other fields and the multipart boundaries, beside the file


def upload_limit(max_bytes: int):
    """The largest file this view accepts (its request may be FORM_ROOM larger)."""

    def decorate(view):
        view.upload_limit = max_bytes
        return view

    return decorate


def limit_for(request: HttpRequest) -> int:
    """The largest body the view at this address accepts, in bytes."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return settings.MAX_REQUEST_BYTES
    own = getattr(view, "upload_limit", None)
    return settings.MAX_REQUEST_BYTES if own is None else own + FORM_ROOM


def upload_limits(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = limit_for(request)
            if length > limit:
                return too_large(request, limit)
        return get_response(request)

    return middleware


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    response = render(request, "413.html", {"limit_mb": max((limit - FORM_ROOM) // MEGABYTE, 1)}, status=413)
    # The body was never read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response
