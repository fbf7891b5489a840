"""A web save and a workbook import at the same moment, on SQLite and on PostgreSQL: neither is
lost. Different areas: both are saved. The same area: one is saved and the other refused (409 on
the web, the conflict listed by the import), never both, never a server error. Played through the
real pages from threads, on a database with real locking (tests/concurrency.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from maturity.assessments.models import Response
from maturity.organisations.models import Role
from maturity.reports import workbook as wbk
from tests.assessments.helpers import YEAR, make_draft, url
from tests.concurrency import in_thread, shared_database, together
from tests.factories import make_member
from tests.reports.conftest import report_url
from tests.reports.helpers import answer_every_area
from tests.reports.workbooks import edit, open_workbook, row_of_area

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 4


@pytest.fixture
def draft(transactional_db):
    assessment = make_draft()
    answer_every_area(assessment)
    return assessment


def signed_in(person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def web_save(client: Client, assessment, response: Response, evidence: str):
    def save() -> int:
        return client.post(
            url("area", assessment, area_key=response.area.key),
            {
                "version": response.version,
                "current_level": response.current_level,
                "target_level": response.target_level,
                "target_year": response.target_year or YEAR + 1,
                "evidence": evidence,
                "evidence_links": "\n".join(response.evidence_links),
                "confidence": response.confidence,
                "later": "1",
            },
        ).status_code

    return save


def upload(client: Client, assessment, data: bytes):
    def post() -> int:
        return client.post(
            report_url("import", assessment),
            {"workbook": SimpleUploadedFile("camden.xlsx", data, content_type=wbk.CONTENT_TYPE)},
        ).status_code

    return post


def state(assessment, *keys):
    """(version, evidence) of the areas `keys`, and the workbook as downloaded now."""

    def read():
        responses = {r.area.key: r for r in assessment.responses.select_related("area")}
        return [responses[key] for key in keys], wbk.export_workbook(assessment)

    return in_thread(read)


def with_evidence(data: bytes, key: str, evidence: str) -> bytes:
    return edit(data, [(wbk.AREAS, row_of_area(open_workbook(data), key), "Evidence", evidence)])


def evidence_of(assessment, *keys) -> list[str]:
    return in_thread(lambda: [assessment.responses.get(area__key=key).evidence for key in keys])


def test_a_web_save_and_an_import_of_other_areas_at_the_same_moment_are_both_kept(draft, tmp_path):
    web_person = make_member(draft.organisation, Role.CONTRIBUTOR, "Wendy Web")
    import_person = make_member(draft.organisation, Role.CONTRIBUTOR, "Ian Import")
    web, importer = signed_in(web_person), signed_in(import_person)
    keys = [r.area.key for r in draft.responses.select_related("area").order_by("area__position")[:2]]
    with shared_database(tmp_path):
        for n in range(ROUNDS):
            (x, _), workbook = state(draft, *keys)
            data = with_evidence(workbook, keys[1], f"Workbook {n}")
            statuses = together([web_save(web, draft, x, f"Web {n}"), upload(importer, draft, data)])
            assert statuses == [302, 302], statuses
            assert evidence_of(draft, *keys) == [f"Web {n}", f"Workbook {n}"]


def test_a_web_save_and_an_import_of_the_same_area_at_the_same_moment_keep_exactly_one(draft, tmp_path):
    web_person = make_member(draft.organisation, Role.CONTRIBUTOR, "Wendy Web")
    import_person = make_member(draft.organisation, Role.CONTRIBUTOR, "Ian Import")
    web, importer = signed_in(web_person), signed_in(import_person)
    key = draft.responses.select_related("area").order_by("area__position").first().area.key
    with shared_database(tmp_path):
        for n in range(ROUNDS):
            (x,), workbook = state(draft, key)
            data = with_evidence(workbook, key, f"Workbook {n}")
            web_status, import_status = together([web_save(web, draft, x, f"Web {n}"), upload(importer, draft, data)])
            assert sorted([web_status, import_status]) == [302, 409], (web_status, import_status)
            winner = f"Web {n}" if web_status == 302 else f"Workbook {n}"
            assert evidence_of(draft, key) == [winner]
