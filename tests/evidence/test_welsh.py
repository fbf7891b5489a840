"""The evidence pages in Welsh leave no English but the file names and the data (docs/adr/0025-cymraeg.md),
and the open data stays English whatever the language of the request."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from maturity.evidence import services
from tests.evidence.test_views import SMALL, _spend_data, url
from tests.factories import make_national_admin, make_organisation
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def welsh_page(client, path, allow=()) -> str:
    response = client.get(path, **WELSH)
    assert response.status_code == 200, path
    page = response.content.decode()
    assert english_in(page, allow=allow) == [], path
    return page


@pytest.fixture
def with_evidence(camden, lead):
    services.import_spend_upload(
        upload=services.start_spend_upload(
            organisation=camden, source=io.BytesIO(SMALL), file_name="small.csv", user=lead
        ),
        mapping=["date", "amount", "supplier_name", "charity_number"],
        user=lead,
    )
    releases = [
        {
            "ocid": f"ocds-w-{n}",
            "id": "1",
            "date": "2024-06-01T00:00:00Z",
            "buyer": {"name": "London Borough of Camden"},
        }
        for n in range(3)
    ]
    services.import_ocds(
        stream=io.BytesIO("\n".join(json.dumps(r) for r in releases).encode()),
        name="notices.jsonl",
        organisation=camden,
        user=lead,
    )
    return camden


def test_the_evidence_overview_is_in_welsh(client, with_evidence, lead):
    client.force_login(lead)
    page = welsh_page(client, url("overview", with_evidence))
    assert "Tystiolaeth o ddata agored" in page and "Cyfran y gwariant gyda sefydliadau VCSE" in page
    assert "Ebrill 2024 i Fawrth 2025" in page and "Rhy ychydig o ddata" in page


def test_the_upload_pages_and_the_columns_of_a_spend_file_are_in_welsh(client, with_evidence, lead):
    client.force_login(lead)
    for name in ("upload-spend", "upload-notices", "upload-grants"):
        welsh_page(client, url(name, with_evidence))
    services.start_spend_upload(
        organisation=with_evidence, source=io.BytesIO(SMALL.replace(b"900", b"901")), file_name="p.csv", user=lead
    )
    page = welsh_page(client, url("spend-columns", with_evidence), allow=("Helping Hands",))
    assert "Gwirio colofnau eich ffeil wariant" in page and "Dyddiad talu" in page


def test_a_refused_upload_says_why_in_welsh(client, camden, lead):
    client.force_login(lead)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url("upload-spend", camden), {"file": SimpleUploadedFile("empty.csv", b" ")}, **WELSH)
    page = response.content.decode()
    assert "Mae’r ffeil a ddewiswyd gennych yn wag" in page or "Mae empty.csv yn wag." in page
    # The error summary's title comes from maturity.govuk.error_summary (a shared file, not this slice's).
    assert english_in(page) == []


def test_the_national_pages_are_in_welsh_and_the_downloads_stay_english(client):
    for n in range(5):
        services.store_spend(
            organisation=make_organisation(f"District {n}", type="district"),
            data=_spend_data(Decimal(100)),
            file_name="s.csv",
            sha256=str(n),
            user=None,
        )
    for n in range(2):
        services.store_spend(
            organisation=make_organisation(f"County {n}", type="county"),
            data=_spend_data(Decimal(50)),
            file_name="s.csv",
            sha256=str(n),
            user=None,
        )
    page = welsh_page(client, reverse("evidence:benchmarks"))
    assert "Llai na 5 sefydliad: heb ei ddangos" in page
    csv = client.get(reverse("evidence:benchmarks-csv"), **WELSH).content.decode()
    assert "Fewer than 5 organisations: not shown" in csv and "Financial year" in csv
    document = json.loads(client.get(reverse("evidence:benchmarks-json"), **WELSH).content)
    assert document["title"] == "Evidence from open data: national figures"
    client.force_login(make_national_admin("Nadia National"))
    for name in ("national", "buyers", "national-upload-notices"):
        welsh_page(client, reverse(f"evidence:{name}"))


def test_the_evidence_beside_an_area_and_the_results_is_in_welsh(client, assessment, with_evidence, lead):
    client.force_login(lead)
    kwargs = {"slug": with_evidence.slug, "pk": assessment.pk}
    for path, end in (
        (
            reverse("assessments:area", kwargs={**kwargs, "area_key": "enabling-vcse-engagement"}),
            "Gweld pob ffigur, fesul blwyddyn, ac o ble mae’n dod",
        ),
        (reverse("assessments:results", kwargs=kwargs), "Gweld pob ffigur gyda’i ddiffiniad, fesul blwyddyn"),
    ):
        page = client.get(path, **WELSH).content.decode()
        section = page.split('id="open-data-evidence"')[1].split(end)[0]  # this slice's part of the page
        assert "Tystiolaeth o ddata agored" in section
        assert english_in("<div>" + section.split(">", 1)[1] + "</div>") == [], path
