"""The operator's command line: Django's management commands under one name, `maturity`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maturity.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["maturity", *sys.argv[1:]])


if __name__ == "__main__":
    main()
