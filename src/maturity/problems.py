"""The one exception that carries a list of problems: a file, a framework or a job that cannot be
used as it is, each fault told on its own line (docs/adr/0027-layers.md).

Each kind of input keeps a subclass of its own (SpendError, OcdsError, FrameworkError...), because
callers catch them by name; what they hold and how they read is this class's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar


class Problems(Exception):
    """`problems` lists each fault (text, or objects that read as text), in the order found."""

    separator: ClassVar[str] = "\n"
    # How many problems the exception's own text names (None: all of them); `problems` holds every one.
    named: ClassVar[int | None] = None

    def __init__(self, problems: str | Iterable[Any]):
        self.problems: list[Any] = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self.separator.join(str(problem) for problem in self.problems[: self.named]))
