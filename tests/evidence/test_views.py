"""The evidence pages: who may see and change what, the spend upload journey, and the evidence
beside the self-assessed levels."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.evidence import presenters, services
from maturity.evidence.models import BuyerMapping, EvidenceImport, Procurement, SpendLine, SpendUpload
from tests.evidence.helpers import OXFORD, TRAFFORD_ZIP, needs, trafford_slice
from tests.factories import make_organisation
from tests.html import elements
from tests.jobs.support import run_jobs

SMALL = (
    "Paid Date,Amount,Supplier Name,Charity Number\n"
    + "".join(f"0{m}/05/2024,{100 * m},Supplier {m},\n" for m in range(1, 8))
    + "03/06/2024,900,Helping Hands,1146179\n03/06/2024,-50,Supplier 1,\n"
).encode()


def url(name: str, org, **kwargs) -> str:
    return reverse(f"evidence:{name}", kwargs={"slug": org.slug, **kwargs})


def upload(client, org, data: bytes, name: str = "spend.csv", page: str = "upload-spend"):
    return client.post(url(page, org), {"file": SimpleUploadedFile(name, data)})


def confirm(client, org, mapping: list[str]):
    return client.post(
        url("spend-columns", org), {f"column_{i}": key for i, key in enumerate(mapping)} | {"import": "1"}
    )


def job_page(client, response) -> str:
    """The page of the job a form started, once the worker has run it."""
    assert response.status_code == 302 and "/jobs/" in response["Location"], response
    run_jobs()
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def with_spend(camden, lead):
    services.import_spend_upload(
        upload=services.start_spend_upload(
            organisation=camden, source=io.BytesIO(SMALL), file_name="small.csv", user=lead
        ),
        mapping=["date", "amount", "supplier_name", "charity_number"],
        user=lead,
    )
    return camden


ORG_PAGES = ["overview", "upload-spend", "spend-columns", "upload-notices", "upload-grants"]


def test_outsiders_get_404_on_every_evidence_page(client, with_spend, outsider, lead):
    services.start_spend_upload(
        organisation=with_spend, source=io.BytesIO(SMALL.replace(b"900", b"901")), file_name="p.csv", user=lead
    )
    client.force_login(outsider)
    for name in ORG_PAGES:
        assert client.get(url(name, with_spend)).status_code == 404, name
        assert client.post(url(name, with_spend), {"file": SimpleUploadedFile("x.csv", SMALL)}).status_code == 404, name
    assert SpendUpload.objects.filter(organisation=with_spend, status="pending").count() == 1


def test_viewers_see_the_figures_but_only_leads_upload(client, with_spend, viewer, contributor):
    for person in (viewer, contributor):
        client.force_login(person)
        page = client.get(url("overview", with_spend))
        assert page.status_code == 200
        assert "Share of spend with VCSEs" in page.content.decode()
        assert "Upload a spend file" not in page.content.decode()
        for name in ORG_PAGES[1:]:
            assert client.get(url(name, with_spend)).status_code == 403, name


def test_a_lead_uploads_a_spend_file_confirms_its_columns_and_sees_the_figures(client, camden, lead):
    client.force_login(lead)
    response = upload(client, camden, SMALL, "small.csv")
    assert response.status_code == 302 and response["Location"] == url("spend-columns", camden)
    page = client.get(response["Location"]).content.decode()
    assert "Column 1: Paid Date" in page and "For example: 01/05/2024, 02/05/2024, 03/05/2024" in page
    assert SpendLine.objects.count() == 0  # nothing stored before the columns are confirmed
    response = confirm(client, camden, ["date", "amount", "supplier_name", "charity_number"])
    assert SpendLine.objects.count() == 0  # the worker imports it
    page = job_page(client, response)
    assert "small.csv was imported: 9 payments to 8 suppliers over 2 months." in page
    assert url("overview", camden) in page
    page = client.get(url("overview", camden)).content.decode()
    assert "£3,650" in page  # 100+200+...+700 + 900 - 50
    assert "24.7%" in page  # 900 with the charity, of 3,650
    assert SpendUpload.objects.get().content == b""


def test_the_lead_chooses_the_columns_of_an_unknown_layout(client, camden, lead):
    client.force_login(lead)
    upload(client, camden, b"When,How much,Who\n01/05/2024,5,Acme\n")
    page = client.get(url("spend-columns", camden)).content.decode()
    assert "We could not find a column for: Payment date, Amount (£), Supplier name." in page
    response = confirm(client, camden, ["", "", ""])
    assert response.status_code == 200
    assert "Choose the column that holds the payment date" in response.content.decode()
    response = confirm(client, camden, ["date", "amount", "amount"])
    assert "Choose only one column for the amount (£)" in response.content.decode()
    job_page(client, confirm(client, camden, ["date", "amount", "supplier_name"]))
    assert SpendLine.objects.get().amount == Decimal(5)


@needs(OXFORD)
def test_a_file_with_faulty_rows_shows_every_problem_and_stores_nothing(client, camden, lead):
    client.force_login(lead)
    path = OXFORD / "expenditure-over-500-apr-jun-2014.csv"
    upload(client, camden, path.read_bytes(), path.name)
    upload_row = SpendUpload.objects.get()
    page = job_page(client, confirm(client, camden, upload_row.mapping))
    assert "There is a problem" in page
    assert "row 2: the Paid Date “00:00:00” is not a date." in page and "… and 3,816 more rows" in page
    assert (SpendLine.objects.count(), EvidenceImport.objects.count()) == (0, 0)
    response = client.post(url("spend-columns", camden), {"discard": "1"})
    assert response.status_code == 302
    assert SpendUpload.objects.get().status == "discarded"


def test_a_spend_import_asked_for_twice_is_one_job_and_a_refused_one_can_be_tried_again(client, camden, lead):
    client.force_login(lead)
    upload(client, camden, b"When,How much,Who\n01/05/2024,5,Acme\n")
    first = confirm(client, camden, ["amount", "date", "supplier_name"])  # the date and amount swapped
    assert confirm(client, camden, ["amount", "date", "supplier_name"])["Location"] == first["Location"]
    assert "There is a problem" in job_page(client, first)
    second = confirm(client, camden, ["date", "amount", "supplier_name"])
    assert second["Location"] != first["Location"]
    assert "was imported: 1 payment to" in job_page(client, second)
    assert SpendLine.objects.get().amount == Decimal(5)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file you chose is empty"),
        ("Date,Amount,Supplier\n".encode("utf-16"), "wrong encoding"),
        (b"PK\x03\x04not really a zip", "looks like a zip archive but cannot be opened"),
        (b"just one heading\n", "does not look like the header"),
    ],
)
def test_a_bad_spend_file_is_refused_at_upload(client, camden, lead, data, message):
    client.force_login(lead)
    response = upload(client, camden, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SpendUpload.objects.count() == 0


def test_a_lead_uploads_notices_and_keeps_only_their_own(client, camden, lead):
    client.force_login(lead)
    releases = [
        {
            "ocid": f"ocds-v-{n}",
            "id": "1",
            "date": "2024-06-01T00:00:00Z",
            "buyer": {"name": "London Borough of Camden" if n < 3 else "Somewhere Else Council"},
        }
        for n in range(5)
    ]
    data = "\n".join(json.dumps(r) for r in releases).encode()
    response = upload(client, camden, data, "notices.jsonl", "upload-notices")
    assert Procurement.objects.count() == 0  # the worker imports it
    page = job_page(client, response)
    assert set(Procurement.objects.values_list("organisation", flat=True)) == {camden.pk}
    assert Procurement.objects.count() == 3
    assert "notices.jsonl was imported: 3 notices." in page
    assert "2 notices name a buyer we could not match (Somewhere Else Council)" in page
    assert BuyerMapping.objects.get().name == "Somewhere Else Council"


def test_malformed_notices_are_refused_with_their_line(client, camden, lead):
    client.force_login(lead)
    page = job_page(
        client, upload(client, camden, b'{"releases": [\n{"ocid": "x",\n "id": }\n]}', "bad.json", "upload-notices")
    )
    assert "There is a problem" in page and "bad.json, line 3: the JSON is malformed" in page
    assert Procurement.objects.count() == 0


def test_the_area_page_shows_the_evidence_beside_the_level_and_leaves_the_level_alone(
    client, assessment, with_spend, lead
):
    client.force_login(lead)
    area_url = reverse(
        "assessments:area",
        kwargs={"slug": with_spend.slug, "pk": assessment.pk, "area_key": "enabling-vcse-engagement"},
    )
    page = client.get(area_url).content.decode()
    assert "Evidence from open data" in page
    assert "Share of spend with VCSEs" in page and "24.7%" in page
    assert "April 2024 to March 2025 (the data covers 2 of the 12 months: May 2024 to June 2024)" in page
    assert url("overview", with_spend) in page
    assert assessment.responses.get(area__key="enabling-vcse-engagement").current_level is None
    other = reverse(
        "assessments:area", kwargs={"slug": with_spend.slug, "pk": assessment.pk, "area_key": "engaging-councillors"}
    )
    assert "Evidence from open data" not in client.get(other).content.decode()


def test_the_results_page_shows_the_evidence_by_area(client, assessment, with_spend, lead):
    client.force_login(lead)
    page = client.get(
        reverse("assessments:results", kwargs={"slug": with_spend.slug, "pk": assessment.pk})
    ).content.decode()
    assert "Evidence from open data" in page
    assert page.count("Share of spend with VCSEs") == 2  # VCSEs, and social value


def test_no_evidence_means_no_evidence_section(client, assessment, lead, camden):
    client.force_login(lead)
    area_url = reverse(
        "assessments:area", kwargs={"slug": camden.slug, "pk": assessment.pk, "area_key": "engaging-local-smes"}
    )
    assert "Evidence from open data" not in client.get(area_url).content.decode()


def test_the_report_gets_every_indicator_with_the_areas_it_speaks_to(with_spend):
    items = {item["key"]: item for item in presenters.report_evidence(with_spend)}
    assert items["spend-vcse-share"]["value"] == "24.7%"
    assert sorted(items["spend-vcse-share"]["areas"]) == ["enabling-vcse-engagement", "obtaining-social-value"]
    assert items["spend-sme-share"]["enough"] is False
    assert "notices-published" not in items


def test_a_grants_list_upload_counts_its_organisations_as_vcses(client, with_spend, lead):
    client.force_login(lead)
    grants = b"Identifier,Recipient Org:Name,Recipient Org:Charity Number\n360G-1,Supplier 7 Ltd,\n"
    page = job_page(client, upload(client, with_spend, grants, "grants.csv", "upload-grants"))
    assert "grants.csv was imported: 1 organisation funded is now counted" in page
    assert "43.8%" in client.get(url("overview", with_spend)).content.decode()  # (900 + 700) of 3,650
    page = job_page(client, upload(client, with_spend, b"Identifier,Title\n1,x\n", "other.csv", "upload-grants"))
    assert "not a 360Giving grants file" in page


# --- the national team ------------------------------------------------------------------------------


@pytest.fixture
def admin(db):
    from tests.factories import make_national_admin

    return make_national_admin("Nadia National")  # with the authenticator app the role requires


def test_national_pages_are_for_the_national_team(client, lead, admin):
    client.force_login(lead)
    for name in ("national", "buyers", "national-upload-notices"):
        assert client.get(reverse(f"evidence:{name}")).status_code == 403
    client.force_login(admin)
    for name in ("national", "buyers", "national-upload-notices"):
        assert client.get(reverse(f"evidence:{name}")).status_code == 200


def test_the_national_team_matches_a_buyer_to_an_organisation(client, admin, camden):
    releases = {
        "releases": [
            {"ocid": "ocds-n-1", "id": "1", "date": "2024-06-01T00:00:00Z", "buyer": {"name": "LB Camden Procurement"}}
        ]
    }
    client.force_login(admin)
    response = client.post(
        reverse("evidence:national-upload-notices"),
        {"file": SimpleUploadedFile("n.json", json.dumps(releases).encode())},
    )
    assert "/national/jobs/" in response["Location"]
    assert "n.json was imported" in job_page(client, response)
    mapping = BuyerMapping.objects.get()
    assert "LB Camden Procurement" in client.get(reverse("evidence:buyers")).content.decode()
    response = client.post(reverse("evidence:buyer", kwargs={"pk": mapping.pk}), {"organisation": ""})
    assert "Choose the organisation" in response.content.decode()
    response = client.post(reverse("evidence:buyer", kwargs={"pk": mapping.pk}), {"organisation": str(camden.pk)})
    assert response.status_code == 302
    assert Procurement.objects.get().organisation == camden
    assert "Every buyer is matched or ignored." in client.get(reverse("evidence:buyers")).content.decode()


def test_national_figures_suppress_groups_of_fewer_than_five_organisations(client, admin):
    from maturity.evidence import selectors

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
    rows = {row["group"]: row for row in selectors.national_spend(year=2024, group_by="type")}
    assert (rows["county"]["organisations"], rows["county"]["total"], rows["county"]["suppressed"]) == (2, None, True)
    # All 7 are in London, whose £600 is shown: the districts' £500 would give the counties' £100 away.
    assert (rows["district"]["organisations"], rows["district"]["total"], rows["district"]["suppressed"]) == (
        5,
        None,
        True,
    )
    (london,) = selectors.national_spend(year=2024, group_by="region")
    assert (london["organisations"], london["total"]) == (7, Decimal(600))
    client.force_login(admin)
    page = client.get(reverse("evidence:national")).content.decode()
    assert "Fewer than 5 organisations: not shown" in page and "£600" in page and ">£500<" not in page


def _spend_data(amount: Decimal):
    import datetime

    from maturity.evidence import spend

    data = spend.SpendData()
    month = datetime.date(2024, 5, 1)
    data.lines[("named", "acme", month)] = spend.SupplierMonth(
        kind="named", key="acme", name="Acme", month=month, amount=amount, payments=1
    )
    data.rows = data.payments = 1
    return data


@needs(TRAFFORD_ZIP)
def test_an_organisation_with_a_whole_trafford_slice_shows_its_figures(client, camden, lead):
    client.force_login(lead)
    upload(client, camden, trafford_slice(500), "trafford.csv")
    job_page(client, confirm(client, camden, SpendUpload.objects.get().mapping))
    page = client.get(url("overview", camden)).content.decode()
    assert "Share of spend with the 10 largest suppliers" in page and "Too little data" in page  # no SME flags


def test_the_buyer_page_offers_the_council_its_name_says(client, admin, register):
    """North Yorkshire Council (since 2023) first, not the county council it replaced, whose key
    is the same; a buyer's name that differs by "City of", "Council", "&" finds its council."""
    north_yorkshire = register["NYE"]
    for name, expected in (
        ("North Yorkshire Council", north_yorkshire),
        ("City of York Council", register["YOR"]),
        ("Brighton & Hove City Council", register["BNH"]),
    ):
        mapping = BuyerMapping.objects.create(key=f"name:{name}", name=name)
        client.force_login(admin)
        page = client.get(reverse("evidence:buyer", kwargs={"pk": mapping.pk})).content.decode()
        assert elements(page, "option", value=str(expected.pk), selected=True), name
        assert elements(page, attrs={"data-autocomplete": "organisations"})
