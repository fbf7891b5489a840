"""Rounds and benchmarks in Welsh (docs/adr/0025-cymraeg.md): no English left on their pages but the
framework's text and the suppression rule published with the figures (both marked lang="en"); emails
sent outside a request in the language of the person they go to; the open data stays English."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.benchmarks.helpers import TODAY, make_round, signed_off, submit
from tests.html import lang_of
from tests.jobs.support import sent_emails
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

# Texts of the shared parts of the product, translated with them: the error summary's title
# (maturity.govuk.error_summary) and the charts' own words (maturity.charts, includes/chart.html).
PLACES = ("Yorkshire and The Humber",)  # a region's name


def welsh(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200, path
    page = response.content.decode()
    assert lang_of(page) == "cy"
    return page


def test_the_published_benchmarks_page_has_no_english_left(client, published_round):
    page = welsh(client, reverse("benchmarks:published"))
    assert english_in(page) == []
    assert "Meincnodau cenedlaethol" in page and published_round.name in page


@pytest.mark.parametrize("name", ["results", "report"])
def test_a_published_rounds_pages_have_no_english_left(client, published_round, name):
    page = welsh(client, reverse(f"benchmarks:{name}", args=[published_round.pk]))
    assert english_in(page, allow=PLACES) == []


def test_an_area_of_a_published_round_has_no_english_left(client, published_round, nps):
    area = nps.areas.order_by("position").first()
    page = welsh(client, reverse("benchmarks:area", kwargs={"round_id": published_round.pk, "area_key": area.key}))
    assert english_in(page, allow=PLACES) == []


def test_the_results_are_kept_in_each_language(client, published_round):
    url = reverse("benchmarks:results", args=[published_round.pk])
    assert "Canlyniadau " in welsh(client, url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Results of " in english and "Canlyniadau " not in english


def test_the_open_data_stays_english(client, published_round):
    csv = client.get(reverse("benchmarks:results-csv", args=[published_round.pk]), HTTP_ACCEPT_LANGUAGE="cy")
    assert csv.content.decode().startswith("round,framework,framework_version,area_key,area,measure")
    data = json.loads(
        client.get(reverse("benchmarks:results-json", args=[published_round.pk]), HTTP_ACCEPT_LANGUAGE="cy").content
    )
    assert data["quantiles"].startswith("Nearest rank") and "withheld" not in json.dumps(
        data["suppression"]["withheld_value"]
    )


def test_an_organisations_rounds_pages_have_no_english_left(client, lead, camden, nps, open_round):
    client.force_login(lead)
    signed_off(camden, nps, lead, title="Signed off 2027")
    for path in (
        reverse("benchmarks:organisation-rounds", kwargs={"slug": camden.slug}),
        reverse("benchmarks:submit", kwargs={"slug": camden.slug, "round_id": open_round.pk}),
        reverse("benchmarks:decline", kwargs={"slug": camden.slug, "round_id": open_round.pk}),
    ):
        assert english_in(welsh(client, path), allow=("Signed off 2027",)) == [], path


def test_a_refusal_is_in_welsh(client, lead, camden, open_round):
    client.force_login(lead)
    page = client.post(
        reverse("benchmarks:decline", kwargs={"slug": camden.slug, "round_id": open_round.pk}),
        {"reason": "other", "detail": ""},
        HTTP_ACCEPT_LANGUAGE="cy",
    ).content.decode()
    assert "Dywedwch pam na fydd eich sefydliad yn cymryd rhan" in page
    assert english_in(page) == []


def test_the_national_teams_round_pages_have_no_english_left(client, admin, open_round, camden, nps, lead):
    submit(open_round, camden, signed_off(camden, nps, lead))
    client.force_login(admin)
    for path in (
        reverse("benchmarks:rounds"),
        reverse("benchmarks:new-round"),
        reverse("benchmarks:round", args=[open_round.pk]),
        reverse("benchmarks:responses", args=[open_round.pk]),
        reverse("benchmarks:remind-round", args=[open_round.pk]),
        reverse("benchmarks:close-round", args=[open_round.pk]),
        reverse("benchmarks:results", args=[open_round.pk]),
        reverse("benchmarks:edit-report", args=[open_round.pk]),
    ):
        assert english_in(welsh(client, path), allow=PLACES) == [], path


def test_invitations_and_reminders_sent_by_the_scheduler_go_in_each_persons_language(
    nps, admin, camden, manchester, lead, outsider
):
    lead.language = "cy"
    lead.save(update_fields=["language"])
    make_round(
        nps,
        [camden, manchester],
        user=admin,
        opens_on=TODAY - datetime.timedelta(days=20),
        closes_on=TODAY + datetime.timedelta(days=10),
    )  # not invited yet, and in the 14-day reminder window
    call_command("rounds", "remind", "--date", TODAY.isoformat(), stdout=io.StringIO())
    to_lead = sorted(m.subject for m in sent_emails() if m.to == [lead.email])
    to_outsider = sorted(m.subject for m in sent_emails() if m.to == [outsider.email])
    assert [s.split()[0] for s in to_lead] == ["Gwahoddir", "Nodyn"]
    assert [s.split()[0] for s in to_outsider] == ["Manchester", "Reminder:"]
    assert " yn cau ar " in to_lead[1]
    assert all(m.body.startswith("Helo,") for m in sent_emails() if m.to == [lead.email])
    assert all(m.body.startswith("Hello,") for m in sent_emails() if m.to == [outsider.email])


def test_the_national_report_as_pdf_is_in_welsh_for_a_welsh_reader(client, published_round):
    from django.utils import translation

    from maturity.benchmarks import report as national
    from maturity.benchmarks.serialise import from_data

    with translation.override("cy"):
        html = national.render_html(
            national.national_report(published_round, from_data(published_round.published_results.figures), invited=31)
        )
    assert lang_of(html) == "cy" and "Tudalen " in html and "Crynodeb" in html
    response = client.get(reverse("benchmarks:report-pdf", args=[published_round.pk]), HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
