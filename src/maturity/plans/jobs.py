"""The plan's daily jobs, started by the worker (settings.JOBS_DAILY)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy

from maturity.jobs import Retry, Running, background
from maturity.plans import reminders
from maturity.words import counted


# Safe to run again: each email is recorded under a unique key in the transaction that queues it.
@background(
    title=gettext_lazy("Send the day's action reminders"),
    retry=Retry(delays=(300, 1800), when=lambda error: True, abandoned=True),
)
def send_action_reminders(job: Running, *, day: str) -> dict:
    sent = reminders.send_action_reminders(today=datetime.date.fromisoformat(day))
    return {"summary": counted(sent, "Queued %(num)s action reminder.", "Queued %(num)s action reminders.")}


@background(
    title=gettext_lazy("Send the leads' weekly summaries"),
    retry=Retry(delays=(300, 1800), when=lambda error: True, abandoned=True),
)
def send_weekly_summaries(job: Running, *, day: str) -> dict:
    sent = reminders.send_weekly_summaries(today=datetime.date.fromisoformat(day))
    return {"summary": counted(sent, "Queued %(num)s weekly summary.", "Queued %(num)s weekly summaries.")}
