"""What is known about the request being served, for every log line written while serving it.

`request_id` is set for each request (from its X-Request-ID, or a new one) and, while a background
job runs, to the id of the request that started the job, so that a job's log lines can be traced
back to the request that asked for it.
"""

from __future__ import annotations

import contextvars

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
