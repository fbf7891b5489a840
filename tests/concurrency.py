"""Requests at the same moment, as several app servers send them to one database.

`shared_database()` gives worker threads connections of their own to a database that really is
shared, with its real locking: on PostgreSQL, the test database itself (the tests use
`transactional_db`, so what they set up is committed and every connection sees it); on SQLite, a
file copy of the in-memory test database, because connections to an in-memory database share one
cache and fail at once on a lock ("database table is locked") where a real file waits for it.
`together()` starts callables in threads at the same instant and returns what each returned.
The main thread must not touch the database while the copy is in use: read the outcome with
`in_thread()`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from django.db import connection, connections

T = TypeVar("T")


@contextmanager
def shared_database(folder: Path) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    assert connection.is_in_memory_db(), "the SQLite tests run on Django's in-memory test database"
    connection.ensure_connection()
    copy = folder / "shared.sqlite3"
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    settings = connection.settings_dict  # the same dict new connections in other threads read
    memory = settings["NAME"]
    settings["NAME"] = str(copy)
    try:
        yield
    finally:
        settings["NAME"] = memory


def _run(function: Callable[[], T], results: list, index: int, start: threading.Barrier | None) -> None:
    try:
        if start is not None:
            start.wait(timeout=30)
        results[index] = (True, function())
    except BaseException as error:
        results[index] = (False, error)
    finally:
        connections.close_all()


def together(functions: list[Callable[[], Any]]) -> list[Any]:
    """Run every function in its own thread, all released at once; their results in order."""
    results: list[Any] = [None] * len(functions)
    start = threading.Barrier(len(functions))
    threads = [threading.Thread(target=_run, args=(f, results, i, start)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    outcomes = []
    for ok, value in results:
        if not ok:
            raise value
        outcomes.append(value)
    return outcomes


def in_thread(function: Callable[[], T]) -> T:
    """`function()` run on a connection of its own (so, on SQLite, on the shared copy)."""
    return together([function])[0]
