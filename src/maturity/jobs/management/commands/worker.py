"""`maturity worker`: runs background jobs from the queue in the database until stopped.

It is django-tasks-db's worker (which takes each job from the queue so that no two workers run it),
with the product's housekeeping between jobs: jobs abandoned by a worker that died are run again or
failed, the daily jobs are started when their time comes, and old finished jobs are forgotten. Run
as many as you like, on any machine that reaches the database. Ctrl+C (or SIGTERM) lets the job in
progress finish; a second one stops at once.
"""

from __future__ import annotations

import logging
import signal
import socket
import sys
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

from maturity.jobs import services
from maturity.processes import settle

logger = logging.getLogger("maturity.jobs")

HOUSEKEEPING_SECONDS = 30
FORGET_SECONDS = 3600
JOBS_BETWEEN_HOUSEKEEPING = 20


class Worker:
    def __init__(self, *, worker_id: str, interval: float, batch: bool = False):
        self.worker_id, self.interval, self.batch = worker_id, interval, batch
        self.stopping = False
        self.queue_worker: QueueWorker | None = None
        self._housekept = self._forgot = float("-inf")

    def run(self) -> None:
        """Until stopped (or, with batch, until no job is due): housekeeping, then the jobs that are due."""
        while not self.stopping:
            self.housekeeping()
            self.queue_worker = QueueWorker(
                queue_names=["default"],
                interval=self.interval,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=JOBS_BETWEEN_HOUSEKEEPING,
                worker_id=self.worker_id,
                excluded_queue_names=[],
            )
            self.queue_worker.run()
            ran = self.queue_worker._run_tasks
            self.queue_worker = None
            if self.batch and not ran:
                return
            if not ran and not self.stopping:
                time.sleep(self.interval)

    def housekeeping(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._housekept < HOUSEKEEPING_SECONDS:
            return
        self._housekept = now
        close_old_connections()
        try:
            services.recover_abandoned()
            services.start_daily()
            if now - self._forgot >= FORGET_SECONDS:
                self._forgot = now
                services.forget_old()
        except OperationalError as error:  # SQLite busy with a long import: next time
            logger.warning("Housekeeping put off: %s", error)

    def stop(self, signum, frame) -> None:
        if self.stopping:
            logger.warning("Stopping now, leaving the job in progress to be run again")
            sys.exit(1)
        self.stopping = True
        if self.queue_worker is not None and self.queue_worker.running_task:
            logger.warning("Stopping once the job in progress ends (press Ctrl+C again to stop now)")
            self.queue_worker.running = False
        else:
            sys.exit(0)


class Command(BaseCommand):
    help = "Run background jobs (emails, imports, daily reminders) until stopped."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Run the jobs that are due, then stop (for a scheduler, or a one-off)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds to wait when no job is due before looking again (default: JOBS_POLL_SECONDS, 1).",
        )

    def handle(self, *args, batch: bool, interval: float | None, verbosity: int, **options) -> None:
        from django.conf import settings

        self._log_to_stdout(verbosity)
        settle()
        worker = Worker(
            worker_id=f"{socket.gethostname()}:{get_random_string(8)}"[:64],
            interval=settings.JOBS_POLL_SECONDS if interval is None else max(interval, 0.1),
            batch=batch,
        )
        for name in ("SIGINT", "SIGTERM"):
            signal.signal(getattr(signal, name), worker.stop)
        logger.info("Worker %s taking jobs%s", worker.worker_id, " until none is due" if batch else "")
        worker.run()

    def _log_to_stdout(self, verbosity: int) -> None:
        level = logging.WARNING if verbosity == 0 else logging.INFO
        for name in ("maturity.jobs", "django_tasks"):
            logging.getLogger(name).setLevel(level)
        # The queue's own worker says when it starts and stops, which this one does between housekeeping.
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
