"""The national report of a round: on a page and as a PDF/UA file, written from the round's
published figures with no withheld figure in its words or its charts; its title and introduction
set by the national team until the round is published, frozen after."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from maturity.assessments.models import Assessment, Response
from maturity.audit.models import AuditEvent
from maturity.benchmarks import report, serialise, services, stats
from maturity.benchmarks.models import Round
from maturity.benchmarks.selectors import published_results
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, submit
from tests.html import contains_html, elements
from tests.reports.test_pdf import fonts_of, resolve, structure_tags, text_of


def closed_round(nps, admin, councils, *, years_ago=0, name=None):
    closes_on = TODAY - datetime.timedelta(days=1 + 365 * years_ago)
    round_ = make_round(
        nps, councils, user=admin, name=name, opens_on=closes_on - datetime.timedelta(days=59), closes_on=closes_on
    )
    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    return round_


@pytest.fixture
def two_rounds(nps, admin):
    councils = bulk_councils(nps, 40)
    services.publish_round(
        round_=closed_round(nps, admin, councils, years_ago=2, name="Diagnostic review 2024"), user=admin, today=TODAY
    )
    Response.objects.filter(assessment__organisation__in=councils, area__key="developing-talent").update(
        current_level=5
    )
    return closed_round(nps, admin, councils, name="Diagnostic review 2026")


def test_the_national_team_writes_the_title_and_introduction_before_publishing(client, admin, two_rounds):
    client.force_login(admin)
    url = reverse("benchmarks:edit-report", args=[two_rounds.pk])
    response = client.post(url, {"title": "x" * 201, "introduction": "Hello"})
    assert "The title must be 200 characters or fewer" in response.content.decode()
    two_rounds.refresh_from_db()
    assert two_rounds.report_introduction == ""  # bad input changes nothing
    response = client.post(
        url, {"title": "Councils' procurement in 2026", "introduction": "First paragraph.\r\n\r\nSecond\r\nparagraph."}
    )
    assert response.status_code == 302 and response["Location"] == reverse("benchmarks:report", args=[two_rounds.pk])
    page = client.get(response["Location"]).content.decode()
    assert contains_html(page, '<h1 class="govuk-heading-xl">Councils&#39; procurement in 2026</h1>')
    assert elements(page, "p", text="First paragraph.") and elements(page, "p", text="Second paragraph.")
    assert "Not published: only the national team can see this report" in page
    assert AuditEvent.objects.filter(kind="round-report-changed").count() == 1


def test_the_report_is_frozen_when_the_round_is_published(client, admin, two_rounds):
    services.set_report(round_=two_rounds, title="As published", introduction="Words.", user=admin)
    published = services.publish_round(round_=two_rounds, user=admin, today=TODAY)
    with pytest.raises(services.RoundError, match="frozen"):
        services.set_report(round_=published, title="Changed", introduction="", user=admin)
    client.force_login(admin)
    page = client.get(reverse("benchmarks:edit-report", args=[published.pk])).content.decode()
    assert "can no longer be changed" in page and "Save the title and introduction" not in page
    response = client.post(
        reverse("benchmarks:edit-report", args=[published.pk]), {"title": "Changed", "introduction": ""}
    )
    assert "The report of a published round cannot be changed" in response.content.decode()
    assert Round.objects.get(pk=published.pk).report_title == "As published"


def test_an_unpublished_report_is_only_for_the_national_team(client, lead, two_rounds):
    for url in (
        reverse("benchmarks:report", args=[two_rounds.pk]),
        reverse("benchmarks:report-pdf", args=[two_rounds.pk]),
    ):
        assert client.get(url).status_code == 404
        client.force_login(lead)
        assert client.get(url).status_code == 404
        client.logout()
    client.force_login(lead)
    assert client.get(reverse("benchmarks:edit-report", args=[two_rounds.pk])).status_code == 403


def test_the_published_report_has_its_charts_method_and_no_withheld_figure(client, admin, two_rounds):
    published = services.publish_round(round_=two_rounds, user=admin, today=TODAY)
    page = client.get(reverse("benchmarks:report", args=[published.pk])).content.decode()
    for name in ("report-levels", "change", "responses-type", "responses-region"):
        assert elements(page, attrs={"aria-labelledby": f"{name}-title {name}-desc"})
    assert "Change since Diagnostic review 2024" in page and "The areas with the largest gaps" in page
    assert "How small numbers are withheld" in page and "version 2018" in page
    benchmark = serialise.from_data(published_results(published).figures)
    summary = report.national_report(published, benchmark, invited=published_results(published).invited)["summary"]
    shown = {
        str(v)
        for area in benchmark.areas
        for p in area.populations
        for m in (p.current, p.target)
        for v in (m.share, m.at_or_above, *m.counts)
        if v is not None
    }
    shown |= {
        str(area.change.share_points)
        for area in benchmark.areas
        if area.change and area.change.share_points is not None
    }
    invited = published_results(published).invited
    shown |= {str(benchmark.respondents), str(invited), str(stats.percent(benchmark.respondents, invited))}
    shown |= {str(n) for n in range(len(benchmark.areas) + 1)}  # "in 13 of 14 areas": counts of areas
    for sentence in summary:
        for number in re.findall(r"\d+", sentence):
            assert number in shown, f"{number} in “{sentence}” is not a shown figure"


def test_the_report_pdf_is_tagged_a4_with_its_fonts_embedded(client, admin, two_rounds):
    services.set_report(round_=two_rounds, title="Procurement maturity 2026", introduction="Why we ask.", user=admin)
    published = services.publish_round(round_=two_rounds, user=admin, today=TODAY)
    response = client.get(reverse("benchmarks:report-pdf", args=[published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = resolve(reader.trailer["/Root"])
    assert str(root["/Lang"]) == "en-GB" and "/StructTreeRoot" in root
    assert reader.metadata.title == "Procurement maturity 2026"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    tags = structure_tags(reader)
    headings = [int(tag[1]) for tag, _ in tags if re.fullmatch(r"H\d", tag)]
    assert headings.count(1) == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:]))
    alts = [str(element.get("/Alt", "")) for tag, element in tags if tag == "Figure"]
    assert "Share of respondents at Mature or above in each area, now and by their targets" in alts
    assert any(alt.startswith("Change since Diagnostic review 2024") for alt in alts)
    assert any(alt.startswith("Share of invited organisations that responded") for alt in alts)
    assert {"Table", "TH", "TD", "Caption"} <= {tag for tag, _ in tags}
    text = " ".join(text_of(reader).split())
    assert "Why we ask." in text and "How small numbers are withheld" in text
    for page in reader.pages:
        for font in fonts_of(page["/Resources"]):
            descendants = [resolve(d) for d in resolve(font.get("/DescendantFonts", []))] or [font]
            for descendant in descendants:
                descriptor = resolve(descendant["/FontDescriptor"])
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
