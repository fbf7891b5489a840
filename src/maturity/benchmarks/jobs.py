"""The rounds' background jobs: the day's reminders, started each day by the worker
(settings.JOBS_DAILY) or from a scheduler with `maturity rounds remind`."""

from __future__ import annotations

import datetime

from maturity.benchmarks import services
from maturity.jobs import Retry, Running, background


# Safe to run again: each reminder is recorded under a unique key before it is queued.
@background(title="Send the day's round reminders", retry=Retry(delays=(300, 1800), when=lambda error: True,
                                                                abandoned=True))
def send_round_reminders(job: Running, *, day: str) -> dict:
    sent = services.send_reminders(today=datetime.date.fromisoformat(day))
    return {"summary": f"Queued {sent.reminders} reminders, {sent.invitations} invitations and "
                       f"{sent.accounts} invitations to create an account."}
