"""`maturity groups sync-regions|list|notify`: the regions kept in step with the register, a list of
groups, and emails to organisations whose membership of a group waits for their acceptance."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Count

from maturity.groups import services
from maturity.groups.models import Group
from maturity.words import plural


class Command(BaseCommand):
    help = "Keep the region groups in step with the organisations' regions, or list the groups."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{sync-regions,list,notify}")
        sync = sub.add_parser(
            "sync-regions",
            help="One group per region named in the register, with that region's current organisations as members (safe to repeat).",
        )
        sync.add_argument("--dry-run", action="store_true", help="Say what would change, and change nothing.")
        sub.add_parser("list", help="List the groups with their kind and number of members.")
        sub.add_parser(
            "notify",
            help="Email the leads of organisations added to a group that have not accepted yet (once each; safe to repeat).",
        )

    def handle(self, *args, action: str, **options):
        if action == "sync-regions":
            self._sync(options["dry_run"])
        elif action == "notify":
            count = services.notify_pending()
            self.stdout.write(
                self.style.SUCCESS(
                    f"{count} {'organisation was' if count == 1 else 'organisations were'} told a group waits for their acceptance"
                )
            )
        else:
            self._list()

    def _sync(self, dry_run: bool) -> None:
        report = services.sync_regions(dry_run=dry_run)
        if not report.regions:
            self.stdout.write(
                "No organisation has a region yet: import the register first (maturity organisations import)."
            )
            return
        for name, count in sorted(report.regions.items()):
            new = " (new)" if name in report.created else ""
            self.stdout.write(f"{name}{new}: {plural(count, 'member')}")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{plural(len(report.regions), 'region')}; {plural(len(report.created), 'group')} {verb} created, "
                f"{plural(report.added, 'member')} {verb} added and {report.removed} removed"
            )
        )

    def _list(self) -> None:
        groups = Group.objects.annotate(count=Count("members")).order_by("kind", "name")
        if not groups:
            self.stdout.write("No groups yet. Create the regions with: maturity groups sync-regions")
        for group in groups:
            self.stdout.write(
                f"{group.slug}\t{group.get_kind_display()}\t{plural(group.count, 'member')}\t{group.name}"
            )
