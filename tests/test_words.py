"""Numbers, dates and times are written one way everywhere (maturity/words.py), and no page,
email, message or command writes them any other way."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from maturity.words import counted, date_uk, join_words, month_uk, noun_for, plural, time_uk, when_uk

SRC = Path(__file__).resolve().parent.parent / "src" / "maturity"
LONDON = ZoneInfo("Europe/London")


def test_one_is_singular_and_every_other_count_plural():
    assert plural(1, "respondent") == "1 respondent"
    assert plural(0, "respondent") == "0 respondents"
    assert plural(2, "notice") == "2 notices"
    assert plural(1387, "procurement") == "1,387 procurements"
    assert plural(1, "person") == "1 person" and plural(3, "person") == "3 people"
    assert plural(2, "named supplier") == "2 named suppliers"
    assert plural(2, "address") == "2 addresses"
    assert plural(2, "area", "areas of the framework") == "2 areas of the framework"
    assert noun_for(1, "area") == "area" and noun_for(5, "area") == "areas"
    assert plural(None, "area") == ""  # a count a page did not set prints nothing, not " areas"


def test_a_count_and_its_noun_are_translated_together():
    assert counted(1, "%(num)s area", "%(num)s areas") == "1 area"
    assert counted(1387, "%(num)s procurement", "%(num)s procurements") == "1,387 procurements"
    assert counted(None, "%(num)s area", "%(num)s areas") == ""


def test_lists_are_joined_without_a_serial_comma():
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A"]) == "A"


def test_dates_are_written_the_govuk_way():
    assert date_uk(datetime.date(2026, 12, 6)) == "6 December 2026"
    assert date_uk("2026-12-06") == "6 December 2026"
    assert date_uk(None) == "" and date_uk("") == ""
    assert month_uk(datetime.date(2027, 3, 1)) == "March 2027"


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (14, 36, "2:36pm"),
        (9, 5, "9:05am"),
        (15, 0, "3pm"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (0, 30, "12:30am"),
    ],
)
def test_times_are_written_the_govuk_way(hour, minute, expected):
    assert time_uk(datetime.datetime(2026, 12, 6, hour, minute, tzinfo=LONDON)) == expected


def test_a_moment_is_written_in_local_time(settings):
    settings.TIME_ZONE = "Europe/London"
    summer_evening_utc = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert when_uk(summer_evening_utc) == "1 July 2026 at 12:30am"
    assert when_uk(datetime.datetime(2026, 12, 6, 14, 36, tzinfo=datetime.UTC)) == "6 December 2026 at 2:36pm"


def _sources(*suffixes):
    for path in sorted(SRC.rglob("*")):
        if path.suffix in suffixes and "migrations" not in path.parts and path.name != "words.py":
            yield path, path.read_text(encoding="utf-8")


# A date or time formatted by hand: an f-string or format() spec, strftime, or a template that
# prints a date as a string. Parsing (input_formats, strptime patterns) is not writing.
HAND_FORMATTED = re.compile(r"\{[^{}\n]*:%[^}]*\}|\.strftime\(|\|string\|truncate|\.isoformat\(\)\s*\}\}")


def test_no_date_is_formatted_by_hand():
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path, text in _sources(".py", ".html", ".txt")
        for match in HAND_FORMATTED.finditer(text)
    ]
    assert found == [], "write dates with maturity.words (date_uk, time_uk, when_uk, month_uk): " + "; ".join(found)


NOUNS = (
    "respondents|notices|procurements|organisations|councils|areas|members|rows|people|invitations|responses"
    "|actions|files|days|months|years|figures|levels|buyers|suppliers|changes|problems|requests|offers|events"
    "|records|tokens|groups|payments|reminders|regions|sections|hours|credit notes"
)
# A count printed before a plural noun, "{count} respondents", which reads "1 respondents" for one.
COUNT_BEFORE_NOUN = re.compile(r"(\{\{?)([^{}\n]*)\}\}? (?:" + NOUNS + r")\b")
# Counts that are never 1: the suppression threshold and other constants.
NEVER_ONE = re.compile(r"[A-Z][A-Z_]{3,}|minimum|threshold|suppress_below|waiting_days")


def test_every_count_before_a_noun_goes_through_plural():
    found = []
    for path, text in _sources(".py", ".html", ".txt"):
        for match in COUNT_BEFORE_NOUN.finditer(text):
            if not NEVER_ONE.search(match.group(2)):
                found.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert found == [], "write counts with maturity.words.plural (or the `plural` filter): " + "; ".join(found)
