"""Progress of a long command, for the person watching it.

The imports call `progress(done, total)` with the bytes read so far and the size of what they
read (None when unknown), a few times a second (maturity.evidence.files.Meter). On a terminal
that drives a tqdm progress bar, shown only once the work has taken more than a second; when the
output is not a terminal (a log, a pipe, a scheduler), it prints a plain line each time another
tenth of the file is read, or every 30 seconds when the size is unknown.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from tqdm import tqdm

MEGABYTE = 1024 * 1024
BAR_DELAY = 1.0  # seconds of work before a bar is drawn: quick imports show none
QUIET_START = 2.0  # seconds of work before the first plain line
UNKNOWN_SIZE_EVERY = 30.0  # seconds between plain lines when the size is unknown


@contextlib.contextmanager
def command_progress(
    out: TextIO, label: str, *, delay: float = BAR_DELAY, quiet: float = QUIET_START
) -> Iterator[Callable[[int, int | None], None]]:
    """A progress callback for `label` (a file's name) written to `out`: a bar on a terminal,
    plain lines otherwise."""
    out = getattr(out, "_out", out)  # a command's OutputWrapper would end every write of the bar with a new line
    if _is_terminal(out):
        bar = tqdm(
            desc=label,
            total=None,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=out,
            delay=delay,
            mininterval=0.25,
            leave=False,
            dynamic_ncols=True,
        )

        def update(done: int, total: int | None) -> None:
            if total != bar.total:
                bar.total = total
                bar.refresh()
            bar.update(done - bar.n)

        try:
            yield update
        finally:
            bar.close()
        return
    lines = _Lines(out, label, quiet)
    yield lines.update


def _is_terminal(out) -> bool:
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class _Lines:
    def __init__(self, out: TextIO, label: str, quiet: float):
        self.out = out
        self.label = label
        self.quiet = quiet
        self.started = time.monotonic()
        self.last_line = self.started
        self.tenths = 0

    def update(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.started < self.quiet:
            return
        if total:
            tenths = min(10, done * 10 // total)
            if tenths <= self.tenths:
                return
            self.tenths = tenths
            self.out.write(f"{self.label}: {100 * done // total}% read ({_mb(done)} of {_mb(total)})\n")
        else:
            if now - self.last_line < UNKNOWN_SIZE_EVERY:
                return
            self.out.write(f"{self.label}: {_mb(done)} read\n")
        self.last_line = now
        flush = getattr(self.out, "flush", None)
        if flush:
            flush()


def _mb(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"
