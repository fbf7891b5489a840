"""The committee report: its words, its structure for screen readers, and its fonts."""

from __future__ import annotations

import datetime
import io
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from maturity.assessments import services
from maturity.assessments.models import Action
from maturity.reports import pdf
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
    services.sign_off(assessment=full, user=lead, signer_name="Cllr Jo Bloggs", signer_role="Cabinet member for finance")
    full.refresh_from_db()
    html = pdf.render_html(full)
    assert f"signed off by Cllr Jo Bloggs, Cabinet member for finance, on {pdf.long_date(full.signed_off_at)}" in html
    assert "Not yet signed off" not in html


def test_an_overdue_action_is_marked_in_words_not_only_colour(assessment):
    area = assessment.framework.areas.first()
    Action.objects.create(assessment=assessment, area=area, title="Publish the pipeline", owner_name="Sam",
                          due_date=TODAY - datetime.timedelta(days=3), status=Action.Status.IN_PROGRESS)
    Action.objects.create(assessment=assessment, area=area, title="Train the team", owner_name="Kim",
                          due_date=TODAY - datetime.timedelta(days=3), status=Action.Status.DONE)
    html = pdf.render_html(assessment)
    assert "In progress (overdue)" in html
    assert "Done (overdue)" not in html


def test_the_top_gaps_list_at_most_five_areas(full):
    context = pdf.committee_report(full)
    assert 0 < len(context["top_gaps"]) <= pdf.TOP_GAPS


def test_the_report_downloads_as_a_pdf_for_any_member(client, full, viewer):
    client.force_login(viewer)
    response = client.get(report_url("committee-pdf", full))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"%PDF-1.7")
