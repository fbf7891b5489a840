"""The operator's command line: Django's management commands under one name, `maturity`."""

import os
import sys
from pathlib import Path

# Written by `make run`: the settings of the local demonstration in this checkout (DEBUG, and the
# address emails link to), so that `.venv/bin/maturity ...` works there with no variables set.
DEVELOPMENT_SETTINGS = Path("var") / "development.env"


def development_settings(home: Path) -> dict[str, str]:
    """The NAME=value lines of `make run`'s settings file under `home`, if there is one."""
    path = home / DEVELOPMENT_SETTINGS
    if not path.is_file():
        return {}
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, equals, value = line.partition("=")
        if equals and name.strip() and not name.lstrip().startswith("#"):
            settings[name.strip()] = value.strip()
    return settings


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maturity.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    # A deployment sets SECRET_KEY, and the production server never runs with a demonstration's
    # settings: for them the file is ignored, so production still refuses to start without a secret.
    if "SECRET_KEY" not in os.environ and command != "serve":
        home = Path(os.environ.get("MATURITY_HOME") or Path.cwd())
        for name, value in development_settings(home).items():
            os.environ.setdefault(name, value)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["maturity", *sys.argv[1:]])


if __name__ == "__main__":
    main()
