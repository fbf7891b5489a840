"""A running job's progress and signs of life, written where others can see them at once.

A job may do its work inside one long transaction (an import that stores all or nothing), so what it
reports cannot go through that transaction: nobody would see it before the end. On PostgreSQL it is
written to the job's row on a connection of the reporting thread's own, committed at once. SQLite
has one writer at a time, and that writer may be the job itself, so there it is kept in a small file
beside the database (JOBS_LIVE_DIR), which is on the same machine by SQLite's nature; the job's row
gets the final figures when it ends.

Each running job also has a thread that writes a sign of life every JOBS_HEARTBEAT_SECONDS, however
busy the job is: a job silent for JOBS_STALE_BEATS of them was abandoned by its worker.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from maturity.jobs.models import Job

logger = logging.getLogger(__name__)

FIELDS = ("beat_at", "stage", "done", "total", "unit")


def on_sqlite() -> bool:
    return connection.vendor == "sqlite"


def stale_before(now: datetime.datetime) -> datetime.datetime:
    """Running jobs with no sign of life since this moment are taken for abandoned."""
    return now - datetime.timedelta(seconds=settings.JOBS_HEARTBEAT_SECONDS * settings.JOBS_STALE_BEATS)


class Channel:
    """Where one running job's live state is written: the state is kept here and written whole."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self.state: dict[str, Any] = {name: getattr(job, name) for name in FIELDS}
        self._lock = threading.Lock()

    def update(self, changes: dict[str, Any]) -> None:
        with self._lock:
            self.state.update(changes)

    def flush(self) -> None:
        """Write the state now. A failure is logged, never raised: the job's own work goes on."""
        with self._lock:
            self.state["beat_at"] = timezone.now()
            state = dict(self.state)
        try:
            self._write(state)
        except Exception:
            logger.warning("Could not record the progress of job %s", self.job_id, exc_info=True)

    def _write(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def release(self) -> None:
        """What the calling thread opened to write, closed; called by each writing thread at its end."""

    def close(self) -> None:
        """Called once the job's row holds the final figures."""
        self.release()


class _RowChannel(Channel):
    """PostgreSQL: an UPDATE of the job's row on a connection of the writing thread's own."""

    def __init__(self, job: Job):
        super().__init__(job)
        self._local = threading.local()
        columns = ", ".join(f"{Job._meta.get_field(name).column} = %s" for name in FIELDS)
        self._sql = f"UPDATE {Job._meta.db_table} SET {columns} WHERE id = %s"

    def _write(self, state: dict[str, Any]) -> None:
        own = getattr(self._local, "connection", None)
        if own is None:
            own = self._local.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        with own.cursor() as cursor:
            cursor.execute(self._sql, [state[name] for name in FIELDS] + [self.job_id])

    def release(self) -> None:
        own = getattr(self._local, "connection", None)
        if own is not None:
            self._local.connection = None
            own.close()


def _file(job_id) -> Path:
    return Path(settings.JOBS_LIVE_DIR) / f"{job_id}.json"


class _FileChannel(Channel):
    """SQLite: a JSON file per running job, replaced whole at each write."""

    def _write(self, state: dict[str, Any]) -> None:
        path = _file(self.job_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f"{path.name}.{threading.get_ident()}")
        scratch.write_text(json.dumps({**state, "beat_at": state["beat_at"].isoformat()}), encoding="utf-8")
        os.replace(scratch, path)

    def close(self) -> None:
        _file(self.job_id).unlink(missing_ok=True)


def channel(job: Job) -> Channel:
    return _FileChannel(job) if on_sqlite() else _RowChannel(job)


def read(job: Job) -> Job:
    """The job with its latest live state (on SQLite, from its file while it runs)."""
    if job.status == Job.Status.RUNNING and on_sqlite():
        try:
            state = json.loads(_file(job.pk).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return job
        state["beat_at"] = datetime.datetime.fromisoformat(state["beat_at"])
        for name in FIELDS:
            setattr(job, name, state[name])
    return job


@contextlib.contextmanager
def beating(job: Job):
    """A channel for the job, with a thread that writes a sign of life until the block ends."""
    live = channel(job)
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
                live.flush()
        finally:
            live.release()

    live.flush()
    thread = threading.Thread(target=beat, name=f"job-{job.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield live
    finally:
        stop.set()
        thread.join()
