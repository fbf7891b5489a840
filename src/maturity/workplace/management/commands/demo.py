"""`maturity demo load`: demonstration councils and people to sign in as (safe to repeat)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from maturity.assessments import demo as assessments_demo
from maturity.benchmarks import demo as benchmarks_demo
from maturity.organisations import demo


class Command(BaseCommand):
    help = "Load demonstration data: every English and Welsh council, demo people to sign in as, demo rounds."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{load}")
        sub.add_parser("load", help="Add the demo councils and people that are missing (keeps existing data).")

    def handle(self, *args, action: str, **options):
        if action == "load":
            try:
                demo.add(self.stdout)
                benchmarks_demo.add_national_admin(self.stdout)
                assessments_demo.load(self.stdout)
                benchmarks_demo.load(self.stdout)
                demo.print_sign_ins(
                    self.stdout,
                    extra=[
                        (
                            benchmarks_demo.NATIONAL_ADMIN_EMAIL,
                            "National admin",
                            "National team (sets up two-factor first)",
                        ),
                    ],
                )
            except ValidationError as error:  # the demo password no longer passes the validators
                raise CommandError("The demo password is refused: " + " ".join(error.messages)) from None
