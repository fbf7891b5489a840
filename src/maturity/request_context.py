"""What is known about the request being served, for every log line written while serving it.

`request_id` is set for each request (from its X-Request-ID, or a new one) and, while a background
job runs, to the id of the request that started the job, so that a job's log lines can be traced
back to the request that asked for it. Set and reset by `operations.requests.request_log`, the
first middleware; context variables rather than thread locals, so that a value never leaks from
one request into the next one served by the same thread.
"""

from __future__ import annotations

import contextvars

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# The organisation whose data the request reached, once `organisations.access` has decided.
organisation_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("organisation_id", default=None)
