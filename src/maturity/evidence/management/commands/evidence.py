"""`maturity evidence import-ocds PATH | import-spend ORG FILE | import-grants ORG FILE | buyers`.

The operator's way to bring open data in: notices for every buyer (a file or a folder), or an
organisation's spend file or grants list, whose columns are read from the headings. Long imports
show their progress on standard error: a bar on a terminal, plain lines otherwise.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maturity.evidence import csv_reading, files, grants, ocds, selectors, services
from maturity.organisations.models import Organisation
from maturity.processes import settle
from maturity.progress import command_progress
from maturity.words import plural


class Command(BaseCommand):
    help = "Import open data used as evidence: procurement notices (OCDS), spend files, grant lists."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{import-ocds,import-spend,import-grants,buyers}"
        )
        notices = sub.add_parser(
            "import-ocds", help="Import OCDS releases or records from a file or a folder (safe to repeat)."
        )
        notices.add_argument("path", help="A .json, .jsonl or .zip file, or a folder of them.")
        notices.add_argument(
            "--organisation", help="Keep only the notices of this organisation (its slug or GSS code)."
        )
        spend_parser = sub.add_parser("import-spend", help="Import a Transparency Code spend file for an organisation.")
        spend_parser.add_argument("organisation", help="The organisation's slug or GSS code.")
        spend_parser.add_argument("file", help="A CSV file, or a zip archive holding one.")
        spend_parser.add_argument(
            "--other-organisation",
            action="store_true",
            help="Import it even though its organisation column names another organisation.",
        )
        grants_parser = sub.add_parser(
            "import-grants", help="Import a 360Giving grants file: the VCSEs an organisation funds."
        )
        grants_parser.add_argument("organisation", help="The organisation's slug or GSS code.")
        grants_parser.add_argument("file")
        sub.add_parser("buyers", help="List the buyers awaiting a match to an organisation.")

    def handle(self, *args, action: str, **options):
        settle()
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _organisation(self, ref: str) -> Organisation:
        organisation = (
            Organisation.objects.filter(slug=ref).first() or Organisation.objects.filter(gss_code=ref.upper()).first()
        )
        if organisation is None:
            raise CommandError(f"No organisation with the slug or GSS code {ref!r}.")
        return organisation

    def _import_ocds(self, path: str, organisation: str | None, **options) -> None:
        org = self._organisation(organisation) if organisation else None
        with command_progress(self.stderr, Path(path).name or path) as progress:
            outcomes = services.import_ocds_path(path=path, organisation=org, progress=progress)
        if not outcomes:
            raise CommandError(f"No .json, .jsonl or .zip file found at {path}.")
        failed = 0
        totals = {"releases": 0, "stored": 0, "already": 0, "unmatched": 0}
        for name, outcome in outcomes:
            if isinstance(outcome, (ocds.OcdsError, files.FileProblem)):
                failed += 1
                self.stderr.write(f"{name} was not imported, nothing of it was stored:")
                for problem in outcome.problems:
                    self.stderr.write(f"  {problem}")
                continue
            totals["releases"] += outcome.releases
            totals["stored"] += outcome.stored
            totals["already"] += outcome.already
            totals["unmatched"] += sum(outcome.unmatched.values())
        self.stdout.write(
            f"{len(outcomes) - failed} of {plural(len(outcomes), 'file')} imported: {totals['releases']:,} releases read, "
            f"{totals['stored']:,} stored, {totals['already']:,} imported before."
        )
        if totals["unmatched"]:
            self.stdout.write(
                f"{plural(totals['unmatched'], 'notice')} {'names' if totals['unmatched'] == 1 else 'name'} a buyer not matched to an organisation: "
                "see `maturity evidence buyers` or the national evidence pages."
            )
        if failed:
            raise CommandError(f"{plural(failed, 'file')} {'was' if failed == 1 else 'were'} not imported.")

    def _import_spend(self, organisation: str, file: str, other_organisation: bool = False, **options) -> None:
        org = self._organisation(organisation)
        try:
            with command_progress(self.stderr, Path(file).name) as progress:
                record = services.import_spend_path(
                    organisation=org, path=file, other_organisation=other_organisation, progress=progress
                )
        except (csv_reading.SpendError, files.FileProblem) as error:
            raise CommandError("\n".join([f"{file} was not imported, nothing changed:", *error.problems])) from None
        except services.AlreadyImported as error:
            self.stdout.write(str(error))
            return
        s = record.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {record.file_name} for {org.name}: {plural(s['payments'], 'payment')} to {plural(s['suppliers'], 'supplier')} "
                f"over {plural(s['months'], 'month')}; {plural(s['credit_notes'], 'credit note')}, {s['under_threshold']:,} under £500, "
                f"{s['redacted']:,} redacted, {plural(s['skipped'], 'row')} skipped."
            )
        )

    def _import_grants(self, organisation: str, file: str, **options) -> None:
        org = self._organisation(organisation)
        try:
            opener, shown = files.path_opener(file, services.SPEND_SUFFIXES)
            with command_progress(self.stderr, shown) as progress:
                record = services.import_grants(organisation=org, opener=opener, file_name=shown, progress=progress)
        except (grants.GrantsError, files.FileProblem) as error:
            raise CommandError("\n".join([f"{file} was not imported, nothing changed:", *error.problems])) from None
        except services.AlreadyImported as error:
            self.stdout.write(str(error))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {record.file_name} for {org.name}: {plural(record.summary['recipients'], 'organisation')} funded."
            )
        )

    def _buyers(self, **options) -> None:
        buyers = list(selectors.unmatched_buyers())
        if not buyers:
            self.stdout.write("Every buyer is matched or ignored.")
        for buyer in buyers:
            self.stdout.write(f"{buyer.procurements}\t{buyer.name}")
