"""Reading the register: plain functions, no database."""

from __future__ import annotations

from datetime import date

import pytest

from maturity.organisations import register
from maturity.organisations.models import Organisation
from tests.organisations.helpers import REGISTER, needs_register, register_csv, row


def problems_of(text: str, **options) -> list[str]:
    with pytest.raises(register.RegisterError) as caught:
        register.parse(text, **options)
    return caught.value.problems


def test_a_row_becomes_a_record_in_our_terms():
    text = register_csv(
        [
            row(
                "ALL",
                "Allerdale",
                official_name="Allerdale Borough Council",
                gss_code="E07000026",
                end_date="2023-04-01",
                replaced_by="CBD",
                region="North West",
                pop_2020="97831.0",
                alt_names="Allerdale,allerdale,Allerdale Borough Council,allerdale borough council",
            ),
            row("CBD", "Cumberland", local_authority_type="UA", start_date="2023-04-01"),
        ]
    )
    allerdale, cumberland = register.parse(text).records
    assert allerdale.register_code == "ALL"
    assert allerdale.name == "Allerdale"
    assert allerdale.official_name == "Allerdale Borough Council"
    assert allerdale.gss_code == "E07000026"
    assert allerdale.type == Organisation.Type.DISTRICT
    assert allerdale.population == 97831
    assert allerdale.end_date == date(2023, 4, 1)
    assert allerdale.replaced_by == ["CBD"]
    assert allerdale.alternative_names == ["Allerdale Borough Council"]
    assert allerdale.slug == "allerdale"
    assert cumberland.type == Organisation.Type.UNITARY
    assert cumberland.start_date == date(2023, 4, 1)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("CTY", "county"),
        ("NMD", "district"),
        ("UA", "unitary"),
        ("MD", "metropolitan-district"),
        ("LBO", "london-borough"),
        ("CC", "london-borough"),
        ("COMB", "combined-authority"),
        ("SRA", "other"),
    ],
)
def test_each_english_type_code_maps_to_an_organisation_type(code, expected):
    (record,) = register.parse(register_csv([row("ABC", "Somewhere", local_authority_type=code)])).records
    assert record.type == expected


def test_alternative_names_drop_the_name_and_repeats_whatever_their_case():
    names = register.alternative_names(
        "City of Bristol,Bristol, City of,Bristol UA,bristol,BRISTOL,bristol, city of,city of bristol",
        name="City of Bristol",
    )
    assert names == ["Bristol, City of", "Bristol UA", "bristol"]


def test_a_blank_population_is_none_and_a_float_is_rounded():
    one, two = register.parse(
        register_csv([row("AAA", "One", pop_2020=""), row("BBB", "Two", pop_2020="1234.6")])
    ).records
    assert one.population is None
    assert two.population == 1235


def test_england_and_wales_are_read_by_default_and_other_nations_are_counted():
    text = register_csv(
        [
            row("AAA", "One"),
            row("BBB", "Two", nation="Scotland", local_authority_type="SCO"),
            row("CCC", "Three", nation="Wales", local_authority_type="WPA"),
        ]
    )
    parsed = register.parse(text)
    assert [(r.register_code, r.type, r.nation) for r in parsed.records] == [
        ("AAA", "district", "England"),
        ("CCC", "welsh-principal", "Wales"),
    ]
    assert parsed.skipped_by_nation == {"Scotland": 1}
    assert len(register.parse(text, nations=None).records) == 3


def test_a_missing_column_is_named():
    columns = tuple(c for c in register.REQUIRED_COLUMNS if c != "local-authority-type")
    (problem,) = problems_of(register_csv([row("AAA", "One")], columns=columns))
    assert "Row 1" in problem
    assert "local-authority-type" in problem


def test_a_bad_date_is_named_by_row_and_column():
    (problem,) = problems_of(register_csv([row("AAA", "One"), row("BBB", "Two", start_date="01/04/2023")]))
    assert problem == "Row 3, column start-date: '01/04/2023' is not a date in the form YYYY-MM-DD"


def test_an_impossible_date_is_refused():
    (problem,) = problems_of(register_csv([row("AAA", "One", end_date="2023-02-30")]))
    assert problem.startswith("Row 2, column end-date:")


def test_an_unknown_type_code_is_named_by_row_and_column():
    (problem,) = problems_of(register_csv([row("AAA", "One", local_authority_type="PAR")]))
    assert problem.startswith("Row 2, column local-authority-type: 'PAR' is not a type code")


def test_every_problem_in_the_file_is_reported_at_once():
    problems = problems_of(
        register_csv(
            [
                row("AAA", "One", start_date="tomorrow"),
                row("BBB", "Two", pop_2020="many"),
                row("AAA", "Three"),
                row("", "Four", nation="Atlantis"),
            ]
        )
    )
    assert problems == [
        "Row 2, column start-date: 'tomorrow' is not a date in the form YYYY-MM-DD",
        "Row 3, column pop-2020: 'many' is not a number",
        "Row 4, column local-authority-code: AAA is also on row 2",
        "Row 5, column local-authority-code: is blank",
        "Row 5, column nation: 'Atlantis' is not one of England, Scotland, Wales, Northern Ireland",
    ]


def test_an_empty_file_is_refused():
    assert problems_of("") == ["The file is empty: expected a header row naming the register's columns"]
    assert problems_of(register_csv([])) == ["The file has a header but no rows"]


def test_a_missing_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(register.RegisterError, match="There is no file at"):
        register.read(tmp_path / "nothing.csv")


@needs_register
def test_the_real_register_reads_without_problems():
    parsed = register.parse(register.read(REGISTER), nations=None)
    assert len(parsed.records) == 470
    assert not parsed.skipped_by_nation
    england_and_wales = register.parse(register.read(REGISTER))
    assert len(england_and_wales.records) == 402
    assert england_and_wales.skipped_by_nation == {"Scotland": 32, "Northern Ireland": 36}
