"""Evidence documents in Welsh (docs/adr/0025-cymraeg.md)."""

from __future__ import annotations

from maturity.documents.models import Document
from tests.assessments.helpers import url
from tests.documents import files
from tests.documents.conftest import AREA
from tests.documents.test_documents import add_url, document_url, form
from tests.welsh import english_in

CY = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_attaching_changing_and_deleting_a_document_in_welsh(client, assessment, contributor):
    client.force_login(contributor)
    page = client.get(add_url(assessment), **CY).content.decode()
    assert "Atodi dogfen" in page and english_in(page) == []
    refused = client.post(add_url(assessment), form("strategy.pdf", files.pdf(), title=""), **CY).content.decode()
    assert "Mae problem wedi codi" in refused and "Rhowch deitl i’r ddogfen" in refused
    assert english_in(refused) == []
    answer = client.post(add_url(assessment), form("strategy.pdf", files.pdf()), **CY)
    assert answer.status_code == 302
    document = Document.objects.get()
    area = client.get(url("area", assessment, area_key=AREA), **CY).content.decode()
    assert "wedi’i hatodi i" in area and "Dogfennau tystiolaeth" in area and "Evidence documents" not in area
    for name in ("change", "delete"):
        page = client.get(document_url(name, assessment, document), **CY).content.decode()
        assert english_in(page, allow=("Procurement strategy",)) == [], name
