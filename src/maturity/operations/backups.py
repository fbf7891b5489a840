"""Backing up and restoring the whole database with the database's own tools.

- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot, taken while the service runs), and
  `pg_restore` turned into SQL and run by `psql` in one transaction, after dropping every table:
  the database is either wholly the backup's or left as it was.
- SQLite: the online backup API (a consistent copy while the service runs), and the same API the
  other way to restore, in one step.

A backup is written to a temporary file beside FILE and renamed when complete, so FILE is never
half a backup. The kind of a file is read from its first bytes, so a PostgreSQL dump is never
restored into SQLite, nor the reverse.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.cache import cache
from django.db import connections

from maturity import pagecache

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or a restore that cannot be done, with a message for the operator."""


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def kind_of(path: Path) -> str | None:
    with path.open("rb") as file:
        start = file.read(len(SQLITE_HEADER))
    if start.startswith(SQLITE_HEADER):
        return "sqlite"
    if start.startswith(PG_DUMP_HEADER):
        return "postgresql"
    return None


def backup(path: Path, *, using: str = "default") -> None:
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the name of the file to write")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write the backup in")
    partial = path.with_name(f".{path.name}.partial")
    try:
        if vendor(using) == "postgresql":
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={partial}",
                    *_connection_arguments(using),
                ],
                using=using,
            )
        else:
            _sqlite_copy(_sqlite(using), partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def restore(path: Path, *, using: str = "default") -> None:
    if not path.is_file():
        raise BackupError(f"There is no file at {path}")
    kind, target = kind_of(path), vendor(using)
    if kind is None:
        raise BackupError(
            f"{path} is not a backup made by `maturity backup` (neither a PostgreSQL dump nor a SQLite database)"
        )
    if kind != target:
        names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
        raise BackupError(f"{path} is a backup of a {names[kind]} database: it cannot be restored into {names[target]}")
    if kind == "postgresql":
        _restore_postgresql(path, using)
    else:
        _restore_sqlite(path, using)
    cache.clear()  # kept pages and counts named rows of the database that was replaced
    pagecache.data_changed(connections[using])  # the restore wrote past Django's cursor


# --- PostgreSQL --------------------------------------------------------------------------------


def _connection_arguments(using: str) -> list[str]:
    settings = connections[using].settings_dict
    arguments = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        arguments.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        arguments.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        arguments.append(f"--username={settings['USER']}")
    return arguments


def _environment(using: str) -> dict[str, str]:
    """The password and TLS options go to the client programs in their environment, never as
    arguments (which every user of the machine can read)."""
    settings = connections[using].settings_dict
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if settings.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings["OPTIONS"][option])
    return environment


def _program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client programs of the server's version "
            "(on Debian: apt-get install postgresql-client-VERSION)"
        )
    return program


def _run(command: list[str], *, using: str) -> None:
    command = [_program(command[0]), *command[1:]]
    result = subprocess.run(command, env=_environment(using), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _restore_postgresql(path: Path, using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    connection.close()  # the restore must not wait for this process's own connection
    drop = (
        f"DROP TABLE IF EXISTS {', '.join(connection.ops.quote_name(t) for t in tables)} CASCADE;\n" if tables else ""
    )
    environment = _environment(using)
    to_sql = subprocess.Popen(
        [_program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    psql = subprocess.Popen(
        [
            _program("psql"),
            "--quiet",
            "--no-psqlrc",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            *_connection_arguments(using),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        psql.stdin.write(drop.encode())
        shutil.copyfileobj(to_sql.stdout, psql.stdin)
        psql.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: said below
    read_error = to_sql.stderr.read().decode().strip()
    to_sql.wait()
    psql_error = psql.stderr.read().decode().strip()
    psql.wait()
    if to_sql.returncode != 0:
        raise BackupError(f"pg_restore could not read {path}: {read_error}")
    if psql.returncode != 0:
        raise BackupError(f"The restore failed and changed nothing: {psql_error}")


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite(using: str) -> sqlite3.Connection:
    connection = connections[using]
    connection.ensure_connection()
    return connection.connection


def _sqlite_copy(source: sqlite3.Connection, path: Path) -> None:
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()


def _restore_sqlite(path: Path, using: str) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if not source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone():
            raise BackupError(f"{path} is a SQLite database, but not one of this product")
        source.backup(_sqlite(using))
    finally:
        source.close()
