"""The command line in the checkout `make run` set up: the README's commands work there with no
variables (make run writes var/development.env, which `maturity` reads when SECRET_KEY is not
set), while a deployment, and the production server, still refuse to start without a secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PRINT_SETTINGS = "from django.conf import settings; print(settings.DEBUG, settings.SITE_URL)"


def plain_environment(**extra: str) -> dict[str, str]:
    """The environment of someone who set nothing: none of the product's variables."""
    names = {
        "DEBUG",
        "MATURITY_TESTING",
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "SITE_URL",
        "MATURITY_HOME",
        "EMAIL_URL",
        "REDIS_URL",
        "PORT",
        "HOST",
    }
    return {**{k: v for k, v in os.environ.items() if k not in names}, **extra}


def maturity(home: Path, *arguments: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *arguments],
        cwd=home,
        env=plain_environment(**extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A folder where `make run PORT=8101` has written its settings (as in the checkout's var/)."""
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(REPO),
            "development-settings",
            "PORT=8101",
            f"VAR={tmp_path / 'var'}",
        ],
        env=plain_environment(),
        check=True,
        capture_output=True,
    )
    return tmp_path


def test_the_readmes_commands_work_after_make_run_with_no_variables(checkout):
    for command in (["migrate", "--noinput", "-v0"], ["framework", "load"]):
        result = maturity(checkout, *command)
        assert result.returncode == 0, result.stderr
    exported = maturity(checkout, "framework", "export", "nps@2018", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["version"] == "2018"


def test_make_run_on_another_port_links_emails_to_that_port(checkout):
    result = maturity(checkout, "shell", "--no-imports", "-c", PRINT_SETTINGS)
    assert result.stdout.split() == ["True", "http://127.0.0.1:8101"], result.stderr


def test_without_make_runs_settings_the_command_line_refuses_to_start_without_a_secret(tmp_path):
    result = maturity(tmp_path, "check")
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_deployment_that_sets_a_secret_is_not_given_the_demonstrations_settings(checkout):
    result = maturity(checkout, "check", SECRET_KEY="s" * 60)
    assert result.returncode != 0 and "ALLOWED_HOSTS must list" in result.stderr  # DEBUG stayed off


def test_the_production_server_never_reads_the_demonstrations_settings(checkout):
    result = maturity(checkout, "serve")
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr
