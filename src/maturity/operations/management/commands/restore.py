from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from maturity.operations import backups


class Command(BaseCommand):
    help = (
        "Replaces everything in the database with a backup made by `maturity backup`. Stop the app "
        "servers and workers first, and start them again after."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `maturity backup`")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, file: str, interactive: bool, **options) -> None:
        path = Path(file)
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} with the backup {path}.\n"
                "Type 'yes' to continue, or anything else to cancel: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Cancelled: nothing was changed.")
        try:
            backups.restore(path)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path} into the database {name}. Run `maturity migrate` if the backup is from an earlier "
                "release, then start the app servers and workers again."
            )
        )
