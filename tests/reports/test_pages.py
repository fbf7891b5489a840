"""The reports page, and who may reach each report."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from tests.html import contains_html, elements
from tests.reports.conftest import report_url
from tests.test_isolation import fill, walk

NAMES = ["index", "committee-pdf", "workbook", "import", "responses-csv", "actions-csv"]


def test_the_reports_page_links_every_download_and_the_import(client, full, contributor):
    client.force_login(contributor)
    page = client.get(report_url("index", full)).content.decode()
    for name in NAMES[1:]:
        assert elements(page, "a", href=report_url(name, full)), name
    assert contains_html(page, '<h1 class="govuk-heading-xl">Reports and downloads</h1>')


def test_a_viewer_sees_the_downloads_but_not_the_import(client, full, viewer):
    client.force_login(viewer)
    page = client.get(report_url("index", full)).content.decode()
    assert elements(page, "a", href=report_url("committee-pdf", full))
    assert not elements(page, href=report_url("import", full))


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_visitors_are_sent_to_sign_in(client, full, name):
    response = client.get(report_url(name, full))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_downloads_only_answer_get(client, full, lead):
    client.force_login(lead)
    assert client.post(report_url("workbook", full)).status_code == 405


def test_every_report_url_answers_404_to_a_member_of_another_organisation(client, full, outsider, lead, camden):
    """The project's isolation test, run over the reports' URLs with the same sample values."""
    routes = sorted({(route, name) for route, name in walk(get_resolver().url_patterns) if name.startswith("reports:")})
    assert {name for _, name in routes} == {f"reports:{name}" for name in NAMES}
    samples = {"slug": camden.slug, "pk": str(full.pk)}
    client.force_login(outsider)
    for route, name in routes:
        for method in ("get", "post"):
            assert getattr(client, method)(fill(route, samples)).status_code == 404, f"{method} {name}"
    client.force_login(lead)
    for route, name in routes:
        assert client.get(fill(route, samples)).status_code == 200, name
