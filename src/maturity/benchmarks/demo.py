"""Demonstration data for rounds: the national team's sign-in."""

from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model, password_validation

from maturity.organisations.demo import PASSWORD

NATIONAL_ADMIN_EMAIL = "national.admin@example.com"


def add_national_admin(stdout: TextIO) -> None:
    """Add the national team's demo user if missing (an existing one is left as it is)."""
    User = get_user_model()
    if User.objects.filter(email__iexact=NATIONAL_ADMIN_EMAIL).exists():
        stdout.write(f"Demo national admin {NATIONAL_ADMIN_EMAIL} already exists.\n")
        return
    user = User(email=NATIONAL_ADMIN_EMAIL, full_name="Nat Adebayo", is_national_admin=True)
    password_validation.validate_password(PASSWORD, user)
    user.set_password(PASSWORD)
    user.save()
    stdout.write(f"Demo national admin added: {NATIONAL_ADMIN_EMAIL} (runs rounds and publishes results).\n")
