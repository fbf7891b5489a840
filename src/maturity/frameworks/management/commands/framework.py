"""`maturity framework validate|load|export|list|diff|publish|retire`: the operator's way in and out
of framework data, and through a version's life (draft, published, retired)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maturity.frameworks import diff, loader, presenters, selectors, services
from maturity.frameworks.models import Framework
from maturity.words import plural


class Command(BaseCommand):
    help = "Validate, load, export, list, compare, publish or retire maturity frameworks."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{validate,load,export,list,diff,publish,retire}"
        )
        validate = sub.add_parser("validate", help="Check a framework file without loading it.")
        validate.add_argument("file")
        load = sub.add_parser("load", help="Load a framework file (safe to repeat).")
        load.add_argument("file", nargs="?", help="Defaults to the bundled NPS 2018 framework.")
        load.add_argument(
            "--status",
            choices=[s.value for s in Framework.Status],
            help="draft to check it before publishing; a new framework is published when not given",
        )
        export = sub.add_parser("export", help="Print a loaded framework, e.g. nps@2018.")
        export.add_argument("ref")
        export.add_argument("--format", choices=["json", "yaml"], default="yaml")
        sub.add_parser("list", help="List the loaded frameworks.")
        compare = sub.add_parser("diff", help="What changed between two versions, e.g. nps@2018 nps@2019.")
        compare.add_argument("old")
        compare.add_argument("new")
        publish = sub.add_parser("publish", help="Publish a draft version, e.g. nps@2019.")
        publish.add_argument("ref")
        publish.add_argument(
            "--retire-followed", action="store_true", help="Retire the version it follows at the same time."
        )
        retire = sub.add_parser(
            "retire", help="Retire a published version: it stays readable and keeps its assessments."
        )
        retire.add_argument("ref")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except loader.FrameworkError as error:
            heading = "The framework is not valid:" if action in {"validate", "load"} else "Refused:"
            raise CommandError("\n".join([heading, *error.problems])) from None

    def _validate(self, file: str, **options) -> None:
        document = loader.check(loader.read(file))
        areas = sum(len(section["areas"]) for section in document["sections"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{file} is a valid framework: {document['key']}@{document['version']}, "
                f"{plural(len(document['sections']), 'section')}, {plural(areas, 'area')}, {plural(len(document['levels']), 'level')}"
            )
        )

    def _load(self, file: str | None, status: str | None, **options) -> None:
        path = file or loader.bundled_path()
        result = loader.load(loader.read(path), status=status)
        self.stdout.write(self.style.SUCCESS(f"{result.framework.ref}: {result.outcome} ({result.framework.status})"))

    def _export(self, ref: str, format: str, **options) -> None:
        self.stdout.write(loader.dump(loader.export(loader.find(ref)), format), ending="")

    def _list(self, **options) -> None:
        frameworks = Framework.objects.select_related("follows", "group").order_by("key", "version")
        if not frameworks:
            self.stdout.write("No frameworks loaded. Load the bundled one with: maturity framework load")
        for framework in frameworks:
            notes = []
            if framework.follows_id:
                notes.append(f"follows {framework.follows.version}")
            if framework.group_id:
                notes.append(f"variant of {framework.group.name}")
            note = f"\t({', '.join(notes)})" if notes else ""
            self.stdout.write(f"{framework.ref}\t{framework.status}\t{framework.title}{note}")

    def _diff(self, old: str, new: str, **options) -> None:
        self.stdout.write(
            diff.as_text(selectors.changes(loader.find(old), loader.find(new)), presenters.type_labels()), ending=""
        )

    def _publish(self, ref: str, retire_followed: bool, **options) -> None:
        framework = services.publish(loader.find(ref), retire_followed=retire_followed)
        followed = framework.follows
        retired = (
            f"; {followed.ref} retired" if followed is not None and followed.status == Framework.Status.RETIRED else ""
        )
        self.stdout.write(self.style.SUCCESS(f"{framework.ref}: published{retired}"))

    def _retire(self, ref: str, **options) -> None:
        framework = services.retire(loader.find(ref))
        self.stdout.write(self.style.SUCCESS(f"{framework.ref}: retired"))
