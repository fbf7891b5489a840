"""`maturity organisations import|list|invite`: the register, the directory, and contacts in bulk.

A command group, like `maturity framework`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maturity.organisations import contacts, directory, register, services
from maturity.organisations.models import Nation, Organisation
from maturity.spreadsheets import csv_text
from maturity.words import plural

# How many names of added or changed organisations the import prints before it only counts.
NAMES_SHOWN = 20


class Command(BaseCommand):
    help = "Manage organisations: import the register, list them, invite contacts from a CSV file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,list,invite}")
        load = sub.add_parser(
            "import",
            help="Create or update organisations from mySociety's register of UK councils (safe to repeat).",
        )
        load.add_argument(
            "file",
            nargs="?",
            default=str(register.BUNDLED),
            help="The register's CSV file (default: the copy bundled with the product, v1.6.1).",
        )
        load.add_argument(
            "--all-nations",
            action="store_true",
            help="Also import councils in Scotland and Northern Ireland (default: England and Wales).",
        )
        load.add_argument("--dry-run", action="store_true", help="Check the file and report, writing nothing.")

        listing = sub.add_parser("list", help="Print each organisation: code, name, type, nation, region, leads.")
        listing.add_argument("--nation", choices=Nation.values, help="Only organisations of this nation.")
        listing.add_argument("--type", choices=Organisation.Type.values, help="Only organisations of this type.")
        listing.add_argument("--format", choices=("table", "csv"), default="table")

        invite = sub.add_parser(
            "invite",
            help="Invite the contacts of a CSV file (organisation, name, email, role): every row is "
            "checked first, and nothing is sent unless the whole file is good.",
        )
        invite.add_argument("file", help="A UTF-8 CSV file with the columns " + ", ".join(contacts.COLUMNS) + ".")
        invite.add_argument("--dry-run", action="store_true", help="Check the file and report, sending nothing.")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _import(self, file: str, all_nations: bool, dry_run: bool, **options) -> None:
        try:
            parsed = register.parse(register.read(file), nations=None if all_nations else register.DEFAULT_NATIONS)
            result = services.import_register(register=parsed, dry_run=dry_run)
        except register.RegisterError as error:
            raise CommandError("\n".join([f"{file} was not imported, nothing changed:", *error.problems])) from None
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{plural(len(result.created), 'organisation')} {verb} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )
        names = {record.register_code: record.name for record in parsed.records}
        for label, codes in (("Added", result.created), ("Changed", result.updated)):
            if codes:
                shown = [names[code] for code in codes[:NAMES_SHOWN]]
                more = f" and {len(codes) - len(shown)} more" if len(codes) > len(shown) else ""
                self.stdout.write(f"{label}: {', '.join(shown)}{more}.")
        if result.skipped_by_nation:
            by_nation = ", ".join(f"{nation} {count}" for nation, count in sorted(result.skipped_by_nation.items()))
            self.stdout.write(
                f"Left alone {sum(result.skipped_by_nation.values())} outside England and Wales ({by_nation}); "
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

    def _list(self, nation: str | None, type: str | None, format: str, **options) -> None:
        rows = directory.listing(directory.Filters(nation=nation or "", type=type or ""))
        table = [directory.COMMAND_COLUMNS, *(directory.command_row(row) for row in rows)]
        if format == "csv":
            self.stdout.write(csv_text(table[0], table[1:], byte_order_mark=False, line_end="\n"), ending="")
            return
        widths = [max(len(str(line[i])) for line in table) for i in range(len(table[0]))]
        for line in table:
            self.stdout.write("  ".join(str(value).ljust(width) for value, width in zip(line, widths)).rstrip())
        self.stdout.write(f"{plural(len(table) - 1, 'organisation')}.")

    def _invite(self, file: str, dry_run: bool, **options) -> None:
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        checked = contacts.check(data)
        if checked.problems:
            raise CommandError("\n".join([f"{file} was not used, nobody was invited:", *checked.problems]))
        if dry_run:
            self.stdout.write(f"{len(checked.rows)} contacts would be invited. Dry run: nothing was sent.")
            return
        try:
            sent = contacts.invite_all(rows=checked.rows, invited_by=None)
        except contacts.ContactsError as error:
            raise CommandError("\n".join([f"{file} was not used, nobody was invited:", *error.problems])) from None
        self.stdout.write(self.style.SUCCESS(f"{plural(sent, 'invitation')} sent."))
