"""A worker killed (SIGKILL) in the middle of an import of notices leaves nothing of it, and the job
is run again by the next worker, to the end: the import's all-or-nothing transaction, seen through
real worker processes, on SQLite and on PostgreSQL.

The workers are separate processes, so they need a database they can reach: on PostgreSQL the
test's own (committed data: a transactional test); on SQLite, whose test database is in memory, a
file made for this test.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.evidence.helpers import needs

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OCDS = SHARED / "ocds_contracts_finder_2016" / "releases"
RELEASES = 60_000  # about 170 MB: a few seconds of import even on a quiet machine, so progress is seen part-way
HEARTBEAT = 0.2  # seconds: a worker silent for 6 beats (1.2 s) is taken for dead

pytestmark = [needs(OCDS), pytest.mark.django_db(transaction=True)]


def notices_file(folder: Path) -> Path:
    """The real Contracts Finder releases, copied with ocids of their own to make a long import."""
    source = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(OCDS.glob("*.json"))]
    releases = [r for package in source for r in package.get("releases", [package])]
    path = folder / "notices.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(RELEASES):
            release = dict(releases[n % len(releases)])
            release["ocid"] = f"{release['ocid']}-copy{n // len(releases)}"
            out.write(json.dumps(release) + "\n")
    return path


class Deployment:
    """The database the workers use, and how this test reads it."""

    def __init__(self, tmp_path: Path):
        self.live_dir = tmp_path / "live"
        if connection.vendor == "sqlite":
            self.sqlite = tmp_path / "maturity.sqlite3"
            url = f"sqlite:///{self.sqlite}"
        else:
            self.sqlite = None
            s = connection.settings_dict
            url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "MATURITY_TESTING": "1",
            "DEBUG": "0",
            "EMAIL_URL": "memory:",
            "JOBS_HEARTBEAT_SECONDS": str(HEARTBEAT),
            "JOBS_POLL_SECONDS": "0.2",
            "JOBS_LIVE_DIR": str(self.live_dir),
            "DJANGO_SETTINGS_MODULE": "maturity.settings",
        }
        if self.sqlite:
            self.run("-m", "maturity", "migrate", "-v0")

    def run(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, *args], env=self.env, check=True, capture_output=True, text=True, timeout=300
        ).stdout

    def worker(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "maturity", "worker"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.sqlite:
            return self.query_sqlite(sql)
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def query_sqlite(self, sql: str) -> list[tuple]:
        """Read the file database as another process would. Without WAL a long import's transaction
        can keep readers out for longer than one busy timeout on a loaded machine: keep trying, as a
        person reloading the job's page would, and fail only after minutes."""
        deadline = time.monotonic() + 300
        while True:
            try:
                with sqlite3.connect(self.sqlite, timeout=20) as db:
                    return db.execute(sql).fetchall()
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise

    def progress(self, job_id: str) -> tuple[int, int | None]:
        """What the running job says it has read, where the job page reads it."""
        if self.sqlite:
            try:
                state = json.loads((self.live_dir / f"{job_id}.json").read_text())
            except (OSError, ValueError):
                return 0, None
            return state["done"], state["total"]
        ((done, total),) = self.query(f"SELECT done, total FROM jobs_job WHERE id = '{job_id}'")
        return done, total

    def counts(self) -> tuple[int, int, int]:
        return tuple(
            self.query(f"SELECT COUNT(*) FROM {table}")[0][0]
            for table in ("evidence_notice", "evidence_procurement", "evidence_evidenceimport")
        )

    def job(self, job_id: str) -> tuple[str, int]:
        ((status, attempts),) = self.query(
            f"SELECT status, attempts FROM jobs_job WHERE id = '{job_id.replace('-', '') if self.sqlite else job_id}'"
        )
        return status, attempts


START = """
import django; django.setup()
from maturity.evidence import jobs
with open({path!r}, "rb") as source:
    print(jobs.start_notices_import(organisation=None, source=source, file_name="notices.jsonl", user=None).pk)
"""


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_worker_killed_mid_import_leaves_nothing_and_the_import_runs_again(tmp_path):
    deployment = Deployment(tmp_path)
    job_id = deployment.run("-c", START.format(path=str(notices_file(tmp_path)))).strip()

    worker = deployment.worker()
    try:

        def partway():
            done, total = deployment.progress(job_id)
            return total and 0.3 * total <= done < 0.9 * total

        wait_for(partway, seconds=300, what="the import to be part-way through")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    # Killed inside the import's transaction: nothing of the file is stored, the job looks as it was left.
    assert deployment.counts() == (0, 0, 0)
    assert deployment.job(job_id) == ("running", 1)

    time.sleep(HEARTBEAT * 6 + 0.5)  # silent long enough to be taken for dead
    worker = deployment.worker()
    try:
        wait_for(lambda: deployment.job(job_id)[0] == "succeeded", seconds=600, what="the import to run again")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    notices, procurements, imports = deployment.counts()
    assert (notices, imports) == (RELEASES, 1) and procurements == RELEASES
    assert deployment.job(job_id) == ("succeeded", 2)
