"""What a process that does long work (the worker, an import from the command line) does once
Django has started.

The garbage collector stays on. But a full collection walks every object alive, and about 120,000
of them are Django's, made at start-up and kept for the life of the process (modules, the URL
configuration, the models' metadata): walked again at every full collection while an import makes
and drops its batches, they took a third of an import's time (docs/adr/0018-imports-under-limits.md).
`gc.freeze()` moves them out of the collector's sight, as servers that fork do: everything made
afterwards is collected as before.
"""

from __future__ import annotations

import gc


def settle() -> None:
    gc.collect()
    gc.freeze()
