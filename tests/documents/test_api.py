"""The API lists an answer's evidence documents and downloads them with a token, scoped as the rest."""

from __future__ import annotations

import datetime
import io
from urllib.parse import urlsplit

from maturity.api.models import ApiToken
from maturity.documents import services
from tests.api.conftest import Api, assessment_path, make_token
from tests.documents import files

AREA = "engaging-councillors"


def attach(assessment, user, title="Procurement strategy", name="strategy.pdf", data=None):
    data = files.pdf() if data is None else data
    return services.attach(
        response=assessment.responses.get(area__key=AREA),
        title=title,
        evidence_date=datetime.date(2026, 3, 14),
        file=io.BytesIO(data),
        name=name,
        size=len(data),
        user=user,
    )


def test_a_read_token_lists_the_documents_and_downloads_each(assessment, contributor, viewer, camden):
    first = attach(assessment, contributor)
    attach(assessment, contributor, "Contract register", "register.xlsx", files.xlsx())
    api = Api(make_token(viewer, camden, scope=ApiToken.Scope.READ))
    answer = api.get(assessment_path(assessment, f"responses/{AREA}"))
    listed = api.get(urlsplit(answer.json()["documents_url"]).path)
    assert listed.status_code == 200 and listed.json()["count"] == 2
    item = next(i for i in listed.json()["items"] if i["id"] == first.pk)
    assert (
        item["title"],
        item["evidence_date"],
        item["filename"],
        item["content_type"],
        item["size"],
        item["carried_over"],
    ) == ("Procurement strategy", "2026-03-14", "strategy.pdf", "application/pdf", len(files.pdf()), False)
    assert item["uploaded_by"] == "Connor Contributor" and len(item["sha256"]) == 64
    download = api.get(urlsplit(item["download_url"]).path)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="strategy.pdf"'
    assert b"".join(download.streaming_content) == files.pdf()


def test_a_token_of_another_organisation_cannot_list_or_download(assessment, contributor, outsider, manchester):
    document = attach(assessment, contributor)
    api = Api(make_token(outsider, manchester))
    assert api.get(assessment_path(assessment, f"responses/{AREA}/documents")).status_code == 404
    assert api.get(assessment_path(assessment, f"documents/{document.pk}")).status_code == 404
    assert Api().get(assessment_path(assessment, f"documents/{document.pk}")).status_code == 401


def test_a_document_of_another_assessment_is_not_found_through_this_one(assessment, contributor, camden, lead, nps):
    from maturity.assessments.services import start_assessment, submit_for_sign_off
    from tests.assessments.helpers import complete_every_area

    complete_every_area(assessment, lead)
    submit_for_sign_off(assessment=assessment, user=lead)  # one draft at a time: this one is submitted
    other = start_assessment(organisation=camden, framework=nps, title="Another", user=lead)
    document = attach(other, contributor)
    api = Api(make_token(lead, camden))
    assert api.get(assessment_path(assessment, f"documents/{document.pk}")).status_code == 404
    assert api.get(assessment_path(other, f"documents/{document.pk}")).status_code == 200
