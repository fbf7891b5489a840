"""A workbook import never overwrites later work (issue 12, section 2).

The workbook carries the version of each answer and action it was made from. Importing it changes
only what the file changed; an area or action that the file changed and someone else saved since
the download is refused, with both values shown, as the web form shows them; nothing is saved
unless the whole file is accepted. The attack: download, save area X on the web, import the old
workbook with a change to area Y only: X used to revert to the workbook's value."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maturity.assessments import services
from maturity.assessments.models import Action, Change
from maturity.audit.models import AuditEvent
from maturity.reports import importer
from maturity.reports import workbook as wbk
from tests.html import element, text_of
from tests.reports.conftest import report_url
from tests.reports.helpers import YEAR
from tests.reports.test_import import refused, run, snapshot
from tests.reports.workbooks import edit, open_workbook, row_of_action, row_of_area, save


@pytest.fixture
def exported(full):
    return wbk.export_workbook(full)


def areas(assessment):
    return list(assessment.responses.select_related("area").order_by("area__position"))


def answer(response, **change):
    values = {name: getattr(response, name) for name in services.ANSWER_FIELDS}
    values.update(change)
    return values


def save_on_the_web(response, user, **change):
    return services.save_response(
        response=response, answer=answer(response, **change), based_on_version=response.version, user=user
    )


def change_action_on_the_web(action, user, **change):
    values = {name: getattr(action, name) for name in services.ACTION_FIELDS}
    values.update(change)
    return services.update_action(action=action, values=values, based_on_version=action.version, user=user)


def edit_area(data: bytes, key: str, **cells) -> bytes:
    row = row_of_area(open_workbook(data), key)
    return edit(data, [(wbk.AREAS, row, title.replace("_", " ").capitalize(), value) for title, value in cells.items()])


def edit_action(data: bytes, action_id: int, **cells) -> bytes:
    row = row_of_action(open_workbook(data), action_id)
    return edit(
        data, [(wbk.ACTIONS, row, title.replace("_", " ").capitalize(), value) for title, value in cells.items()]
    )


# --- Answers ----------------------------------------------------------------------------------------


def test_an_area_saved_on_the_web_after_the_download_is_kept_when_the_workbook_changes_another(
    full, exported, lead, contributor
):
    x, y = areas(full)[:2]
    save_on_the_web(x, lead, evidence="Saved on the web after the download")
    data = edit_area(exported, y.area.key, evidence="Changed in the workbook")

    result = run(full, contributor, data)

    assert result.message == "1 answer updated"
    x.refresh_from_db()
    y.refresh_from_db()
    assert x.evidence == "Saved on the web after the download" and x.updated_by == lead
    assert y.evidence == "Changed in the workbook" and y.updated_by == contributor


def test_an_area_changed_in_the_workbook_and_saved_on_the_web_since_is_refused_with_both_values(
    full, exported, lead, contributor
):
    x, y = areas(full)[:2]
    save_on_the_web(x, lead, evidence="Lena's evidence, saved on the web")
    data = edit_area(exported, x.area.key, evidence="Connor's evidence, typed in the workbook")
    data = edit_area(data, y.area.key, confidence="Low" if y.confidence != "low" else "High")

    problems = refused(full, contributor, data)  # nothing saved, not even area Y

    row = row_of_area(open_workbook(data), x.area.key)
    assert problems == [
        f"Areas, row {row}: {x.area.label} was saved by Lena Lead after this workbook was "
        "downloaded, so your change to it would overwrite theirs: compare the two below"
    ]
    with pytest.raises(importer.ImportRefused) as refusal:
        run(full, contributor, data)
    conflict = refusal.value.problems[0].conflict
    evidence = {label: (yours, theirs) for label, yours, theirs in conflict.rows}["Evidence"]
    assert evidence == ("Connor's evidence, typed in the workbook", "Lena's evidence, saved on the web")


def test_the_same_change_made_on_the_web_and_in_the_workbook_is_no_conflict(full, exported, lead, contributor):
    x = areas(full)[0]
    save_on_the_web(x, lead, evidence="Agreed wording")
    result = run(full, contributor, edit_area(exported, x.area.key, evidence="Agreed wording"))
    assert not result.changed
    x.refresh_from_db()
    assert x.updated_by == lead


def test_a_carried_over_answer_the_workbook_leaves_alone_stays_to_be_confirmed(full, contributor):
    x, y = areas(full)[:2]
    full.responses.filter(pk=x.pk).update(carried_over=True)
    data = edit_area(wbk.export_workbook(full), y.area.key, evidence="Changed")
    run(full, contributor, data)
    x.refresh_from_db()
    assert x.carried_over and x.version == 0


# --- Actions ----------------------------------------------------------------------------------------


def test_an_action_changed_on_the_web_after_the_download_is_kept_when_the_workbook_changes_another(
    full, exported, lead, contributor
):
    first, second = full.actions.order_by("pk")[:2]
    change_action_on_the_web(first, lead, owner_name="Changed on the web")
    data = edit_action(exported, second.pk, owner_name="Changed in the workbook")
    assert run(full, contributor, data).message == "1 action updated"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner_name, second.owner_name) == ("Changed on the web", "Changed in the workbook")


def test_an_action_changed_in_the_workbook_and_on_the_web_since_is_refused_with_both_values(
    full, exported, lead, contributor
):
    action = full.actions.order_by("pk").first()
    change_action_on_the_web(action, lead, status=Action.Status.BLOCKED)
    data = edit_action(exported, action.pk, status="Done")
    problems = refused(full, contributor, data)
    row = row_of_action(open_workbook(data), action.pk)
    assert problems == [
        f"Actions, row {row}: The action “{action.title}” was changed by Lena Lead after this "
        "workbook was downloaded, so your change to it would overwrite theirs: compare the two below"
    ]


def test_an_action_removed_on_the_web_since_the_download_stays_removed(full, exported, lead, contributor):
    gone, kept = full.actions.order_by("pk")[:2]
    gone_id = gone.pk
    services.delete_action(action=gone, user=lead)
    assert run(full, contributor, edit_action(exported, kept.pk, owner_name="Ola")).message == "1 action updated"
    assert not Action.objects.filter(pk=gone_id).exists()
    problems = refused(full, contributor, edit_action(exported, gone_id, owner_name="Ola"))
    row = row_of_action(open_workbook(exported), gone_id)
    assert problems == [
        f"Actions, row {row}, column ID: There is no action {gone_id} in this assessment: it may "
        "have been removed since the workbook was downloaded. Leave the ID empty to add it again"
    ]


# --- Workbooks without versions, the upload page and the audit log --------------------------------


def test_a_workbook_without_the_versions_it_was_made_from_is_refused(full, exported, contributor):
    wb = open_workbook(exported)
    for sheet in (wbk.AREAS, wbk.ACTIONS):
        wb[sheet].delete_cols(len(wb[sheet][1]))
    problems = refused(full, contributor, save(wb))
    assert problems[0] == (
        "Areas, row 1: The column “Version” is missing, so the import cannot tell what you "
        "changed from what others saved since: download a new workbook and make your changes there"
    )


def test_the_upload_page_shows_both_values_of_a_conflict(client, full, exported, lead, contributor):
    x = areas(full)[0]
    save_on_the_web(x, lead, evidence="Lena's evidence, saved on the web", target_year=YEAR + 5)
    data = edit_area(exported, x.area.key, evidence="Connor's evidence, typed in the workbook")
    client.force_login(contributor)
    before = snapshot(full)
    page = client.post(
        report_url("import", full), {"workbook": SimpleUploadedFile("camden.xlsx", data, content_type=wbk.CONTENT_TYPE)}
    )
    assert page.status_code == 409
    html = unescape(page.content.decode())
    assert "Connor's evidence, typed in the workbook" in html
    assert "Lena's evidence, saved on the web" in html
    assert str(YEAR + 5) in text_of(element(html, id="conflicts"))
    assert snapshot(full) == before


def test_an_import_is_recorded_in_the_audit_log(full, exported, contributor):
    x = areas(full)[0]
    run(full, contributor, edit_area(exported, x.area.key, evidence="Changed in the workbook"))
    event = AuditEvent.objects.get(kind="workbook-imported")
    assert event.actor == contributor and event.organisation == full.organisation
    assert event.subject == full.title and event.details["result"] == "1 answer updated"
    assert Change.objects.filter(source=Change.Source.IMPORT).count() == 1
