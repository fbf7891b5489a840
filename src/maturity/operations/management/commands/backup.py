from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maturity.operations import backups


class Command(BaseCommand):
    help = (
        "Backs up the whole database to FILE while the service runs: pg_dump on PostgreSQL, "
        "the online backup on SQLite. `maturity restore FILE` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to write (replaced if it exists)")

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        try:
            backups.backup(path)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {backups.vendor()} database to {path} ({path.stat().st_size / 2**20:.1f} MB)."
            )
        )
