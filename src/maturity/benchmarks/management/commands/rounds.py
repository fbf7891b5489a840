"""`maturity rounds list` and `maturity rounds remind`: the rounds, and the reminders a scheduler
sends (run it daily; each reminder is sent once per reminder window, so running it more often, or
twice by mistake, sends nothing new)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maturity.benchmarks import selectors, services
from maturity.words import counted, date_uk


class Command(BaseCommand):
    help = "Diagnostic rounds: list them, or send the reminders due today."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{list,remind}")
        sub.add_parser("list", help="List every round with its dates, status and responses.")
        remind = sub.add_parser(
            "remind",
            help="Email the organisations of open rounds that have not answered, once per reminder window "
            f"({', '.join(str(d) for d in services.REMINDER_DAYS_BEFORE_CLOSE)} days before the close date); "
            "also sends any invitation not sent yet. Safe to repeat.",
        )
        remind.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _list(self, **options) -> None:
        today = timezone.localdate()
        rounds = list(selectors.rounds_with_counts())
        if not rounds:
            self.stdout.write("No rounds yet.")
            return
        for r in rounds:
            self.stdout.write(
                f"{r.pk:>4}  {r.name}  [{r.framework.ref}]  {date_uk(r.opens_on)} to {date_uk(r.closes_on)}  "
                f"{r.stage_label(today)}: {r.submitted} submitted, {r.declined} not taking part, of {r.invited} invited"
            )

    def _remind(self, date: str | None = None, **options) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be a date as YYYY-MM-DD, not {date!r}") from None
        sent = services.send_reminders(today=today)
        self.stdout.write(
            f"Sent {counted(sent.reminders, '%(num)s reminder', '%(num)s reminders')}, "
            f"{counted(sent.invitations, '%(num)s invitation', '%(num)s invitations')} and "
            f"{counted(sent.accounts, '%(num)s invitation', '%(num)s invitations')} to create an account."
        )
