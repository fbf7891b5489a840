"""Background jobs: work that runs in `maturity worker` rather than in a request.

Declare a kind of job with `@background` (jobs/kinds.py says how), start one with `kind.start(...)`.
docs/adr/0019-background-jobs.md says why the queue is django-tasks' database backend and how to add
a job.
"""

from maturity.jobs.kinds import Kind, Refused, Retry, Running, background, database_trouble

__all__ = ["Kind", "Refused", "Retry", "Running", "background", "database_trouble", "oldest_waiting_age"]


def oldest_waiting_age(now=None):
    """How long the job that has waited longest has been due to start (a `timedelta`), or None
    when no job is waiting: for /readyz."""
    from maturity.jobs.services import oldest_waiting_age as age

    return age(now)
