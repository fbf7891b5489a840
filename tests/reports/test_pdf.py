"""The committee report: its words, its structure for screen readers, and its fonts."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from maturity.assessments import services
from maturity.assessments.models import Action
from maturity.evidence.indicators import DEFINITIONS
from maturity.reports import pdf
from maturity.words import date_uk
from tests.evidence.helpers import TRAFFORD_ZIP, is_redacted, name_key, needs, spend_rows, trafford_slice
from tests.reports.conftest import report_url

TODAY = timezone.localdate()
PDFUA = "http://www.aiim.org/pdfua/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture
def report(full):
    """The PDF of Camden's full assessment, read back."""
    return PdfReader(io.BytesIO(pdf.render_pdf(full)))


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_tags(reader: PdfReader) -> list[tuple[str, dict]]:
    """Every structure element of the tag tree, in document order, as (tag, element)."""
    found = []

    def walk(node):
        node = resolve(node)
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and node.get("/S") is not None:
            found.append((str(node["/S"])[1:], node))
            walk(node.get("/K", []))

    walk(resolve(reader.trailer["/Root"]["/StructTreeRoot"])["/K"])
    return found


def fonts_of(resources, seen=None) -> list[dict]:
    """Every font dictionary used on a page, including inside form XObjects (the chart)."""
    seen = seen if seen is not None else set()
    fonts = []
    resources = resolve(resources) or {}
    for font in (resolve(resources.get("/Font")) or {}).values():
        fonts.append(resolve(font))
    for xobject in (resolve(resources.get("/XObject")) or {}).values():
        ref = id(resolve(xobject))
        if ref in seen:
            continue
        seen.add(ref)
        xobject = resolve(xobject)
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts.extend(fonts_of(xobject["/Resources"], seen))
    return fonts


def test_the_report_names_the_council_areas_owners_and_pages(report, full):
    text = text_of(report)
    area = full.framework.areas.order_by("position").first()
    action = full.actions.order_by("pk").first()
    assert "Camden" in text
    assert full.title in text
    assert area.label in text
    assert "1 – Minimum 1 – Minimum At target" in text  # a row of the results table, without descriptors
    assert action.owner_name in text
    assert "Page 1 of" in text
    assert f"Page {len(report.pages)} of {len(report.pages)}" in text
    assert full.framework.ref in text


def test_the_report_has_a_written_summary_of_ambition_and_position(report):
    text = " ".join(text_of(report).split())
    assert "Camden aims for" in text
    assert "It is at or above its target in" in text
    assert "The widest gap" in text


def test_the_report_is_tagged_pdf_ua_with_a_title_and_a_language(report):
    root = report.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert str(resolve(root["/MarkInfo"])["/Marked"]).lower() == "true"
    assert str(root["/Lang"]) == "en-GB"
    assert str(resolve(root["/ViewerPreferences"])["/DisplayDocTitle"]).lower() == "true"
    assert report.metadata.title == "Camden: Self-assessment 2026 – procurement maturity report"


def test_the_xmp_metadata_identifies_pdf_ua_1_and_the_title(report):
    xmp = ElementTree.fromstring(resolve(report.trailer["/Root"]["/Metadata"]).get_data())
    parts = [element.get(f"{{{PDFUA}}}part") for element in xmp.iter() if element.get(f"{{{PDFUA}}}part")]
    assert parts == ["1"]
    titles = [element.text for element in xmp.iter(f"{{{RDF}}}li") if element.text and "report" in element.text]
    assert titles == ["Camden: Self-assessment 2026 – procurement maturity report"]


def test_the_headings_come_in_order_and_tables_have_header_cells(report):
    tags = [tag for tag, _ in structure_tags(report)]
    headings = [int(tag[1]) for tag in tags if tag in {"H1", "H2", "H3", "H4", "H5", "H6"}]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(headings, headings[1:]))
    assert {"Table", "TH", "TD", "TR", "Caption", "P", "L", "LI"} <= set(tags)


def test_the_chart_is_a_figure_with_a_text_alternative(report):
    figures = [element for tag, element in structure_tags(report) if tag == "Figure"]
    assert figures
    assert all("radar chart" in str(element.get("/Alt", "")).lower() for element in figures)


def test_every_font_is_embedded_and_arial_compatible(report):
    fonts = [font for page in report.pages for font in fonts_of(page["/Resources"])]
    assert fonts
    for font in fonts:
        descendants = [resolve(d) for d in resolve(font.get("/DescendantFonts", []))] or [font]
        for descendant in descendants:
            descriptor = resolve(descendant["/FontDescriptor"])
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font.get("/BaseFont")
            assert "Liberation" in str(descendant["/BaseFont"])


def test_the_page_is_a4(report):
    box = report.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_a_draft_says_it_is_not_yet_signed_off(full):
    html = pdf.render_html(full)
    assert "Not yet signed off" in html


def test_a_signed_off_assessment_names_the_signer_role_and_date(full, lead):
    full.responses.update(carried_over=False)
    services.submit_for_sign_off(assessment=full, user=lead)
    services.sign_off(
        assessment=full, user=lead, signer_name="Cllr Jo Bloggs", signer_role="Cabinet member for finance"
    )
    full.refresh_from_db()
    html = pdf.render_html(full)
    assert f"signed off by Cllr Jo Bloggs, Cabinet member for finance, on {date_uk(full.signed_off_at)}" in html
    assert "Not yet signed off" not in html


def test_an_overdue_action_is_marked_in_words_not_only_colour(assessment):
    area = assessment.framework.areas.first()
    Action.objects.create(
        assessment=assessment,
        area=area,
        title="Publish the pipeline",
        owner_name="Sam",
        due_date=TODAY - datetime.timedelta(days=3),
        status=Action.Status.IN_PROGRESS,
    )
    Action.objects.create(
        assessment=assessment,
        area=area,
        title="Train the team",
        owner_name="Kim",
        due_date=TODAY - datetime.timedelta(days=3),
        status=Action.Status.DONE,
    )
    html = pdf.render_html(assessment)
    assert "In progress (overdue)" in html
    assert "Done (overdue)" not in html


def test_the_top_gaps_list_at_most_five_areas(full):
    context = pdf.committee_report(full)
    assert 0 < len(context["top_gaps"]) <= pdf.TOP_GAPS


# --- evidence from open data ------------------------------------------------------------------------

# Twelve suppliers paid £100, £200 ... £1,200 in May 2024; the one paid £600 is a charity.
SPEND = "Paid Date,Amount,Supplier Name,Charity Number\n" + "".join(
    f"{n:02d}/05/2024,{100 * n},Supplier {n},{'1146179' if n == 6 else ''}\n" for n in range(1, 13)
)
# Six awards of £10,000 in June 2024: four to SMEs, two to large suppliers; two say whether VCSE.
SCALES = ["sme", "micro", "sme", "sme", "large", "large"]


def release(n: int, scale: str) -> dict:
    details = {"scale": scale, **({"vcse": False} if n < 2 else {})}
    return {
        "ocid": f"ocds-pdf-{n}",
        "id": "1",
        "date": "2024-06-10T00:00:00Z",
        "buyer": {"name": "London Borough of Camden"},
        "parties": [{"id": f"S{n}", "name": f"Supplier {n}", "roles": ["supplier"], "details": details}],
        "awards": [
            {
                "id": f"A{n}",
                "status": "active",
                "date": "2024-06-10T00:00:00Z",
                "value": {"amount": 10000, "currency": "GBP"},
                "suppliers": [{"id": f"S{n}"}],
            }
        ],
    }


@pytest.fixture
def evidence(full, lead):
    """Camden's spend file and procurement notices, imported through the services."""
    from maturity.evidence import services as evidence_services

    organisation = full.organisation
    upload = evidence_services.start_spend_upload(
        organisation=organisation, source=io.BytesIO(SPEND.encode()), file_name="spend.csv", user=lead
    )
    evidence_services.import_spend_upload(
        upload=upload, mapping=["date", "amount", "supplier_name", "charity_number"], user=lead
    )
    notices = "\n".join(json.dumps(release(n, scale)) for n, scale in enumerate(SCALES))
    evidence_services.import_ocds(
        stream=io.BytesIO(notices.encode()), name="notices.jsonl", organisation=organisation, user=lead
    )
    return full


def words(reader: PdfReader) -> str:
    return " ".join(text_of(reader).split())


def row(key: str, figure: str) -> str:
    """A row of an evidence table as the PDF's text gives it: title, definition, then the figure."""
    definition = DEFINITIONS[key]
    return f"{definition.title} {definition.definition} {figure}"


def test_the_report_gives_the_evidence_from_open_data_with_its_figures(evidence):
    text = words(PdfReader(io.BytesIO(pdf.render_pdf(evidence))))
    areas = list(evidence.framework.areas.order_by("position"))
    label = {a.key: a.label for a in areas}
    total = sum(100 * n for n in range(1, 13))  # £7,800
    assert "Evidence from open data" in text
    assert "Spend, financial year 2024 to 2025" in text
    assert "Period: April 2024 to March 2025 (the data covers 1 of the 12 months: May 2024)." in text
    assert row("spend-total", f"£{total:,}") in text
    assert row("spend-suppliers", "12") in text
    assert (
        row("spend-top-10-share", f"{100 * (total - 100 - 200) / total:.1f}% Over 12 named suppliers.") in text
    )  # 96.2%
    vcse_areas = "; ".join(a.label for a in areas if a.key in {"enabling-vcse-engagement", "obtaining-social-value"})
    assert row("spend-vcse-share", f"{100 * 600 / total:.1f}% Over 12 named suppliers. {vcse_areas}") in text  # 7.7%
    assert "Procurement notices, financial year 2024 to 2025" in text
    assert row("awards", f"6 {label['managing-contracts-and-relationships']}") in text
    assert row("award-value", "£60,000") in text
    assert row("awards-to-smes", f"{100 * 4 / 6:.1f}% Over 6 awards with the supplier's size published.") in text
    assert (
        row(
            "awards-to-vcses",
            "Too little data Too little data to give a figure: 2 awards saying whether the "
            "supplier is a VCSE; at least 5 are needed.",
        )
        in text
    )


@needs(TRAFFORD_ZIP)
def test_the_report_gives_the_figures_of_a_real_spend_file(full, lead):
    from maturity.evidence import services as evidence_services

    data = trafford_slice(300)
    upload = evidence_services.start_spend_upload(
        organisation=full.organisation, source=io.BytesIO(data), file_name="trafford.csv", user=lead
    )
    evidence_services.import_spend_upload(upload=upload, mapping=upload.mapping, user=lead)
    rows = spend_rows(data)
    total = sum(Decimal(r["Amount"]) for r in rows)
    suppliers = {
        name_key(r["BeneficiaryName"])
        for r in rows
        if r["BeneficiaryName"].strip() and not is_redacted(r["BeneficiaryName"])
    }
    pounds = f"£{total / 1_000_000:,.1f} million" if abs(total) >= 1_000_000 else f"£{total:,.0f}"
    text = words(PdfReader(io.BytesIO(pdf.render_pdf(full))))
    assert row("spend-total", pounds) in text
    assert row("spend-suppliers", f"{len(suppliers):,}") in text
    assert row("spend-sme-share", "Too little data") in text  # Trafford's file does not say which are SMEs
    assert "Procurement notices, financial year" not in text  # no notices: no table for them


def test_the_evidence_tables_are_tagged_with_captions_and_header_cells(evidence):
    def count(reader: PdfReader) -> dict[str, int]:
        tags = [tag for tag, _ in structure_tags(reader)]
        return {name: tags.count(name) for name in ("Table", "Caption", "TH", "H3")}

    without = count(PdfReader(io.BytesIO(pdf.render_pdf(evidence, today=TODAY))))
    evidence.organisation.spend_lines.all().delete()
    evidence.organisation.procurements.all().delete()
    with_none = count(PdfReader(io.BytesIO(pdf.render_pdf(evidence, today=TODAY))))
    # Two more tables (notices, spend), each with its caption, a heading above it and header cells
    # for its 3 columns and each of its 16 indicators' rows (a table split over two pages is two
    # Table elements in the tag tree, its column headings repeated).
    more = {name: without[name] - with_none[name] for name in without}
    assert (more["Caption"], more["H3"]) == (2, 2)
    assert more["Table"] >= 2 and more["TH"] >= 2 * 3 + 16


def test_with_no_evidence_the_report_leaves_the_section_out(report):
    assert "Evidence from open data" not in text_of(report)


def test_the_report_downloads_as_a_pdf_for_any_member(client, full, viewer):
    client.force_login(viewer)
    response = client.get(report_url("committee-pdf", full))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"%PDF-1.7")


def test_the_report_places_the_council_among_similar_councils_and_draws_its_trend(full, nps, camden, lead):
    """With an earlier signed-off assessment submitted to a published round: three charts, each a
    Figure named by its title, each followed by the table of its figures; no other council named."""
    from maturity.assessments.models import Assessment
    from maturity.benchmarks import services as rounds
    from tests.benchmarks.helpers import bulk_councils, make_round, national_admin, signed_off, submit

    admin = national_admin()
    earlier = signed_off(camden, nps, lead, title="Signed off 2025", current=1, target=3)
    councils = bulk_councils(nps, 30, prefix="Borough")
    round_ = make_round(
        nps,
        [camden, *councils],
        user=admin,
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    submit(round_, camden, earlier)
    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    rounds.publish_round(round_=round_, user=admin, today=TODAY)
    reader = PdfReader(io.BytesIO(pdf.render_pdf(full)))
    alts = [str(element.get("/Alt", "")) for tag, element in structure_tags(reader) if tag == "Figure"]
    assert alts == [
        "Radar chart of current and target maturity levels in each area",
        "Where you stand among similar organisations in each area",
        "Current level in each area across the organisation's assessments",
    ]
    text = " ".join(text_of(reader).split())
    assert "Compared with similar organisations" in text and "Progress over time" in text
    assert f"the councils of the same type as yours (London borough) that took part in {round_.name}" in text
    assert "Your current level against similar organisations" in text
    assert "Current level in each area across the organisation's signed-off assessments" in text
    assert not any(o.name in text for o in councils)
