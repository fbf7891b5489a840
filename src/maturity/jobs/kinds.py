"""How a kind of background job is declared: `@background` over a plain function.

    @background(title="Send the day's round reminders", retry=Retry(abandoned=True))
    def send_round_reminders(job: Running, *, day: str) -> dict: ...

    send_round_reminders.start(day="2026-05-01")    # queued; `maturity worker` runs it

The function gets a `Running` first (progress, the job's row) and the job's arguments, which must
be JSON: ids, names and dates rather than objects. It returns what the person is told at the end
({"summary": ..., "link": ...}), or raises `Refused` with the problems they can fix. Any other error
fails the attempt; `Retry` says which errors are worth another attempt, after how long.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import io
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.utils.module_loading import import_string
from django_stubs_ext import StrOrPromise

from maturity.problems import Problems

if TYPE_CHECKING:
    from maturity.jobs.models import Job, Upload

UNITS = ("bytes", "rows")


class Refused(Problems):
    """The job cannot do what was asked for reasons the person can fix (a faulty file, say): the
    problems are shown on its page in the GOV.UK error pattern, and it is not tried again.

    `details` (JSON) says more below them: `advice` (paragraphs), `tables` (govukTable parameters,
    each shown in a block `id`'d by its `block_id` when it has one), `link` and `link_text`."""

    separator = "; "

    def __init__(self, problems: str | Iterable[str], *, details: dict | None = None):
        super().__init__(problems)
        self.details = details or {}


def database_trouble(error: BaseException) -> bool:
    """A lost connection or a busy database: another attempt may well succeed."""
    from django.db import DatabaseError, InterfaceError, OperationalError

    return isinstance(error, (OperationalError, InterfaceError)) or type(error) is DatabaseError


def _never(error: BaseException) -> bool:
    return False


@dataclass(frozen=True)
class Retry:
    """When a failed attempt is tried again.

    `delays`: seconds to wait before each further attempt (so 1 + len(delays) attempts in all);
    `when`: which errors are worth another attempt (a mail server that is down, not a faulty file);
    `abandoned`: whether to run it again when its worker died part-way (up to ABANDONED_ATTEMPTS
    attempts in all, or more if `delays` allows more), which is safe only for work that leaves
    nothing half-done and does nothing twice when repeated.
    """

    ABANDONED_ATTEMPTS = 3

    delays: tuple[float, ...] = ()
    when: Callable[[BaseException], bool] = _never
    abandoned: bool = False

    @property
    def attempts(self) -> int:
        return 1 + len(self.delays)

    def again_after(self, attempts: int, *, abandoned: bool = False, error: BaseException | None = None) -> bool:
        """Whether a job that has had `attempts` attempts, the last of which failed with `error` or
        was abandoned, is tried again."""
        if abandoned:
            return self.abandoned and attempts < max(self.attempts, self.ABANDONED_ATTEMPTS)
        return error is not None and self.when(error) and attempts < self.attempts

    def delay_after(self, attempt: int) -> datetime.timedelta:
        """The wait after attempt number `attempt` (1 for the first) failed."""
        return datetime.timedelta(seconds=self.delays[min(attempt, len(self.delays)) - 1] if self.delays else 0)


@dataclass(frozen=True)
class Kind:
    """A kind of job: its function and how it is run. Made by `@background`."""

    function: Callable[..., dict | None]
    title: str = ""
    retry: Retry = field(default_factory=Retry)
    # Shown on a job page to the people of its organisation (imports), or not at all (emails).
    has_page: bool = False
    # False for arguments nobody may read once the job is over (an email's text, with its links).
    keep_arguments: bool = True
    # The job page's breadcrumbs after its organisation's: [{"text": ..., "href": ...}] for a job.
    breadcrumbs: Callable[[Job], list[dict]] | None = None

    @property
    def path(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"

    def start(
        self,
        *,
        title: str = "",
        organisation=None,
        user=None,
        key: str | None = None,
        run_after: datetime.datetime | None = None,
        upload: dict | None = None,
        **arguments: Any,
    ) -> Job:
        """Queue the job (in the caller's transaction, if any: rolled back with it) and return it.
        `upload`: a file for it, as the fields of an `Upload` (name, content gzip-compressed, size, sha256)."""
        from maturity.jobs import services

        return services.start(
            self,
            title=title or self.title,
            organisation=organisation,
            user=user,
            key=key,
            run_after=run_after,
            arguments=arguments,
            upload=upload,
        )

    def __call__(self, job: Running, /, **arguments: Any) -> dict | None:
        return self.function(job, **arguments)


def background(
    *,
    title: StrOrPromise = "",
    retry: Retry | None = None,
    page: bool = False,
    keep_arguments: bool = True,
    breadcrumbs: Callable[[Job], list[dict]] | None = None,
) -> Callable[[Callable[..., dict | None]], Kind]:
    """Declare a kind of job (see the module's docstring). The function must be defined at the
    top level of its module, where the worker finds it by its dotted path."""

    def declare(function: Callable[..., dict | None]) -> Kind:
        return Kind(
            function=function,
            title=title,
            retry=retry or Retry(),
            has_page=page,
            keep_arguments=keep_arguments,
            breadcrumbs=breadcrumbs,
        )

    return declare


def kind_at(path: str) -> Kind:
    kind = import_string(path)
    if not isinstance(kind, Kind):
        raise TypeError(f"{path} is not a kind of job (declare it with @background)")
    return kind


class Running:
    """What a job's function is given: its row, and where it says how far it has got."""

    # Progress is written at most this often (a sign of life is also written by a thread; live.py).
    EVERY_SECONDS = 0.5

    def __init__(self, job: Job, channel):
        self.job = job
        self._channel = channel
        self._lock = threading.Lock()
        self._written = 0.0

    @property
    def attempt(self) -> int:
        return self.job.attempts

    @contextlib.contextmanager
    def uploaded_file(self) -> Iterator[tuple[IO[bytes], Upload]]:
        """The file the job was given, unpacked into a temporary file (seekable, as imports need)."""
        upload = self.job.uploads.get()
        with tempfile.TemporaryFile() as unpacked:
            with gzip.GzipFile(fileobj=io.BytesIO(bytes(upload.content)), mode="rb") as packed:
                shutil.copyfileobj(packed, unpacked, 1 << 20)
            unpacked.seek(0)
            yield unpacked, upload

    def progress(
        self, done: int, total: int | None = None, *, stage: str | None = None, unit: str | None = None
    ) -> None:
        """`done` of `total` (bytes read, or rows) so far; callable as the imports' `progress(done, total)`."""
        changes: dict[str, Any] = {"done": int(done), "total": None if total is None else int(total)}
        if stage is not None:
            changes["stage"] = stage[:200]
        if unit is not None:
            if unit not in UNITS:
                raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
            changes["unit"] = unit
        now = time.monotonic()
        with self._lock:
            urgent = "stage" in changes and changes["stage"] != self._channel.state.get("stage")
            self._channel.update(changes)
            if urgent or now - self._written >= self.EVERY_SECONDS:
                self._written = now
                self._channel.flush()

    def stage(self, text: str) -> None:
        """What is being done now ("Reading the file", "Storing notices")."""
        with self._lock:
            self._channel.update({"stage": text[:200]})
            self._channel.flush()
