"""Reading settings from environment variables, failing loudly on bad values.

A setting that is present but malformed stops the process with a message that names the
variable, rather than falling back to a default that would hide the mistake in production.
"""

from __future__ import annotations

import datetime
import os

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class SettingError(Exception):
    """A setting read from the environment is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SettingError(f"{name} must be one of true/false, yes/no, on/off or 1/0, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{name} must be a number, not {raw!r}") from None
    if not value >= minimum or value == float("inf"):
        raise SettingError(f"{name} must be a number of at least {minimum}, not {raw}")
    return value


def env_time(name: str, default: str) -> datetime.time:
    raw = os.environ.get(name) or default
    try:
        hours, minutes = raw.strip().split(":")
        return datetime.time(int(hours), int(minutes))
    except ValueError:
        raise SettingError(f"{name} must be a time of day as HH:MM (24-hour clock), not {raw!r}") from None


def env_date(name: str, default: str) -> datetime.date:
    raw = os.environ.get(name) or default
    try:
        return datetime.date.fromisoformat(raw.strip())
    except ValueError:
        raise SettingError(f"{name} must be a date as YYYY-MM-DD, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict:
    import dj_database_url

    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises several kinds for a bad URL
        raise SettingError(f"{name} is not a database URL this product understands: {error}") from None
    if config.get("ENGINE") not in {
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    }:
        raise SettingError(f"{name} must point at SQLite or PostgreSQL, not {raw.split(':', 1)[0]!r}")
    return config


def env_email(name: str, default: str) -> dict:
    import dj_email_url

    raw = os.environ.get(name) or default
    try:
        config = dj_email_url.parse(raw)
    except (ValueError, KeyError) as error:
        raise SettingError(f"{name} is not an email URL (smtp://, console:, file://...): {error}") from None
    if "EMAIL_BACKEND" not in config:
        raise SettingError(
            f"{name} must start with smtp://, submission://, console:, file:// or memory:, not {raw.split(':', 1)[0]!r}"
        )
    return config
