"""The rounds' background jobs: the day's reminders, started each day by the worker
(settings.JOBS_DAILY) or from a scheduler with `maturity rounds remind`."""

from __future__ import annotations

import datetime

from maturity.benchmarks import services
from maturity.jobs import Retry, Running, background
from maturity.words import counted


# Safe to run again: each reminder is recorded under a unique key before it is queued.
@background(
    title="Send the day's round reminders", retry=Retry(delays=(300, 1800), when=lambda error: True, abandoned=True)
)
def send_round_reminders(job: Running, *, day: str) -> dict:
    sent = services.send_reminders(today=datetime.date.fromisoformat(day))
    # For the national team's list of jobs: English, as the product's operators read it.
    reminders = counted(sent.reminders, "%(num)s reminder", "%(num)s reminders")
    invitations = counted(sent.invitations, "%(num)s invitation", "%(num)s invitations")
    accounts = counted(sent.accounts, "%(num)s invitation", "%(num)s invitations")
    return {"summary": f"Queued {reminders}, {invitations} and {accounts} to create an account."}
