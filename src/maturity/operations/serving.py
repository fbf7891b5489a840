"""The production server: gunicorn, configured from the environment (`maturity serve`).

Synchronous workers, one request at a time each, as gunicorn recommends behind a buffering proxy:
the product's pages are short database-bound requests, and slow clients are the proxy's business.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from gunicorn.app.base import BaseApplication

from maturity.env import SettingError, env_int, env_str


def default_workers() -> int:
    """Gunicorn's rule of thumb: two per core, plus one."""
    return 2 * len(os.sched_getaffinity(0)) + 1


def options_from_environment() -> dict[str, Any]:
    host = env_str("HOST") or "127.0.0.1"
    port = env_int("PORT", 8000, minimum=1)
    if port > 65535:
        raise SettingError(f"PORT must be at most 65535, not {port}")
    max_requests = env_int("WEB_MAX_REQUESTS", 10_000, minimum=0)
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": env_int("WEB_CONCURRENCY", default_workers(), minimum=1),
        "worker_class": "sync",
        # A worker silent for longer than this (a request taking longer) is killed and replaced.
        "timeout": env_int("WEB_TIMEOUT", 30, minimum=5),
        "graceful_timeout": 30,
        "keepalive": 5,
        # Workers are recycled after about this many requests, so that no slow growth of memory lasts.
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        # The application is loaded once, before the workers are forked: they start at once and share its memory.
        "preload_app": True,
        # One JSON line per request comes from maturity.requests; gunicorn's own access line would repeat it.
        "accesslog": None,
        "logconfig_dict": settings.LOGGING,
        "proc_name": "maturity",
        # Its control socket is one path per user: several servers on one machine would fight over it.
        "control_socket_disable": True,
        # Memory, not disk, for the workers' heartbeat files (gunicorn's advice); each is its own file.
        "worker_tmp_dir": "/dev/shm" if Path("/dev/shm").is_dir() else None,  # noqa: S108
    }


def refuse_unsafe_settings() -> None:
    if settings.DEBUG:
        raise CommandError(
            "DEBUG is on: the production server refuses to start with debug pages, which show settings "
            "and code to anyone. Unset DEBUG (`make run` is the local demonstration)."
        )
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in storage and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        raise CommandError(
            f"The static files are not collected in {settings.STATIC_ROOT}: run "
            "`maturity collectstatic --noinput` first."
        )


class Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            if value is not None:
                self.cfg.set(name, value)

    def load(self):
        from maturity.wsgi import application

        warm_up()
        return application


def warm_up() -> None:
    """Compiles every template, and reads the release's fingerprint of kept pages, once, before the
    workers are forked, so that they (and the workers that replace recycled ones) serve their first
    pages without doing either."""
    from django.template import engines

    from maturity import pagecache

    environment = engines["jinja2"].env
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)
    pagecache.release()


def serve() -> None:
    refuse_unsafe_settings()
    try:
        options = options_from_environment()
    except SettingError as error:
        raise CommandError(str(error)) from None
    from django.db import connections

    connections.close_all()  # the workers are forked from this process: none may inherit its connection
    Server(options).run()
