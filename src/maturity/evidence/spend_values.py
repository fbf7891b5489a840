"""The values of a spend file's cells, in the forms councils write them: payment dates, amounts
of money (credit notes included) and yes or no. Pure functions, no Django."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0"}


def yes_no(value: str) -> bool | None:
    text = value.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%Y/%m/%d",
    "%d-%B-%Y",
    "%Y%m%d",
)
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_date(text: str) -> datetime.date | None:
    """A payment date in the forms councils write them; day before month (UK order)."""
    value = _TIME_PART.sub("", text.strip())
    if not value or not value[0].isdigit():
        return None
    for pattern in _DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
        if 1990 <= day.year <= 2100:
            return day
    return None


_MONEY_NOISE = str.maketrans("", "", "£, \u00a0")


def parse_amount(text: str) -> Decimal | None:
    """An amount of money: "£1,234.50", "-12.00", "(12.00)" and "12.00 CR" (credit notes)."""
    value = text.strip()
    negative = False
    if value.startswith("(") and value.endswith(")"):
        value, negative = value[1:-1], True
    upper = value.upper()
    if upper.endswith("CR"):
        value, negative = value[:-2], True
    value = value.translate(_MONEY_NOISE)
    if value.endswith("-"):
        value, negative = value[:-1], True
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    return -amount if negative else amount
