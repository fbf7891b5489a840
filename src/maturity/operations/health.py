"""`/healthz` and `/readyz`, for load balancers and orchestrators.

- `/healthz`: the process answers (200, `{"status": "ok"}`); nothing else is touched.
- `/readyz`: the process can serve: the database answers, every migration is applied, the
  shared cache answers, and background jobs are being taken (the oldest waiting job has waited
  less than READY_MAX_JOB_WAIT_SECONDS). 200 `{"status": "ok", "checks": {...}}` or 503 `{"status": "unavailable",
  "checks": {...}}`, each check `"ok"` or a word saying what is wrong; never an address, a version
  or an error message.

Both are answered by the second middleware, before host validation, HTTPS redirects, sessions,
sign-in, two-factor and throttling: a probe comes with no session, by plain HTTP, often with the
instance's address as its host name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

OK = "ok"
_migrations_applied = False  # once true for this process, true until the next deployment restarts it


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Readiness: the database did not answer", exc_info=True)
        return "unreachable"
    return OK


def check_migrations() -> str:
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return "unknown"
    return OK if _migrations_applied else "pending"


def check_cache() -> str:
    try:
        cache.get("readyz")
    except Exception:  # a cache backend raises its own kinds (Redis's ConnectionError, a DatabaseError...)
        logger.warning("Readiness: the cache did not answer", exc_info=True)
        return "unreachable"
    return OK


def check_jobs() -> str:
    """The job that has waited longest to start has waited less than READY_MAX_JOB_WAIT_SECONDS:
    longer, and no worker is taking jobs (no email leaves, no import runs)."""
    limit = settings.READY_MAX_JOB_WAIT_SECONDS
    if not limit:
        return OK
    from maturity import jobs

    try:
        age = jobs.oldest_waiting_age()
    except DatabaseError:
        return "unknown"
    return "late" if age is not None and age.total_seconds() > limit else OK


def readiness() -> dict[str, str]:
    database = check_database()
    ready = database == OK
    return {
        "database": database,
        "migrations": check_migrations() if ready else "unknown",
        "cache": check_cache(),
        "jobs": check_jobs() if ready else "unknown",
    }


def _json(body: dict, status: int = 200) -> HttpResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz() -> HttpResponse:
    return _json({"status": OK})


def readyz() -> HttpResponse:
    checks = readiness()
    ready = all(value == OK for value in checks.values())
    return _json({"status": OK if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


PROBES: dict[str, Callable[[], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


def health_endpoints(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe()
        return get_response(request)

    return middleware
