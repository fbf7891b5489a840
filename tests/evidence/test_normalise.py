"""Names reduced to keys: the same council or supplier however it is written."""

from __future__ import annotations

import pytest

from maturity.evidence.normalise import organisation_key, registration_number, supplier_key


@pytest.mark.parametrize(
    "written, register_name",
    [
        ("Doncaster MBC", "Doncaster Metropolitan Borough Council"),
        ("London Borough of Redbridge", "Redbridge"),
        ("Stockport Metropolitan Borough Council", "Stockport"),
        ("Nottingham City Council", "Nottingham"),
        ("NOTTINGHAM CITY COUNCIL ", "Nottingham"),
        ("Bath & North East Somerset Council", "Bath and North East Somerset"),
        ("Durham County Council", "Durham"),
        ("City of Doncaster Council", "Doncaster"),
        ("The Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
        ("Harrogate Borough Council", "Harrogate"),
    ],
)
def test_ways_of_writing_a_council_share_a_key(written, register_name):
    assert organisation_key(written) == organisation_key(register_name)


def test_different_councils_keep_different_keys():
    assert organisation_key("Derby City Council") != organisation_key("Derbyshire County Council")
    assert organisation_key("Newcastle City Council") != organisation_key("Newcastle-under-Lyme Borough Council")
    assert organisation_key("Greater Manchester Combined Authority") == "greater manchester combined authority"


def test_a_council_kind_alone_is_not_dropped_to_nothing():
    assert organisation_key("Council") == "council"
    assert organisation_key("") == ""


@pytest.mark.parametrize(
    "a, b",
    [
        ("ACME LIMITED ", "Acme Ltd"),
        ("The Wellbeing Project CIC", "wellbeing project"),
        ("Altrincham Children's Choir", "ALTRINCHAM CHILDRENS CHOIR"),
        ("Smith & Sons plc", "smith and sons"),
    ],
)
def test_ways_of_writing_a_supplier_share_a_key(a, b):
    assert supplier_key(a) == supplier_key(b)


def test_registration_numbers_ignore_spaces_zeros_and_placeholders():
    assert registration_number(" 0796 2245 ") == registration_number("7962245")
    assert registration_number("N/A") == registration_number("0") == registration_number("") == ""
    assert registration_number("sc012345") == "SC012345"
