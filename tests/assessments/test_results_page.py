"""The results page reads each part once: no query per area or per earlier assessment, and its
progress over time still follows an area through the framework's crosswalk."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity import legal
from maturity.assessments import services
from maturity.frameworks import loader
from maturity.frameworks import services as framework_services
from tests.assessments.helpers import complete_every_area, url
from tests.frameworks import versions


def signed_off(organisation, framework, lead, title: str, level: int = 2):
    assessment = services.start_assessment(organisation=organisation, framework=framework, title=title, user=lead)
    complete_every_area(assessment, lead, current=level, target=level + 1)
    services.submit_for_sign_off(assessment=assessment, user=lead)
    return services.sign_off(
        assessment=assessment, user=lead, signer_name="Lena Lead", signer_role="Head of Procurement"
    )


def results_queries(client, assessment) -> list[str]:
    legal.current_framework()  # the beta banner's framework, read once and kept in the shared cache
    client.cookies[settings.CSRF_COOKIE_NAME] = "c" * 32  # as after any earlier page: a kept page is looked for
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("results", assessment))
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_the_results_page_makes_as_many_queries_after_three_earlier_assessments_as_after_one(client, nps, camden, lead):
    signed_off(camden, nps, lead, "2024")
    latest = signed_off(camden, nps, lead, "2025", level=3)
    client.force_login(lead)
    after_one = len(results_queries(client, latest))
    signed_off(camden, nps, lead, "2022")
    signed_off(camden, nps, lead, "2023")
    assert len(results_queries(client, latest)) == after_one


def test_the_results_page_reads_no_framework_area_by_area(client, nps, camden, lead):
    signed_off(camden, nps, lead, "2024")  # so that the page shows progress over time too
    client.force_login(lead)
    page_queries = results_queries(client, signed_off(camden, nps, lead, "2025", level=3))
    assert [sql for sql in page_queries if 'FROM "frameworks_framework"' in sql] == []


def test_progress_over_time_follows_an_area_split_in_a_later_version(client, nps, camden, lead):
    earlier = signed_off(camden, nps, lead, "2018")
    earlier.responses.filter(area__key=versions.RETIRED).update(current_level=4)
    nps_2019 = framework_services.publish(
        loader.load(versions.nps_2019(), status="draft").framework, retire_followed=True
    )
    later = signed_off(camden, nps_2019, lead, "2019", level=2)
    client.force_login(lead)
    page = client.get(url("results", later)).content.decode()
    trend = page[page.index("Progress over time") : page.index("Summary by theme")]
    trend = trend[trend.index("<table") :]  # the table after the chart
    for title in ("Managing supply chain risk", "Managing climate risk"):
        row = trend[trend.index(title) :]
        cells = row[: row.index("</tr>")].replace(" ", "").replace("\n", "")
        assert ">4<" in cells and ">2<" in cells and ">-2<" in cells, title
