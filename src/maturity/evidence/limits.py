"""What one imported file may be: the limits that keep a small file from stalling the service.

No Django. Each limit is checked while the file is read, never after, and each is refused with a
message that names the file, where in it, and the limit (docs/adr/0018-imports-under-limits.md):

- `unpacked_bytes`: what a file may unpack to (a zip archive's member, counted as it is inflated,
  whatever its header claims); a web upload is held to the upload limit instead, when it is kept;
- `line_bytes`: one line of a CSV file or of JSON Lines (one release);
- `value_bytes`: one JSON string, or a stretch of a JSON document between two strings (blank space,
  a number): what a parser would have to hold in one piece;
- `depth`: how deeply JSON may nest (OCDS nests about ten deep);
- `rows`: the rows of a spend file or the releases of an OCDS file;
- `seconds`: how long reading one file may take.
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1 << 20


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int = 4096 * MEGABYTE
    line_bytes: int = 16 * MEGABYTE
    value_bytes: int = 1 * MEGABYTE
    depth: int = 64
    rows: int = 10_000_000
    seconds: float = 60 * 60.0


LIMITS = Limits()


def megabytes(count: int) -> str:
    """A size for a message: "16 MB", "1 MB", "0.5 MB"."""
    value = count / MEGABYTE
    return f"{value:,.0f} MB" if value >= 1 and value == int(value) else f"{value:,.1f} MB"


def duration(seconds: float) -> str:
    """A time limit for a message: "60 minutes", "30 seconds"."""
    from maturity.words import counted

    if seconds >= 60:
        return counted(round(seconds / 60), "%(num)s minute", "%(num)s minutes")
    return counted(round(seconds), "%(num)s second", "%(num)s seconds")
