"""`maturity organisations import FILE`: bring councils in from mySociety's register.

A command group, like `maturity framework`: further subcommands (export, list...) go beside
`import`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maturity.organisations import register, services
from maturity.words import plural


class Command(BaseCommand):
    help = "Manage organisations: import them from mySociety's register of UK local authorities."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import}")
        load = sub.add_parser(
            "import",
            help="Create or update organisations from a uk_local_authorities_current.csv file (safe to repeat).",
        )
        load.add_argument("file", help="The register's CSV file (mySociety uk_local_authority_names_and_codes).")
        load.add_argument(
            "--all-nations",
            action="store_true",
            help="Also import councils in Scotland, Wales and Northern Ireland (default: England only).",
        )
        load.add_argument("--dry-run", action="store_true", help="Check the file and report, writing nothing.")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _import(self, file: str, all_nations: bool, dry_run: bool, **options) -> None:
        try:
            parsed = register.parse(register.read(file), nations=None if all_nations else (register.ENGLAND,))
            result = services.import_register(register=parsed, dry_run=dry_run)
        except register.RegisterError as error:
            raise CommandError("\n".join([f"{file} was not imported, nothing changed:", *error.problems])) from None
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{plural(len(result.created), 'organisation')} {verb} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )
        if result.skipped_by_nation:
            by_nation = ", ".join(f"{nation} {count}" for nation, count in sorted(result.skipped_by_nation.items()))
            self.stdout.write(
                f"Skipped {sum(result.skipped_by_nation.values())} outside England ({by_nation}); "
                "use --all-nations to include them."
            )
        if result.split:
            self.stdout.write(
                f"Split between several successors, so replaced-by was left as it was: {', '.join(result.split)}."
            )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}."))
