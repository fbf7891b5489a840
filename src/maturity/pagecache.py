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
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

T = TypeVar("T")

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
        if path.suffix in {".py", ".html", ".txt", ".yaml", ".json", ".mo"} and "static" not in path.relative_to(package).parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def kept(key: tuple, build: Callable[[], T]) -> T:
    """The part named by `key`, as kept, or `build()` (then kept): one for each language."""
    name = f"page:{release()}:{translation.get_language()}:{key[0]}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"
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


def public(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Open data and the public framework: shared caches may keep the page for visitors who are not
    signed in (a signed-in page carries the person's name and is never stored)."""
    if not request.user.is_authenticated:
        response["Cache-Control"] = "public, max-age=300"
        patch_vary_headers(response, ["Cookie"])
    return response
