"""The reports of an assessment in Welsh (docs/adr/0025-cymraeg.md): the committee report's words and
dates, the workbook's words (its sheet names and the headings the import reads stay English), and a
workbook downloaded in Welsh imports like any other."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader

from maturity import words
from maturity.reports import pdf
from maturity.reports import workbook as wbk
from tests.reports.conftest import report_url
from tests.reports.workbooks import edit, open_workbook, row_of_area
from tests.welsh import english_in

DECEMBER = datetime.date(2026, 12, 6)


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_committee_report_is_in_welsh_with_welsh_dates(full):
    with translation.override("cy"):
        text = text_of(pdf.render_pdf(full, today=DECEMBER))
        produced = words.date_uk(DECEMBER)
    assert produced == "6 Rhagfyr 2026"
    flat = " ".join(text.split())
    for heading in (
        "Crynodeb",
        "Ble mae’r bylchau fwyaf",
        "Dogfennau tystiolaeth",
        "Cymeradwyaeth",
        "Am yr adroddiad hwn",
        "Adroddiad wedi’i greu",
    ):
        assert heading in flat
    assert f"crëwyd {produced}" in flat and f"Crëwyd ar {produced}" in flat
    assert "Tudalen 1 o" in flat
    for english in ("Summary", "About this report", "Evidence documents", "Page 1 of", "December", "produced"):
        assert english not in flat


def test_the_committee_report_follows_the_language_of_the_request(client, full, viewer):
    client.force_login(viewer)
    response = client.get(report_url("committee-pdf", full), HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200
    flat = " ".join(text_of(response.content).split())
    assert "Crynodeb" in flat and "Summary" not in flat


def test_the_reports_pages_are_in_welsh(client, full, contributor):
    client.force_login(contributor)
    for name in ("index", "import"):
        page = client.get(report_url(name, full), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
        assert english_in(page, allow=(full.title,)) == [], name


def welsh_workbook(client, assessment) -> bytes:
    response = client.get(report_url("workbook", assessment), HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200
    return response.content


def test_the_workbook_in_welsh_is_all_in_welsh(client, full, viewer):
    client.force_login(viewer)
    wb = open_workbook(welsh_workbook(client, full))
    # Every word in Welsh, the sheets' names and the headings too (the import reads either language).
    assert wb.sheetnames[:5] == ["Meysydd", "Camau gweithredu", "Dogfennau", "Disgrifyddion", "Ynghylch"]
    assert [cell.value for cell in wb["Meysydd"][1]] == [
        "Adran",
        "Allwedd y maes",
        "Maes",
        "Lefel bresennol",
        "Lefel darged",
        "Blwyddyn darged",
        "Tystiolaeth",
        "Dolenni",
        "Hyder",
        "Fersiwn",
    ]
    assert [cell.value for cell in wb["Camau gweithredu"][1]][:4] == ["ID", "Maes", "Teitl", "Disgrifiad"]
    assert [cell.value for cell in wb["Dogfennau"][1]] == [
        "Maes",
        "Dogfen",
        "Enw’r ffeil",
        "Tystiolaeth o",
        "Math",
        "Maint",
    ]
    assert [cell.value for cell in wb["Disgrifyddion"][1]][:2] == ["Adran", "Maes"]
    about = {row[0]: row[1] for row in wb["Ynghylch"].iter_rows(values_only=True) if row[0]}
    assert about["Sefydliad"] == "Camden" and about["ID y sefydliad"] == full.organisation.slug
    assert any("ar y ddalen Meysydd" in str(cell) for row in wb["Ynghylch"].iter_rows(values_only=True) for cell in row)
    assert "Sut i ddefnyddio’r llyfr gwaith hwn" in about
    with translation.override("cy"):
        months = {words.date_uk(datetime.date(2026, month, 1)).split()[1] for month in range(1, 13)}
    assert about["Allforiwyd am"].split()[1] in months


@pytest.mark.django_db
def test_a_workbook_downloaded_in_welsh_imports(client, full, contributor):
    client.force_login(contributor)
    data = welsh_workbook(client, full)
    response = full.responses.select_related("area").order_by("area__position").first()
    row = row_of_area(open_workbook(data), response.area.key)
    data = edit(data, [(wbk.AREAS, row, "Evidence", "Tystiolaeth newydd")])
    reply = client.post(
        report_url("import", full),
        {"workbook": SimpleUploadedFile("camden.xlsx", data, content_type=wbk.CONTENT_TYPE)},
        HTTP_ACCEPT_LANGUAGE="cy",
    )
    assert reply.status_code == 302, reply.content.decode()[:2000]
    response.refresh_from_db()
    assert response.evidence == "Tystiolaeth newydd"
    page = client.get(reply["Location"], HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Llyfr gwaith wedi’i fewnforio: 1 ateb wedi’u diweddaru." in page
    # The same workbook, unchanged, imported by someone reading English, changes nothing.
    reply = client.post(
        report_url("import", full),
        {"workbook": SimpleUploadedFile("camden.xlsx", data, content_type=wbk.CONTENT_TYPE)},
        HTTP_ACCEPT_LANGUAGE="en-GB",
    )
    assert reply.status_code == 302
    page = client.get(reply["Location"], HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "The workbook matches the assessment, so nothing changed." in page
