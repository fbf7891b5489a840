"""The committee report and the workbook list the evidence documents by area and by name."""

from __future__ import annotations

import datetime
import io

import openpyxl
from pypdf import PdfReader

from maturity.documents import services
from maturity.reports import pdf
from maturity.reports import workbook as wbk
from tests.documents import files


def attach(assessment, area_key, title, name, data, user):
    response = assessment.responses.get(area__key=area_key)
    return services.attach(
        response=response,
        title=title,
        evidence_date=datetime.date(2026, 3, 14),
        file=io.BytesIO(data),
        name=name,
        size=len(data),
        user=user,
    )


def test_the_committee_report_lists_each_areas_documents(assessment, contributor):
    attach(assessment, "engaging-councillors", "Cabinet briefing pack", "briefing.pdf", files.pdf(), contributor)
    attach(assessment, "engaging-councillors", "Member training register", "training.xlsx", files.xlsx(), contributor)
    reader = PdfReader(io.BytesIO(pdf.render_pdf(assessment)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Evidence documents" in text and "(2 documents)" in text
    assert "Cabinet briefing pack" in text and "briefing.pdf" in text and "training.xlsx" in text
    assert "14 March 2026" in text


def test_the_committee_report_says_when_no_document_is_attached(assessment):
    assert "No documents are attached to the answers." in pdf.render_html(assessment)


def test_the_workbook_lists_the_documents_by_name(assessment, contributor):
    attach(assessment, "engaging-councillors", '=HYPERLINK("http://x")', "briefing.pdf", files.pdf(), contributor)
    book = openpyxl.load_workbook(io.BytesIO(wbk.export_workbook(assessment)))
    sheet = book[wbk.DOCUMENTS]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(wbk.DOCUMENT_COLUMNS)
    area = assessment.responses.get(area__key="engaging-councillors").area.label
    assert rows[1][0] == area and rows[1][2] == "briefing.pdf" and rows[1][3] == "14 March 2026"
    assert not str(rows[1][1]).startswith("=")  # a title that looks like a formula stays text
    assert sheet.protection.sheet
