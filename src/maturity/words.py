"""How the product writes numbers, dates and times in sentences: one place for every page,
email, PDF and message (GOV.UK style: "1 respondent", "3 respondents", "6 December 2026",
"2:36pm"), in the page's language (docs/adr/0025-cymraeg.md). The Jinja filters `date_uk`,
`time_uk` and `when_uk` and the global `ngettext` are these functions. See docs/adr/0023-first-hour-polish.md.

A count in a sentence is written with `counted` (Python) or `ngettext` (templates), whose texts
name the number `%(num)s`: Welsh has six plural forms and mutates the noun after some numbers, so
a count and its noun are translated together.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext

# Nouns whose plural is not the singular with an "s".
IRREGULAR = {
    "person": "people",
    "address": "addresses",
    "activity": "activities",
    "authority": "authorities",
    "body": "bodies",
    "category": "categories",
    "company": "companies",
    "entry": "entries",
    "match": "matches",
    "reply": "replies",
    "was": "were",
    "is": "are",
    "has": "have",
}


def plural_of(noun: str) -> str:
    """The plural of a noun or short phrase: its last word is made plural ("credit note" -> "credit notes")."""
    head, _, last = noun.rpartition(" ")
    word = IRREGULAR.get(last, last + "s")
    return f"{head} {word}" if head else word


def noun_for(count: int, singular: str, plural: str | None = None) -> str:
    """The noun alone, singular for exactly one ("area" or "areas")."""
    return singular if count == 1 else (plural or plural_of(singular))


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """A count and its noun in English: "1 respondent", "1,387 respondents", "0 areas"; nothing for
    a missing count. For the command line and the admin, which stay English; what people read in
    the interface uses `counted`, which is translated."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        return ""
    return f"{count:,} {noun_for(count, singular, plural)}"


def number(value) -> str:
    """A whole number with its thousands marked: 1,387 (the same in Welsh)."""
    return f"{int(value):,}"


def counted(count, singular: str, plural: str) -> str:
    """A count and its noun, translated together: counted(3, "%(num)s area", "%(num)s areas")."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        return ""
    return translation.ngettext(singular, plural, count) % {"num": number(count)}


def join_words(words: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' (British style, no serial comma)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def _local(value):
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def date_uk(value) -> str:
    """A date as GOV.UK writes it: 6 December 2026 (the local day for a moment in time).
    A string already in ISO form ("2026-12-06") is read first, so stored values print alike."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    # Django's own catalogues name the months in the page's language.
    return formats.date_format(_local(value), "j F Y")


def time_uk(value) -> str:
    """A time as GOV.UK writes it: 9:05am, 2:36pm, 3pm, and midday and midnight in words."""
    if value is None or value == "":
        return ""
    value = _local(value)
    if value.minute == 0 and value.hour in (0, 12):
        return gettext("midnight") if value.hour == 0 else gettext("midday")
    hour = value.hour % 12 or 12
    suffix = pgettext("time of day", "am") if value.hour < 12 else pgettext("time of day", "pm")
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value:%M}{suffix}"


def when_uk(value) -> str:
    """A moment: 6 December 2026 at 2:36pm."""
    if value is None or value == "":
        return ""
    return gettext("%(date)s at %(time)s") % {"date": date_uk(value), "time": time_uk(value)}


def month_uk(value) -> str:
    """A month: March 2027."""
    if value is None or value == "":
        return ""
    return formats.date_format(_local(value), "F Y")
