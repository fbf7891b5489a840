"""The rounds' background jobs: the day's reminders, started each day by the worker
(settings.JOBS_DAILY) or from a scheduler with `maturity rounds remind`."""

from __future__ import annotations

import datetime

from maturity.benchmarks import services
from maturity.jobs import Retry, Running, background
from maturity.words import plural


# Safe to run again: each reminder is recorded under a unique key before it is queued.
@background(title="Send the day's round reminders", retry=Retry(delays=(300, 1800), when=lambda error: True,
                                                                abandoned=True))
def send_round_reminders(job: Running, *, day: str) -> dict:
    sent = services.send_reminders(today=datetime.date.fromisoformat(day))
    return {"summary": f"Queued {plural(sent.reminders, 'reminder')}, {plural(sent.invitations, 'invitation')} and "
                       f"{plural(sent.accounts, 'invitation')} to create an account."}
