"""Real app servers for tests: `maturity serve` (gunicorn) in its own process, on a free port, with
production settings, against a database of its own (migrated by `maturity migrate`).

The test database of the suite cannot be shared with other processes (on SQLite it is in memory),
so the servers get their own: a SQLite file, or a PostgreSQL database beside the suite's.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests

SECRET = "test-servers-" + "k" * 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_environment(*, home: Path, database_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off), over plain HTTP on this machine."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "DEBUG",
            "MATURITY_TESTING",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "SITE_URL",
        }
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "maturity.settings",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_URL": "memory:",
            "MATURITY_HOME": str(home),
            "DATABASE_URL": database_url,
            "LOG_FORMAT": "json",
        }
    )
    environment.update(extra)
    return environment


def maturity(*arguments: str, environment: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(environment: dict[str, str], *, workers: int = 1, timeout: float = 60) -> Server:
    port = free_port()
    log = Path(environment["MATURITY_HOME"]) / f"server-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "maturity", "serve"],
            env={**environment, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process=process, port=port, log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"The server stopped (exit {process.returncode}):\n{server.output()}")
        try:
            if requests.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    server.stop()
    raise AssertionError(f"The server did not answer within {timeout} s:\n{server.output()}")


class ServerDatabase:
    """A database of the servers' own, the same kind as the suite's, migrated; dropped afterwards."""

    def __init__(self, home: Path) -> None:
        from django.conf import settings

        self.home = home
        config = settings.DATABASES["default"]
        self.vendor = "postgresql" if "postgresql" in config["ENGINE"] else "sqlite"
        if self.vendor == "postgresql":
            self.name = f"{config['NAME']}_servers_{uuid.uuid4().hex[:8]}"
            self._params = {
                "host": config.get("HOST") or "127.0.0.1",
                "port": config.get("PORT") or 5432,
                "user": config.get("USER") or "postgres",
                "password": config.get("PASSWORD") or None,
            }
            self._admin(f'CREATE DATABASE "{self.name}"')
            auth = self._params["user"] + (f":{self._params['password']}" if self._params["password"] else "")
            self.url = f"postgres://{auth}@{self._params['host']}:{self._params['port']}/{self.name}"
        else:
            self.url = f"sqlite:///{home / 'servers.sqlite3'}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self._params) as connection:
            connection.execute(sql)

    def terminate_connections(self) -> int:
        """Closes every connection the servers hold, as a database restart or failover would."""
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self._params) as connection:
            rows = connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.name],
            ).fetchall()
        return len(rows)

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
