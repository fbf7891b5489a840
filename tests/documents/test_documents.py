"""Evidence documents on an answer: attaching, what is refused (with nothing stored), downloading
only within the organisation, changing, deleting, carrying forward and the signed-off lock."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.assessments.models import Change
from maturity.audit.models import AuditEvent
from maturity.documents import checks
from maturity.documents.models import Document
from tests.assessments.helpers import complete_every_area, url
from tests.documents import files
from tests.documents.conftest import AREA
from tests.html import contains_html


def add_url(assessment, area_key=AREA):
    return reverse(
        "documents:add", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "area_key": area_key}
    )


def document_url(name, assessment, document):
    return reverse(
        f"documents:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, "document_id": document.pk},
    )


def form(name: str, data: bytes, **change) -> dict:
    values = {
        "title": "Procurement strategy",
        "evidence_date-day": "14",
        "evidence_date-month": "3",
        "evidence_date-year": "2026",
        "file": SimpleUploadedFile(name, data),
    }
    values.update(change)
    return values


def attach(client, assessment, name="strategy.pdf", data=None, **change):
    return client.post(add_url(assessment), form(name, files.pdf() if data is None else data, **change))


def test_a_contributor_attaches_a_pdf_and_a_viewer_downloads_it(client, assessment, contributor, viewer, stored_files):
    client.force_login(contributor)
    answer = attach(client, assessment)
    assert answer.status_code == 302 and answer["Location"].endswith("#documents")
    document = Document.objects.get()
    assert (document.title, str(document.evidence_date), document.filename, document.content_type) == (
        "Procurement strategy",
        "2026-03-14",
        "strategy.pdf",
        "application/pdf",
    )
    assert stored_files() == [document.stored_name] and "strategy" not in document.stored_name
    page = client.get(url("area", assessment, area_key=AREA)).content.decode()
    assert "Procurement strategy" in page and "14 March 2026" in page
    # markup, not escaped text
    assert contains_html(page, '<br><span class="govuk-body-s">strategy.pdf, PDF, 1 KB</span>')

    client.force_login(viewer)
    download = client.get(document_url("download", assessment, document))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="strategy.pdf"'
    assert b"".join(download.streaming_content) == files.pdf()


@pytest.mark.parametrize(
    "name, make, kind, filename",
    [
        (
            "minutes.docx",
            files.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "minutes.docx",
        ),
        (
            "register.xlsx",
            files.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "register.xlsx",
        ),
        ("notes.odt", files.odt, "application/vnd.oasis.opendocument.text", "notes.odt"),
        ("chart.png", files.png, "image/png", "chart.png"),
        ("spend.csv", files.csv_text, "text/csv", "spend.csv"),
        # The type comes from the content: a PDF named .docx is stored and offered as a PDF.
        ("report.docx", files.pdf, "application/pdf", "report.pdf"),
        (
            "no extension",
            files.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "no extension.xlsx",
        ),
    ],
)
def test_the_stored_type_and_name_come_from_the_content(client, assessment, contributor, name, make, kind, filename):
    client.force_login(contributor)
    assert attach(client, assessment, name, make()).status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.filename) == (kind, filename)
    download = client.get(document_url("download", assessment, document))
    assert download["Content-Type"] == kind


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("strategy.pdf", files.windows_program, "must be a PDF, Word, Excel, PowerPoint, OpenDocument"),
        ("page.csv", files.html_page, "must be a PDF, Word, Excel, PowerPoint, OpenDocument"),
        ("minutes.docx", files.docm_renamed, "contains macros"),
        ("minutes.docx", files.docx_with_hidden_macros, "contains macros"),
        ("notes.odt", files.odt_with_basic_macros, "contains macros"),
        ("evidence.docx", files.plain_zip, "compressed archive"),
        ("evidence.zip", files.plain_zip, "compressed archive"),
        ("data.csv", files.gzip_file, "compressed archive"),
        ("minutes.doc", files.legacy_word, "older Office format"),
        ("empty.pdf", lambda: b"", "The selected file is empty"),
    ],
)
def test_a_hostile_or_unwanted_file_is_refused_with_nothing_stored(
    client, assessment, contributor, stored_files, name, make, message
):
    client.force_login(contributor)
    answer = attach(client, assessment, name, make())
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "There is a problem" in page and message in page
    assert Document.objects.count() == 0 and stored_files() == []
    assert not Change.objects.filter(subject="document").exists()


def test_a_file_over_the_size_limit_is_refused_with_nothing_stored(
    client, assessment, contributor, stored_files, settings
):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(contributor)
    big = files.pdf() + b"%" + b"x" * (1024 * 1024)
    page = attach(client, assessment, "big.pdf", big).content.decode()
    assert "The selected file must be smaller than 1.0 MB" in page
    assert Document.objects.count() == 0 and stored_files() == []


def test_an_organisation_cannot_keep_more_than_its_allowance(client, assessment, contributor, stored_files, settings):
    settings.ORGANISATION_DOCUMENTS_MAX_BYTES = len(files.pdf()) * 2
    client.force_login(contributor)
    assert attach(client, assessment).status_code == 302
    assert attach(client, assessment, "second.pdf").status_code == 302
    page = attach(client, assessment, "third.pdf").content.decode()
    assert "would take it over" in page and "Delete documents you no longer need" in page
    assert Document.objects.count() == 2 and len(stored_files()) == 2


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ("/var/www/strategy.pdf", "strategy.pdf"),
        ("....pdf", "document.pdf"),
    ],
)
def test_a_path_or_header_in_the_name_is_made_safe_and_stored_under_a_random_name(
    client, assessment, contributor, stored_files, name, safe
):
    client.force_login(contributor)
    assert attach(client, assessment, name).status_code == 302
    document = Document.objects.get()
    assert document.filename == safe
    assert stored_files() == [document.stored_name] and document.stored_name.startswith(
        f"documents/{assessment.organisation.pk}/"
    )
    download = client.get(document_url("download", assessment, document))
    assert "\n" not in download["Content-Disposition"] and download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name, safe",
    [
        ('minutes"; filename="x.html', "minutes-- filename=-x.pdf"),
        ("report\r\nSet-Cookie: a=b.pdf", "reportSet-Cookie- a=b.pdf"),
        ("C:\\Users\\me\\strategy.final.docx", "strategy.final.pdf"),
        ("\u202ereversed\u202cfdp.exe", "reversedfdp.pdf"),
        ("a" * 400 + ".pdf", "a" * 146 + ".pdf"),
        ("", "document.pdf"),
    ],
)
def test_a_name_is_made_safe_to_show_and_to_send_in_a_header(name, safe):
    assert checks.safe_name(name, checks.PDF) == safe


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "Enter a title for the document"),
        ({"evidence_date-day": ""}, "The date of the evidence must include a day, month and year"),
        ({"evidence_date-month": "13"}, "Enter the date of the evidence as a real date"),
    ],
)
def test_a_missing_title_or_date_is_refused_with_nothing_stored(
    client, assessment, contributor, stored_files, change, message
):
    client.force_login(contributor)
    page = attach(client, assessment, **change).content.decode()
    assert message in page and Document.objects.count() == 0 and stored_files() == []


def test_a_viewer_cannot_attach_and_sees_no_button(client, assessment, viewer, stored_files):
    client.force_login(viewer)
    assert attach(client, assessment).status_code == 403
    assert Document.objects.count() == 0 and stored_files() == []
    assert "Attach a document" not in client.get(url("area", assessment, area_key=AREA)).content.decode()


def test_another_organisation_cannot_download_or_even_see_a_document(client, assessment, contributor, outsider):
    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    client.force_login(outsider)
    assert client.get(document_url("download", assessment, document)).status_code == 404
    client.logout()
    assert client.get(document_url("download", assessment, document)).status_code == 302


def test_a_document_id_of_another_assessment_is_not_found(client, assessment, contributor, nps, manchester, outsider):
    from maturity.assessments.services import start_assessment

    theirs = start_assessment(organisation=manchester, framework=nps, title="Theirs", user=outsider)
    client.force_login(outsider)
    attach(client, theirs)
    document = Document.objects.get()
    client.force_login(contributor)
    # Camden's own assessment in the address, Manchester's document id: not found.
    assert client.get(document_url("download", assessment, document)).status_code == 404


def test_changing_a_document_replaces_its_file_and_removes_the_old_one(
    client, assessment, contributor, stored_files, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    old_name = document.stored_name
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            document_url("change", assessment, document), form("register.xlsx", files.xlsx(), title="Contract register")
        )
    assert answer.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.filename) == ("Contract register", "register.xlsx")
    assert stored_files() == [document.stored_name] and document.stored_name != old_name
    change = Change.objects.get(subject="document", fields__document__0__title="Procurement strategy")
    assert change.fields["document"][1]["title"] == "Contract register"


def test_changing_only_the_title_keeps_the_file(client, assessment, contributor, stored_files):
    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    values = form("x", b"", title="Renamed")
    del values["file"]
    assert client.post(document_url("change", assessment, document), values).status_code == 302
    document.refresh_from_db()
    assert document.title == "Renamed" and stored_files() == [document.stored_name]


def test_a_hostile_replacement_is_refused_and_the_old_file_kept(client, assessment, contributor, stored_files):
    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    page = client.post(
        document_url("change", assessment, document), form("minutes.docx", files.docm_renamed(), title="Other")
    ).content.decode()
    assert "contains macros" in page
    document.refresh_from_db()
    assert document.title == "Procurement strategy" and stored_files() == [document.stored_name]


def test_deleting_a_document_asks_first_then_is_recorded(
    client, assessment, contributor, stored_files, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    confirm = client.get(document_url("delete", assessment, document)).content.decode()
    assert "Are you sure you want to delete “Procurement strategy”?" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(document_url("delete", assessment, document)).status_code == 302
    assert Document.objects.count() == 0 and stored_files() == []
    event = AuditEvent.objects.get(kind="document-deleted")
    assert (event.actor, event.organisation, event.subject) == (
        contributor,
        assessment.organisation,
        "Procurement strategy",
    )
    history = client.get(url("area", assessment, area_key=AREA)).content.decode()
    assert "Evidence document" in history and "strategy.pdf, evidence from 14 March 2026" in history


def test_a_signed_off_assessments_documents_cannot_change(client, assessment, contributor, lead, stored_files):
    from maturity.assessments.services import sign_off, submit_for_sign_off

    client.force_login(contributor)
    attach(client, assessment)
    document = Document.objects.get()
    complete_every_area(assessment, lead)
    submit_for_sign_off(assessment=assessment, user=lead)
    sign_off(assessment=assessment, user=lead, signer_name="Lena Lead", signer_role="Head of procurement")
    assert client.post(document_url("delete", assessment, document)).status_code == 302
    assert (
        client.post(document_url("change", assessment, document), form("a.pdf", files.pdf(), title="New")).status_code
        == 302
    )
    assert attach(client, assessment, "other.pdf").status_code == 302
    document.refresh_from_db()
    assert Document.objects.count() == 1 and document.title == "Procurement strategy" and len(stored_files()) == 1
    page = client.get(url("area", assessment, area_key=AREA)).content.decode()
    assert "Procurement strategy" in page and "Attach a document" not in page


def test_documents_carry_forward_with_the_answer_and_the_earlier_copy_survives_a_delete(
    client, assessment, contributor, lead, stored_files, django_capture_on_commit_callbacks
):
    from maturity.assessments.services import sign_off, start_assessment, submit_for_sign_off

    client.force_login(contributor)
    attach(client, assessment)
    complete_every_area(assessment, lead)
    submit_for_sign_off(assessment=assessment, user=lead)
    sign_off(assessment=assessment, user=lead, signer_name="Lena Lead", signer_role="Head of procurement")
    following = start_assessment(
        organisation=assessment.organisation,
        framework=assessment.framework,
        title="Self-assessment next year",
        user=lead,
        carry_forward=True,
    )
    carried = Document.objects.get(response__assessment=following)
    assert (carried.title, carried.response.area.key, carried.carried_from.response.assessment) == (
        "Procurement strategy",
        AREA,
        assessment,
    )
    assert len(stored_files()) == 1  # one file, named by both
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(document_url("delete", following, carried)).status_code == 302
    earlier = Document.objects.get()
    assert stored_files() == [earlier.stored_name]
    download = client.get(document_url("download", assessment, earlier))
    assert b"".join(download.streaming_content) == files.pdf()


def test_the_upload_pages_take_a_file_as_large_as_the_document_limit(assessment, settings):
    from django.test import RequestFactory

    from maturity import uploads

    assert settings.DOCUMENT_MAX_BYTES > settings.MAX_REQUEST_BYTES  # 20 MB against 10 MB by default
    request = RequestFactory().post(add_url(assessment))
    assert uploads.limit_for(request) == settings.DOCUMENT_MAX_BYTES + uploads.FORM_ROOM
