"""Opening the files people bring: a CSV or JSON file, or a zip archive holding one.

No Django. An `Opener` opens the file afresh each time it is called, so that a reader can go
through a file more than once (the encoding check, then the rows) in flat memory; it knows the
file's size when it can (a file on disk, a member of a zip archive, a stored upload).

Progress: every import takes `progress(done, total)`, called with the bytes of the file read so
far and its size (None when unknown), at most a few times a second (`Meter`). A reader that goes
back to the start of a file does not count its bytes twice: `done` is the furthest point read.

Limits: the same Meter refuses a file that unpacks to more than `limits.unpacked_bytes`, or whose
reading takes longer than `limits.seconds`, as it is read (a zip archive's member is counted as
it is inflated, whatever its header says): limits.py.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from maturity.evidence.limits import LIMITS, Limits, duration, megabytes
from maturity.problems import Problems

# progress(done, total): bytes read so far, and the size of what is read (None when unknown).
Progress = Callable[[int, "int | None"], None]
PROGRESS_INTERVAL = 0.25  # seconds between two calls of a progress callback, at least


@dataclass(frozen=True)
class Opener:
    """Opens a file afresh each time it is called; `size` is its size in bytes, when known."""

    open: Callable[[], IO[bytes]]
    size: int | None = None

    def __call__(self) -> IO[bytes]:
        return self.open()


class FileProblem(Problems):
    """The file cannot be opened: `problems` says why."""


class _Member(io.RawIOBase):
    """A member of a zip archive that closes the archive with itself."""

    def __init__(self, archive: zipfile.ZipFile, member: str):
        self._archive = archive
        self._file = archive.open(member)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def readline(self, size: int = -1) -> bytes:
        return self._file.readline(size)

    def seekable(self) -> bool:
        return self._file.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        if not self.closed:
            self._file.close()
            self._archive.close()
        super().close()


def member_name(archive: zipfile.ZipFile, suffixes: tuple[str, ...], name: str) -> str:
    members = [
        m.filename
        for m in archive.infolist()
        if not m.is_dir() and m.filename.lower().endswith(suffixes) and not m.filename.startswith("__MACOSX/")
    ]
    if len(members) != 1:
        values = {"name": name, "wanted": " or ".join(suffixes), "count": len(members), "files": ", ".join(members[:5])}
        message = (
            _("%(name)s is a zip archive: it must hold exactly one %(wanted)s file, and holds none.")
            if not members
            else _(
                "%(name)s is a zip archive: it must hold exactly one %(wanted)s file, and holds %(count)s (%(files)s)."
            )
        )
        raise FileProblem([message % values])
    return members[0]


def path_opener(path: str | Path, suffixes: tuple[str, ...]) -> tuple[Opener, str]:
    """An opener for a file on disk, looking inside a zip archive for the one file it holds."""
    path = Path(path)
    if not path.is_file():
        raise FileProblem([f"{path} is not a file that can be read (check the path)."])
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = member_name(archive, suffixes, path.name)
            size = archive.getinfo(member).file_size
        return Opener(lambda: _Member(zipfile.ZipFile(path), member), size), f"{path.name} ({member})"
    return Opener(lambda: open(path, "rb"), path.stat().st_size), path.name


def compress(source: IO[bytes], *, name: str, suffixes: tuple[str, ...], max_bytes: int) -> tuple[bytes, str, int, str]:
    """(gzip-compressed content, SHA-256 of the content, its size, its name) of an uploaded file,
    or of the one file in an uploaded zip archive. Refuses content larger than max_bytes."""
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(source)
        except zipfile.BadZipFile:
            raise FileProblem([_("%(name)s looks like a zip archive but cannot be opened.") % {"name": name}]) from None
        with archive:
            member = member_name(archive, suffixes, name)
            with archive.open(member) as inner:
                content, digest, size = _gzip(inner, name=f"{name} ({member})", max_bytes=max_bytes)
            return content, digest, size, member
    content, digest, size = _gzip(source, name=name, max_bytes=max_bytes)
    return content, digest, size, name


def _gzip(source: IO[bytes], *, name: str, max_bytes: int) -> tuple[bytes, str, int]:
    buffer = io.BytesIO()
    digest = hashlib.sha256()
    size = 0
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as out:
        while True:
            chunk = source.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FileProblem(
                    [
                        _("%(name)s is larger than %(mb)s MB: split it by year or quarter.")
                        % {"name": name, "mb": max_bytes // (1 << 20)}
                    ]
                )
            digest.update(chunk)
            out.write(chunk)
    return buffer.getvalue(), digest.hexdigest(), size


def gzip_opener(content: bytes, size: int | None = None) -> Opener:
    """An opener for gzip-compressed content (a stored upload), `size` its size uncompressed."""
    return Opener(lambda: gzip.GzipFile(fileobj=io.BytesIO(content), mode="rb"), size)


def stream_size(stream: IO[bytes]) -> int | None:
    """The size of a seekable stream (None if it cannot tell), leaving it where it was."""
    try:
        position = stream.tell()
        size = stream.seek(0, io.SEEK_END)
        stream.seek(position)
    except (OSError, ValueError, AttributeError):
        return None
    return size


class Meter:
    """Bytes read towards a progress callback, called at most every PROGRESS_INTERVAL seconds
    and once more by `finish`. Several files read one after the other (a folder) add up: `next`
    moves on to the next file, counting the previous one whole. It holds each file to the limits
    on its unpacked size and on the time its reading takes (FileProblem, naming the file)."""

    def __init__(self, progress: Progress | None, total: int | None, *, limits: Limits = LIMITS):
        self.progress = progress
        self.total = total
        self.limits = limits
        self.base = 0  # the bytes of the files before this one
        self.size: int | None = None  # this file's size
        self.reached = 0  # the furthest point read in this file
        self.last_call = 0.0
        self.name = "the file"
        self.deadline = time.monotonic() + limits.seconds

    def next(self, size: int | None, name: str | None = None) -> None:
        self.base += max(self.size or 0, self.reached)
        self.size, self.reached = size, 0
        self.name = name or self.name
        self.deadline = time.monotonic() + self.limits.seconds

    @property
    def done(self) -> int:
        return self.base + self.reached

    def check(self, position: int) -> None:
        """Refuses the file once `position` bytes of it are more than it may unpack to, or once
        its reading has taken too long."""
        if position > self.limits.unpacked_bytes:
            raise FileProblem(
                [
                    _(
                        "%(name)s unpacks to more than %(size)s, the limit for one file: split it (by year or quarter) "
                        "and import each part."
                    )
                    % {"name": self.name, "size": megabytes(self.limits.unpacked_bytes)}
                ]
            )
        if time.monotonic() > self.deadline:
            raise FileProblem(
                [
                    _(
                        "%(name)s took longer than %(time)s to read, the limit for one file: split it (by year or "
                        "quarter) and import each part."
                    )
                    % {"name": self.name, "time": duration(self.limits.seconds)}
                ]
            )

    def reach(self, position: int) -> None:
        self.check(position)
        if position <= self.reached:
            return
        self.reached = position
        if self.progress is not None:
            now = time.monotonic()
            if now - self.last_call >= PROGRESS_INTERVAL:
                self.last_call = now
                self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)

    def opener(self, opener: Opener, *, counted: bool = True) -> Opener:
        """The same file, its reading held to the limits, and counted (unless `counted` is False:
        a first pass that only works out its checksum)."""
        return Opener(lambda: Counted(opener(), self, counted=counted), opener.size)


class Counted(io.RawIOBase):
    """A binary stream whose reading moves a Meter on (to the furthest point read)."""

    def __init__(self, stream: IO[bytes], meter: Meter, *, counted: bool = True):
        self._stream = stream
        self._meter = meter
        self._position = 0
        self._reach = meter.reach if counted else meter.check

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._stream.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._position = self._stream.seek(offset, whence)
        return self._position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        self._reach(self._position)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


class Hashing(io.RawIOBase):
    """A seekable binary stream read as it is, whose SHA-256 is worked out in the same pass: each
    byte is hashed the first time it is read (readers look at the start of a file, then go back
    to it). `hexdigest` reads whatever was never read, to hash the whole file."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream
        self._digest = hashlib.sha256()
        self._hashed = 0  # every byte before this offset is hashed, and none after it

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()

    def readinto(self, buffer) -> int:
        start = self._stream.tell()
        if start > self._hashed:  # a reader skipped ahead: hash what it skipped first
            self._stream.seek(self._hashed)
            self._hash_until(start)
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        end = start + len(data)
        if end > self._hashed:
            self._digest.update(memoryview(data)[self._hashed - start :])
            self._hashed = end
        return len(data)

    def _hash_until(self, end: int | None) -> None:
        while end is None or self._hashed < end:
            chunk = self._stream.read(min(1 << 20, end - self._hashed) if end is not None else 1 << 20)
            if not chunk:
                return
            self._digest.update(chunk)
            self._hashed += len(chunk)

    def hexdigest(self) -> str:
        position = self._stream.tell()
        self._stream.seek(self._hashed)
        self._hash_until(None)
        self._stream.seek(position)
        return self._digest.hexdigest()


def sha256_of(opener: Opener) -> str:
    digest = hashlib.sha256()
    with opener() as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


def open_upload(source: IO[bytes], *, name: str, suffixes: tuple[str, ...]) -> tuple[IO[bytes], str]:
    """A seekable stream of an uploaded file, or of the one file in an uploaded zip archive."""
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    if not head.startswith(b"PK\x03\x04"):
        return source, name
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise FileProblem([_("%(name)s looks like a zip archive but cannot be opened.") % {"name": name}]) from None
    member = member_name(archive, suffixes, name)
    return _Member(archive, member), member
