"""`maturity organisations import`: the register into the database, whole or not at all."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from maturity.organisations.models import Organisation
from tests.factories import make_organisation
from tests.organisations.helpers import REGISTER, needs_register, real_rows, register_csv, row, write

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("organisations", "import", *args, stdout=out)
    return out.getvalue()


def current():
    return Organisation.objects.filter(Q(end_date__isnull=True))


def real_register_with(tmp_path, change) -> str:
    """A copy of the real register with `change(rows)` applied."""
    rows = real_rows()
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return write(tmp_path, out.getvalue())


@needs_register
def test_the_real_register_gives_every_current_english_and_welsh_council():
    output = run(str(REGISTER))
    assert "402 organisations were created, 0 updated, 0 unchanged." in output
    assert "Added: Adur, Isle of Anglesey," in output and "and 382 more." in output
    assert "Left alone 68 outside England and Wales (Northern Ireland 36, Scotland 32)" in output
    assert Counter(current().values_list("type", flat=True)) == {
        "district": 164,
        "unitary": 63,
        "metropolitan-district": 36,
        "london-borough": 33,  # 32 boroughs and the City of London
        "county": 21,
        "combined-authority": 14,
        "other": 1,  # the Greater London Authority
        "welsh-principal": 22,
    }
    assert current().count() == 354
    assert Counter(code[:3] for code in current().values_list("gss_code", flat=True)) == {
        "E07": 164,
        "E06": 63,
        "E08": 36,
        "E09": 33,
        "E10": 21,
        "E47": 14,
        "E61": 1,
        "W06": 22,
    }
    assert Counter(current().values_list("nation", flat=True)) == {"england": 332, "wales": 22}
    assert not Organisation.objects.filter(region__in=["Scotland", "Northern Ireland"]).exists()


@needs_register
def test_the_register_fields_land_on_the_organisation():
    run(str(REGISTER))
    kent = Organisation.objects.get(register_code="KEN")
    assert (kent.slug, kent.name, kent.official_name, kent.gss_code) == (
        "kent",
        "Kent",
        "Kent County Council",
        "E10000016",
    )
    assert (kent.type, kent.region, kent.population) == ("county", "South East", 1589057)
    assert kent.is_current
    city = Organisation.objects.get(register_code="LND")
    assert (city.name, city.type) == ("City of London", "london-borough")
    assert "City of London" not in city.alternative_names
    assert "city of london corporation" in city.alternative_names


@needs_register
def test_a_second_import_changes_nothing():
    run(str(REGISTER))
    before = list(Organisation.objects.order_by("pk").values())
    output = run(str(REGISTER))
    assert "0 organisations were created, 0 updated, 402 unchanged." in output
    assert list(Organisation.objects.order_by("pk").values()) == before


@needs_register
def test_replaced_by_is_resolved_to_the_successor():
    run(str(REGISTER))
    allerdale = Organisation.objects.get(name="Allerdale")
    assert allerdale.replaced_by.name == "Cumberland"
    assert not allerdale.is_current
    assert {org.name for org in allerdale.replaced_by.replaces.all()} == {"Allerdale", "Carlisle", "Copeland"}


@needs_register
def test_a_council_split_between_successors_keeps_no_single_successor():
    output = run(str(REGISTER))
    assert "Cumbria, Northamptonshire" in output
    assert Organisation.objects.get(register_code="CMA").replaced_by is None


@needs_register
def test_two_councils_with_one_name_get_distinct_slugs_the_current_one_plain():
    run(str(REGISTER))
    assert Organisation.objects.get(register_code="NYE").slug == "north-yorkshire"
    assert Organisation.objects.get(register_code="NYK").slug == "north-yorkshire-nyk"


@needs_register
def test_all_nations_imports_scotland_wales_and_northern_ireland_too():
    output = run(str(REGISTER), "--all-nations")
    assert "470 organisations were created" in output
    assert "Left alone" not in output
    assert (
        Organisation.objects.get(register_code="ABE").type,
        Organisation.objects.get(register_code="ABE").nation,
    ) == ("unitary", "scotland")
    assert Organisation.objects.filter(region="Northern Ireland", type="other").exists()


@needs_register
def test_a_dry_run_writes_nothing():
    output = run(str(REGISTER), "--dry-run")
    assert "402 organisations would be created" in output
    assert "Dry run: nothing was written." in output
    assert not Organisation.objects.exists()


@needs_register
def test_a_changed_council_is_updated_and_keeps_its_slug(tmp_path):
    run(str(REGISTER))

    def rename(rows):
        for item in rows:
            if item["local-authority-code"] == "SEV":
                item["nice-name"] = "Sevenoaks Weald"
                item["pop-2020"] = "130000.0"

    output = run(real_register_with(tmp_path, rename))
    assert "0 organisations were created, 1 updated, 401 unchanged." in output
    sevenoaks = Organisation.objects.get(register_code="SEV")
    assert (sevenoaks.name, sevenoaks.population, sevenoaks.slug) == ("Sevenoaks Weald", 130000, "sevenoaks")


@needs_register
def test_an_organisation_made_by_hand_is_matched_on_its_gss_code():
    camden = make_organisation("Camden", slug="camden", gss_code="E09000007")
    output = run(str(REGISTER))
    assert "401 organisations were created, 1 updated" in output
    camden.refresh_from_db()
    assert (camden.register_code, camden.official_name, camden.slug) == ("CMD", "London Borough of Camden", "camden")
    assert Organisation.objects.filter(name="Camden").count() == 1


@needs_register
def test_a_bad_file_changes_nothing_and_names_the_row_and_column(tmp_path):
    run(str(REGISTER))
    before = list(Organisation.objects.order_by("pk").values())

    def spoil(rows):
        rows[0]["nice-name"] = "Renamed"  # a change that must not be written
        for item in rows:
            if item["local-authority-code"] == "KEN":
                item["start-date"] = "1st April 1974"

    bad = real_register_with(tmp_path, spoil)
    with pytest.raises(CommandError) as caught:
        run(bad)
    kent_row = next(i for i, item in enumerate(real_rows(), start=2) if item["local-authority-code"] == "KEN")
    assert f"Row {kent_row}, column start-date: '1st April 1974' is not a date" in str(caught.value)
    assert "nothing changed" in str(caught.value)
    assert list(Organisation.objects.order_by("pk").values()) == before


def test_a_file_with_a_missing_column_is_refused(tmp_path):
    path = write(tmp_path, register_csv([row("AAA", "One")], columns=("local-authority-code", "nice-name", "nation")))
    with pytest.raises(CommandError, match="missing the columns official-name, gss-code"):
        run(path)
    assert not Organisation.objects.exists()


def test_an_unknown_type_code_is_refused_and_nothing_is_written(tmp_path):
    path = write(tmp_path, register_csv([row("AAA", "One"), row("BBB", "Two", local_authority_type="XYZ")]))
    with pytest.raises(CommandError, match="Row 3, column local-authority-type: 'XYZ'"):
        run(path)
    assert not Organisation.objects.exists()


def test_an_unknown_successor_is_refused(tmp_path):
    path = write(tmp_path, register_csv([row("AAA", "One", end_date="2020-03-31", replaced_by="ZZZ")]))
    with pytest.raises(CommandError, match="Row 2, column replaced-by: no organisation has the register code ZZZ"):
        run(path)
    assert not Organisation.objects.exists()


def test_a_gss_code_held_by_another_organisation_is_refused(tmp_path):
    make_organisation("Elsewhere", gss_code="E07000111", register_code="ELS")
    path = write(tmp_path, register_csv([row("SEV", "Sevenoaks", gss_code="E07000111")]))
    with pytest.raises(CommandError, match="Row 2, column gss-code: E07000111 already belongs to Elsewhere"):
        run(path)
    assert Organisation.objects.count() == 1


def test_a_file_that_is_not_there_is_refused(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        run(str(tmp_path / "missing.csv"))


def test_a_successor_later_in_the_file_is_found(tmp_path):
    path = write(
        tmp_path,
        register_csv(
            [
                row("OLD", "Old Town", end_date="2019-03-31", replaced_by="NEW"),
                row("NEW", "New Town", start_date="2019-04-01", local_authority_type="UA"),
            ]
        ),
    )
    run(path)
    assert Organisation.objects.get(register_code="OLD").replaced_by == Organisation.objects.get(register_code="NEW")
    assert "0 organisations were created, 0 updated, 2 unchanged." in run(path)


def test_the_bundled_register_is_imported_when_no_file_is_named():
    output = run()
    assert "402 organisations were created" in output
    cardiff = Organisation.objects.get(register_code="CRF")
    assert (cardiff.type, cardiff.nation, cardiff.get_type_display()) == (
        "welsh-principal",
        "wales",
        "Welsh principal council",
    )


def test_the_list_command_prints_code_name_type_nation_region_and_leads():
    from tests.factories import make_member

    run()
    make_member(Organisation.objects.get(register_code="CRF"))
    out = io.StringIO()
    call_command("organisations", "list", "--nation", "wales", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["Code", "Name", "Type", "Nation", "Region", "Leads"]
    assert len(rows) == 23
    assert ["W06000015", "Cardiff", "Welsh principal council", "Wales", "Wales", "1"] in rows
    out = io.StringIO()
    call_command("organisations", "list", "--type", "combined-authority", stdout=out)
    assert "14 organisations." in out.getvalue()
