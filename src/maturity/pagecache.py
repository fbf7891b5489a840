"""Parts of pages that are rendered once and kept: those whose text depends only on what their key
names (a published framework version, a published round's frozen figures, a preview's inputs).

A kept part is in the cache every app server shares (docs/adr/0020-running-as-a-service.md) and,
for the most used few hundred, in this process too, so that a repeat costs nothing at all. Keys
never need clearing: a key names everything the text depends on, plus `release()`, which changes
with the code, templates and static files of a deployment (the shared cache outlives it).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

T = TypeVar("T")
logger = logging.getLogger(__name__)

KEPT_IN_PROCESS = 256
KEPT_IN_CACHE_SECONDS = 7 * 24 * 60 * 60  # unused parts leave the shared cache in a week
_local: OrderedDict[str, object] = OrderedDict()
_lock = threading.Lock()


@functools.cache
def release() -> str:
    """A fingerprint of what renders pages in this deployment: the package's code, templates and
    data, and the collected static files' manifest (pages name static files by their hash)."""
    digest = hashlib.sha256()
    package = Path(settings.PACKAGE_DIR)
    for path in sorted(package.rglob("*")):
        if (
            path.suffix in {".py", ".html", ".txt", ".yaml", ".json", ".mo"}
            and "static" not in path.relative_to(package).parts
        ):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def kept(key: tuple, build: Callable[[], T]) -> T:
    """The part named by `key`, as kept, or `build()` (then kept): one for each language."""
    name = (
        f"page:{release()}:{translation.get_language()}:{key[0]}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"
    )
    with _lock:
        if name in _local:
            _local.move_to_end(name)
            return _local[name]  # type: ignore[return-value]
    value = cache.get(name)
    if value is None:
        value = build()
        cache.set(name, value, KEPT_IN_CACHE_SECONDS)
    with _lock:
        _local[name] = value
        while len(_local) > KEPT_IN_PROCESS:
            _local.popitem(last=False)
    return value


def forget_in_process() -> None:
    """As another app server would start: nothing kept in this process (the shared cache stays)."""
    with _lock:
        _local.clear()
    forget_signed_in()


def public(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Open data and the public framework: shared caches may keep the page for visitors who are not
    signed in (a signed-in page carries the person's name and is never stored)."""
    if not request.user.is_authenticated:
        response["Cache-Control"] = "public, max-age=300"
        patch_vary_headers(response, ["Cookie"])
    return response


# --- A signed-in person's pages, kept until anything is written ---------------------------------
#
# The pages a lead reads most (task list, results, an area, the action plan) take 10-25 ms of the
# server's time each, and their text depends on almost everything: answers, actions, comments,
# evidence, other organisations' submissions, published rounds. No key could name all that, so a
# kept page is keyed by the data's *generation*: a token in the shared cache that every write to
# the database replaces (on commit), plus a count of this process's own writes (which also covers
# writes in a transaction not yet committed). Any write anywhere, by any app server or the worker,
# makes every kept page be made again; a page is never shown from before a write.
# docs/adr/0026-kept-signed-in-pages.md.

DATA_TOKEN = "pages:data"
KEPT_SIGNED_IN_BYTES = 8 * 2**20  # per process: the most recently read pages up to this size
KEPT_SIGNED_IN_SECONDS = 300  # a bound on staleness should the shared cache fail during a write
# Written on every request for reasons of their own, and shown on no kept page: a session's
# content never changes a kept page (messages, which it may carry, are never kept).
NOT_DATA = frozenset({"django_session", settings.CACHES["default"].get("LOCATION", "")})
# Statements that change rows (not the schema: a migration's data changes are such statements).
_WRITE = re.compile(
    r"\s*(?:INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|MERGE|COPY|WITH\b.*\b(?:INSERT|UPDATE|DELETE))\b",
    re.IGNORECASE | re.DOTALL,
)
_TARGET = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_signed_in: OrderedDict[tuple, tuple[bytes, str, float]] = OrderedDict()
_signed_in_bytes = 0
_writes_here = itertools.count()
_written = 0  # how many writes this process has made: part of every key


def is_data_write(sql: str) -> bool:
    """Whether a statement may change what a page shows: one that changes rows, of a table not in
    NOT_DATA."""
    if not _WRITE.match(sql):
        return False
    target = _TARGET.match(sql)
    return target is None or target.group(1) not in NOT_DATA


def watch_writes(execute, sql, params, many, context):
    """Django's execute wrapper, on every database connection (operations/apps.py)."""
    connection = context["connection"]
    if getattr(connection, "data_changed", False):  # the last statement, a write outside a transaction, is done
        if connection.in_atomic_block:  # never inside a transaction: a failure there would abort it
            connection.data_changed = False
            connection.on_commit(_new_generation)
        else:
            tell_data_changed(connection)
    result = execute(sql, params, many, context)
    if is_data_write(sql):
        data_changed(connection)
    return result


def data_changed(connection: BaseDatabaseWrapper | None = None) -> None:
    """Something was written: pages kept before are made again. Called by `watch_writes`, and by
    whatever writes past Django's cursor (COPY). The other processes are told when the write is
    committed, not during its statement: a cursor may not have been read yet (INSERT ... RETURNING)."""
    global _written
    _written = next(_writes_here) + 1
    connection = connection or connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        connection.data_changed = True  # told at its next statement, or when the request or command ends
    elif not any(entry[1] is _new_generation for entry in connection.run_on_commit):
        connection.on_commit(_new_generation)  # once a transaction


def tell_data_changed(connection: BaseDatabaseWrapper | None = None, **kwargs) -> None:
    """Tells the other processes of writes made outside a transaction on `connection` (or any)."""
    for each in [connection] if connection is not None else connections.all(initialized_only=True):
        if getattr(each, "data_changed", False):
            each.data_changed = False
            _new_generation()


def _new_generation() -> None:
    try:
        cache.set(DATA_TOKEN, secrets.token_hex(8), None)
    except Exception as error:
        # The shared cache is down (or, in a database's first `migrate`, not made yet). This process
        # forgets its kept pages; the other app servers' are at most KEPT_SIGNED_IN_SECONDS old.
        logger.warning("Could not mark the data as changed in the shared cache: %s", error)
        forget_signed_in()


def data_generation() -> tuple[str, int]:
    """The data's generation: the shared token (a new random one if the cache lost it, never one
    used before), and this process's count of its own writes."""
    token = cache.get(DATA_TOKEN)
    if token is None:
        cache.add(DATA_TOKEN, secrets.token_hex(8), None)
        token = cache.get(DATA_TOKEN)
    return token, _written


def _signed_in_key(request: HttpRequest, view: Callable) -> tuple | None:
    """What a signed-in page's text may depend on, or None when it must be made afresh: not a GET,
    no one signed in, messages waiting to be shown, or no CSRF cookie yet (the page's forms would
    carry a token the browser cannot match)."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    if settings.CSRF_COOKIE_NAME not in request.COOKIES or len(messages.get_messages(request)):
        return None
    return (
        view.__module__,
        view.__qualname__,
        request.get_full_path(),
        request.META.get("HTTP_COOKIE", ""),
        request.user.pk,
        request.session.session_key,
        translation.get_language(),
        timezone.localdate(),
        data_generation(),
    )


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page a signed-in person reads (never one that writes on GET), kept in this process and
    served again to the same session until anything is written, the day changes or the process
    restarts. Apply it under @login_required, so that signing out is always seen."""

    @functools.wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _signed_in_key(request, view)
        if key is not None:
            with _lock:
                found = _signed_in.get(key)
                if found is not None:
                    _signed_in.move_to_end(key)
            if found is not None and time.monotonic() - found[2] < KEPT_SIGNED_IN_SECONDS:
                get_token(request)  # as the page's forms did: the CSRF cookie is sent again, renewed
                return HttpResponse(found[0], content_type=found[1])
        response = view(request, *args, **kwargs)
        if (
            key is not None
            and response.status_code == 200
            and not response.streaming
            and _same_cookies(request, response)
            and key == _signed_in_key(request, view)
        ):
            _keep_signed_in(key, response.content, response["Content-Type"])
        return response

    return page


def _same_cookies(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the page sets no cookie, or only sends the CSRF cookie the browser already has."""
    return all(
        name == settings.CSRF_COOKIE_NAME and morsel.value == request.COOKIES.get(name)
        for name, morsel in response.cookies.items()
    )


def forget_signed_in() -> None:
    global _signed_in_bytes
    with _lock:
        _signed_in.clear()
        _signed_in_bytes = 0


def _keep_signed_in(key: tuple, content: bytes, content_type: str) -> None:
    global _signed_in_bytes
    with _lock:
        if key in _signed_in:
            _signed_in_bytes -= len(_signed_in.pop(key)[0])
        _signed_in[key] = (content, content_type, time.monotonic())
        _signed_in_bytes += len(content)
        while _signed_in_bytes > KEPT_SIGNED_IN_BYTES and _signed_in:
            _signed_in_bytes -= len(_signed_in.popitem(last=False)[1][0])
