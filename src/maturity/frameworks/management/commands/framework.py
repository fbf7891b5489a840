"""`maturity framework validate|load|export|list`: the operator's way in and out of framework data."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maturity.frameworks import loader
from maturity.frameworks.models import Framework


class Command(BaseCommand):
    help = "Validate, load, export or list maturity frameworks."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{validate,load,export,list}")
        validate = sub.add_parser("validate", help="Check a framework file without loading it.")
        validate.add_argument("file")
        load = sub.add_parser("load", help="Load a framework file (safe to repeat).")
        load.add_argument("file", nargs="?", help="Defaults to the bundled NPS 2018 framework.")
        load.add_argument("--status", choices=[s.value for s in Framework.Status])
        export = sub.add_parser("export", help="Print a loaded framework, e.g. nps@2018.")
        export.add_argument("ref")
        export.add_argument("--format", choices=["json", "yaml"], default="yaml")
        sub.add_parser("list", help="List the loaded frameworks.")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except loader.FrameworkError as error:
            raise CommandError("\n".join(["The framework is not valid:", *error.problems])) from None

    def _validate(self, file: str, **options) -> None:
        document = loader.check(loader.read(file))
        areas = sum(len(section["areas"]) for section in document["sections"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{file} is a valid framework: {document['key']}@{document['version']}, "
                f"{len(document['sections'])} sections, {areas} areas, {len(document['levels'])} levels"
            )
        )

    def _load(self, file: str | None, status: str | None, **options) -> None:
        path = file or loader.bundled_path()
        result = loader.load(loader.read(path), status=status)
        self.stdout.write(self.style.SUCCESS(f"{result.framework.ref}: {result.outcome} ({result.framework.status})"))

    def _export(self, ref: str, format: str, **options) -> None:
        self.stdout.write(loader.dump(loader.export(loader.find(ref)), format), ending="")

    def _list(self, **options) -> None:
        frameworks = Framework.objects.order_by("key", "version")
        if not frameworks:
            self.stdout.write("No frameworks loaded. Load the bundled one with: maturity framework load")
        for framework in frameworks:
            self.stdout.write(f"{framework.ref}\t{framework.status}\t{framework.title}")
