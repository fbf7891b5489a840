"""One validation path for answers and actions: the web form, the API and the workbook import
refuse the same bad value with the same words, because all three ask the same form
(ResponseForm, ActionForm); the workbook only says where the value is (sheet, row, column)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from maturity.api.models import ApiToken
from maturity.reports import importer
from maturity.reports import workbook as wbk
from tests.api.conftest import Api, assessment_path, make_token
from tests.reports.workbooks import edit, open_workbook, row_of_action, row_of_area

YEAR = timezone.localdate().year

# rule: (what, the field, its column in the workbook, the value for the web form's data, the API's, the workbook's)
RULES = {
    "target below current": (
        "answer",
        "target_level",
        "Target level",
        {"current_level": "4", "target_level": "2"},
        {"current_level": 4, "target_level": 2},
        {"Current level": "4 – Leader", "Target level": "2 – Developing"},
    ),
    "target year outside the window": (
        "answer",
        "target_year",
        "Target year",
        {"target_year": str(YEAR + 40)},
        {"target_year": YEAR + 40},
        {"Target year": YEAR + 40},
    ),
    "a link that is not http(s)": (
        "answer",
        "evidence_links",
        "Links",
        {"evidence_links": "ftp://example.org/minutes"},
        {"evidence_links": ["ftp://example.org/minutes"]},
        {"Links": "ftp://example.org/minutes"},
    ),
    "a title too long": ("action", "title", "Title", {"title": "x" * 201}, {"title": "x" * 201}, {"Title": "x" * 201}),
    "a due date that is not a date": (
        "action",
        "due_date",
        "Due date",
        {"due_date-day": "31", "due_date-month": "2", "due_date-year": str(YEAR + 1)},
        {"due_date": f"{YEAR + 1}-02-31"},
        {"Due date": f"31/02/{YEAR + 1}"},
    ),
}


class _ErrorMessages(HTMLParser):
    """The text of each GOV.UK error message on a page, by its id, without the hidden "Error:"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.messages: dict[str, str] = {}
        self.inside: list[tuple[str, str | None, bool]] = []  # (tag, the message's id, hidden)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        message = values.get("id") if "govuk-error-message" in classes else None
        if message is None and self.inside:
            message = self.inside[-1][1]
        hidden = "govuk-visually-hidden" in classes or (bool(self.inside) and self.inside[-1][2])
        self.inside.append((tag, message, hidden))
        if "govuk-error-message" in classes:
            self.messages[message] = ""

    def handle_endtag(self, tag):
        while self.inside and self.inside.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.inside and self.inside[-1][1] is not None and not self.inside[-1][2]:
            self.messages[self.inside[-1][1]] += data


def errors_shown(html: str) -> dict[str, str]:
    parser = _ErrorMessages()
    parser.feed(html)
    return {name: " ".join(text.split()) for name, text in parser.messages.items()}


def first_response(assessment):
    return assessment.responses.select_related("area").order_by("area__position").first()


def first_action(assessment):
    return assessment.actions.order_by("pk").first()


def on_the_web(client, assessment, what: str, field: str, data: dict[str, str]) -> list[str]:
    """The message the web page shows by the field."""
    slug = assessment.organisation.slug
    if what == "answer":
        response = first_response(assessment)
        url = reverse("assessments:area", kwargs={"slug": slug, "pk": assessment.pk, "area_key": response.area.key})
        posted = {
            "current_level": "",
            "target_level": "",
            "target_year": "",
            "evidence": "",
            "evidence_links": "",
            "confidence": "",
            "version": str(response.version),
            **data,
        }
    else:
        action = first_action(assessment)
        url = reverse("assessments:edit-action", kwargs={"slug": slug, "pk": assessment.pk, "action_id": action.pk})
        posted = {
            "title": action.title,
            "owner_name": action.owner_name,
            "status": action.status,
            "version": str(action.version),
            **data,
        }
    page = client.post(url, posted)
    assert page.status_code == 200, page.status_code
    shown = errors_shown(page.content.decode())
    return [text for name, text in shown.items() if name.startswith(f"id_{field}-")]


def through_the_api(assessment, token: str, what: str, field: str, body: dict) -> list[str]:
    if what == "answer":
        response = first_response(assessment)
        path = assessment_path(assessment, f"responses/{response.area.key}")
        answer = Api(token).patch(path, {"version": response.version, **body})
    else:
        action = first_action(assessment)
        path = assessment_path(assessment, f"actions/{action.pk}")
        answer = Api(token).patch(path, {"version": action.version, **body})
    assert answer.status_code == 422, answer.content
    return answer.json()["error"]["fields"][field]


def in_the_workbook(assessment, user, what: str, column: str, cells: dict) -> list[str]:
    """The messages the import gives in the column, each after its sheet, row and column."""
    exported = wbk.export_workbook(assessment)
    wb = open_workbook(exported)
    sheet, row = (
        (wbk.AREAS, row_of_area(wb, first_response(assessment).area.key))
        if what == "answer"
        else (wbk.ACTIONS, row_of_action(wb, first_action(assessment).pk))
    )
    data = edit(exported, [(sheet, row, title, value) for title, value in cells.items()])
    with pytest.raises(importer.ImportRefused) as refused:
        importer.import_workbook(assessment=assessment, name="camden.xlsx", data=data, user=user)
    problems = [problem for problem in refused.value.problems if problem.column == column]
    assert problems and all((problem.sheet, problem.row) == (sheet, row) for problem in problems)
    if not translation.get_language().startswith("cy"):  # in English, as the page shows it
        assert all(str(problem).startswith(f"{sheet}, row {row}, column {column}: ") for problem in problems)
    return [problem.message for problem in problems]


@pytest.mark.parametrize("rule", list(RULES))
def test_the_web_the_api_and_the_workbook_refuse_a_bad_value_in_the_same_words(rule, client, full, contributor, camden):
    what, field, column, web_data, api_body, cells = RULES[rule]
    client.force_login(contributor)
    token = make_token(contributor, camden, scope=ApiToken.Scope.WRITE)
    web = on_the_web(client, full, what, field, web_data)
    assert web, "the web form must refuse it"
    assert through_the_api(full, token, what, field, api_body) == web
    assert in_the_workbook(full, contributor, what, column, cells) == web


def client_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("rule", list(RULES))
def test_in_welsh_the_web_and_the_workbook_use_the_same_words(rule, client, full, contributor):
    """The API refuses some values before its form sees them, in English (docs/adr/0025-cymraeg.md)."""
    what, field, column, web_data, _api_body, cells = RULES[rule]
    client.force_login(contributor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    web = on_the_web(client, full, what, field, web_data)
    with translation.override("cy"):  # as the import page or job does for a person who reads Welsh
        workbook = in_the_workbook(full, contributor, what, column, cells)
    assert web and workbook == web
    assert web != on_the_web(client_in_english(client), full, what, field, web_data), "the page must be in Welsh"
