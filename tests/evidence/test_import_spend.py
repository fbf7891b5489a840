"""Importing spend files and grant lists, and the spend indicators, on the real files."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from maturity.evidence import csv_reading, files, services
from maturity.evidence.indicators import financial_year
from maturity.evidence.models import EvidenceImport, SpendLine, VcseOrganisation
from maturity.evidence.selectors import spend_years
from tests.evidence.helpers import (
    OXFORD,
    TRAFFORD_GRANTS,
    TRAFFORD_ZIP,
    is_redacted,
    name_key,
    needs,
    spend_rows,
    trafford_slice,
)
from tests.factories import make_organisation


@pytest.fixture
def trafford(db):
    return make_organisation("Trafford", type="metropolitan-district", region="North West", gss_code="E08000009")


def import_bytes(organisation, data: bytes, name: str = "spend.csv", mapping=None):
    upload = services.start_spend_upload(organisation=organisation, source=io.BytesIO(data), file_name=name, user=None)
    return services.import_spend_upload(upload=upload, mapping=mapping or upload.mapping, user=None)


def expected_figures(rows: list[dict], vcse_names: set[str] = frozenset()) -> dict:
    """The spend indicators of Trafford rows, worked out with plain Python."""
    total = Decimal(0)
    per_supplier: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        amount = Decimal(row["Amount"])
        total += amount
        if row["BeneficiaryName"].strip() and not is_redacted(row["BeneficiaryName"]):
            per_supplier[name_key(row["BeneficiaryName"])] += amount
    top10 = sum(sorted(per_supplier.values(), reverse=True)[:10])
    vcse = sum(amount for key, amount in per_supplier.items() if key in vcse_names)
    return {"total": total, "suppliers": len(per_supplier), "top10": top10 / total, "vcse": vcse / total}


@needs(TRAFFORD_ZIP)
def test_a_trafford_slice_gives_the_figures_plain_csv_gives(trafford):
    raw = trafford_slice(2000)
    record = import_bytes(trafford, raw)
    rows = spend_rows(raw)
    years = {financial_year(datetime.date.fromisoformat(r["PaymentDate"])) for r in rows}
    (year,) = spend_years(trafford)
    assert {year.year} == years
    expected = expected_figures(rows)
    figures = year.figures
    assert figures["spend-total"].value == expected["total"]
    assert figures["spend-suppliers"].value == expected["suppliers"]
    assert figures["spend-top-10-share"].value == pytest.approx(float(expected["top10"]))
    assert figures["spend-vcse-share"].value == 0
    assert figures["spend-sme-share"].text == "Too little data"
    assert record.summary["payments"] == len(rows)
    assert record.summary["redacted"] == sum(1 for r in rows if is_redacted(r["BeneficiaryName"]))
    assert SpendLine.objects.count() < len(rows)  # stored per supplier and month, not per payment


@needs(TRAFFORD_ZIP, TRAFFORD_GRANTS)
def test_spend_with_the_organisations_on_the_grant_list_counts_as_spend_with_vcses(trafford):
    raw = trafford_slice(2000)
    import_bytes(trafford, raw)
    opener, name = files.path_opener(TRAFFORD_GRANTS, services.SPEND_SUFFIXES)
    services.import_grants(organisation=trafford, opener=opener, file_name=name, sha256=files.sha256_of(opener))
    import csv

    grant_names = {
        name_key(r["Recipient Org:Name"]) for r in csv.DictReader(TRAFFORD_GRANTS.open(encoding="utf-8-sig"))
    }
    expected = expected_figures(spend_rows(raw), grant_names)
    (year,) = spend_years(trafford)
    assert expected["vcse"] > 0
    assert year.figures["spend-vcse-share"].value == pytest.approx(float(expected["vcse"]))
    assert VcseOrganisation.objects.filter(organisation=trafford).count() == len(grant_names)


@needs(TRAFFORD_ZIP)
def test_a_zip_archive_is_opened_and_the_same_file_is_not_imported_twice(trafford, tmp_path):
    archive = tmp_path / "spend.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("trafford.csv", trafford_slice(300))
    import_bytes(trafford, archive.read_bytes(), "spend.zip")
    with pytest.raises(services.AlreadyImported):
        services.start_spend_upload(
            organisation=trafford, source=io.BytesIO(trafford_slice(300)), file_name="again.csv", user=None
        )
    assert EvidenceImport.objects.count() == 1


@needs(OXFORD)
def test_a_later_file_for_the_same_months_replaces_the_earlier_figures(trafford):
    path = OXFORD / "expenditure-over-500-jan-mar-2016.csv"
    import_bytes(trafford, path.read_bytes(), path.name)
    first_total = spend_years(trafford)[0].figures["spend-total"].value
    corrected = (
        path.read_bytes().replace(b",Revenue,", b",Revenue,", 1)
        + b"Oxford City Council,X,Y,Z,15/03/2016,1,100.00,Revenue,1,Extra Ltd\r\n"
    )
    import_bytes(trafford, corrected, "corrected.csv")
    (year,) = spend_years(trafford)
    assert year.figures["spend-total"].value == first_total + 100
    assert year.months == 3 and (year.first_month, year.last_month) == (
        datetime.date(2016, 1, 1),
        datetime.date(2016, 3, 1),
    )


@needs(OXFORD)
def test_a_file_with_faulty_rows_stores_nothing(trafford):
    path = OXFORD / "expenditure-over-500-apr-jun-2014.csv"
    upload = services.start_spend_upload(organisation=trafford, source=path.open("rb"), file_name=path.name, user=None)
    with pytest.raises(csv_reading.SpendError):
        services.import_spend_upload(upload=upload, mapping=upload.mapping, user=None)
    assert (SpendLine.objects.count(), EvidenceImport.objects.count()) == (0, 0)
    upload.refresh_from_db()
    assert upload.status == "pending"


@needs(OXFORD)
def test_the_command_imports_a_file_and_refuses_an_unknown_layout(trafford, tmp_path):
    path = OXFORD / "expenditure-over-500-oct-dec-2016.csv"
    out = io.StringIO()
    call_command("evidence", "import-spend", trafford.slug, str(path), stdout=out)
    assert "Imported expenditure-over-500-oct-dec-2016.csv for Trafford" in out.getvalue()
    odd = tmp_path / "odd.csv"
    odd.write_text("When,How much,Who\n01/05/2024,5,Acme\n")
    with pytest.raises(CommandError) as caught:
        call_command("evidence", "import-spend", "E08000009", str(odd), stdout=io.StringIO())
    assert "the column layout is not recognised. Headings found: When, How much, Who" in str(caught.value)
    assert EvidenceImport.objects.count() == 1
