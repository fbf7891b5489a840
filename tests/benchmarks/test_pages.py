"""Who sees which round page: outsiders get 404, non-admins 403 on national pages, and anonymous
visitors see only published results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.html import elements

NATIONAL_PAGES = ["benchmarks:rounds", "benchmarks:new-round"]
NATIONAL_ROUND_PAGES = [
    "benchmarks:round",
    "benchmarks:open-round",
    "benchmarks:close-round",
    "benchmarks:publish-round",
    "benchmarks:responses",
]


def round_urls(round_):
    return [reverse(name, args=[round_.pk]) for name in NATIONAL_ROUND_PAGES]


def test_national_pages_answer_403_to_a_council_lead(client, lead, open_round):
    client.force_login(lead)
    for url in [reverse(name) for name in NATIONAL_PAGES] + round_urls(open_round):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_national_pages_answer_404_to_anonymous_visitors_or_send_them_to_sign_in(client, open_round):
    for url in [reverse(name) for name in NATIONAL_PAGES] + round_urls(open_round):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], url


def test_the_national_admin_reaches_every_national_page(client, admin, open_round):
    client.force_login(admin)
    for url in [reverse(name) for name in NATIONAL_PAGES] + round_urls(open_round):
        assert client.get(url).status_code == 200, url


def test_an_outsider_gets_404_on_another_organisations_round_pages(client, outsider, camden, open_round):
    client.force_login(outsider)
    for name in ("benchmarks:submit", "benchmarks:decline"):
        url = reverse(name, kwargs={"slug": camden.slug, "round_id": open_round.pk})
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert client.get(reverse("benchmarks:organisation-rounds", kwargs={"slug": camden.slug})).status_code == 404


def test_the_rounds_page_lists_the_open_round_with_its_actions_for_a_lead(client, lead, camden, open_round):
    client.force_login(lead)
    page = client.get(reverse("benchmarks:organisation-rounds", kwargs={"slug": camden.slug})).content.decode()
    assert "Diagnostic review 2027" in page
    assert reverse("benchmarks:submit", kwargs={"slug": camden.slug, "round_id": open_round.pk}) in page
    assert reverse("benchmarks:decline", kwargs={"slug": camden.slug, "round_id": open_round.pk}) in page


def test_a_viewer_sees_the_rounds_but_cannot_answer(client, viewer, camden, open_round):
    client.force_login(viewer)
    page = client.get(reverse("benchmarks:organisation-rounds", kwargs={"slug": camden.slug})).content.decode()
    assert "Diagnostic review 2027" in page and "A lead of" in page
    url = reverse("benchmarks:decline", kwargs={"slug": camden.slug, "round_id": open_round.pk})
    assert client.get(url).status_code == 403


def test_an_organisation_not_invited_gets_404_on_the_rounds_answer_pages(client, nps, outsider, manchester, admin):
    from tests.benchmarks.helpers import make_round

    round_ = make_round(nps, [], user=admin)
    client.force_login(outsider)
    url = reverse("benchmarks:submit", kwargs={"slug": manchester.slug, "round_id": round_.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("suffix", ["results", "results-csv", "results-json"])
def test_anonymous_visitors_cannot_see_unpublished_results(client, open_round, suffix):
    assert client.get(reverse(f"benchmarks:{suffix}", args=[open_round.pk])).status_code == 404


def test_a_council_lead_cannot_see_unpublished_results(client, lead, open_round):
    client.force_login(lead)
    assert client.get(reverse("benchmarks:results", args=[open_round.pk])).status_code == 404


def test_the_national_admin_can_preview_unpublished_results(client, admin, open_round):
    client.force_login(admin)
    response = client.get(reverse("benchmarks:results", args=[open_round.pk]))
    assert response.status_code == 200
    assert "Not published" in response.content.decode()


@pytest.mark.parametrize("suffix", ["results", "results-csv", "results-json"])
def test_anonymous_visitors_see_published_results(client, published_round, suffix):
    assert client.get(reverse(f"benchmarks:{suffix}", args=[published_round.pk])).status_code == 200


def test_published_results_are_listed_for_everyone(client, published_round, open_round):
    page = client.get(reverse("benchmarks:published")).content.decode()
    assert published_round.name in page and open_round.name not in page


def test_an_area_page_of_published_results_is_public(client, published_round, nps):
    area = nps.areas.order_by("position").first()
    response = client.get(reverse("benchmarks:area", kwargs={"round_id": published_round.pk, "area_key": area.key}))
    assert response.status_code == 200
    assert elements(response, "svg")


def test_published_results_name_only_respondents_who_agreed(client, published_round, camden):
    page = client.get(reverse("benchmarks:results", args=[published_round.pk])).content.decode()
    assert camden.name in page
    assert "Borough" not in page


def test_results_page_of_an_assessment_compares_it_with_the_latest_published_round(
    client, lead, camden, published_round
):
    from maturity.assessments.models import Assessment

    assessment = Assessment.objects.get(organisation=camden, title="Signed off 2026")
    client.force_login(lead)
    page = client.get(
        reverse("assessments:results", kwargs={"slug": camden.slug, "pk": assessment.pk})
    ).content.decode()
    assert "Compared with other organisations" in page
    assert "Same type: London borough" in page and "All respondents" in page


def test_published_results_may_be_kept_by_shared_caches_for_visitors_who_are_not_signed_in(client, published_round):
    response = client.get(reverse("benchmarks:results", args=[published_round.pk]))
    assert response["Cache-Control"] == "public, max-age=300" and "Cookie" in response["Vary"]


def test_published_results_seen_signed_in_are_never_stored(client, lead, published_round):
    client.force_login(lead)
    response = client.get(reverse("benchmarks:results", args=[published_round.pk]))
    assert response["Cache-Control"] == "no-store"
    assert "Signed in as" in response.content.decode()


def test_a_preview_shows_a_submission_made_since_it_was_last_seen(client, admin, open_round, nps, camden, lead):
    from tests.benchmarks.helpers import signed_off, submit

    client.force_login(admin)
    url = reverse("benchmarks:results", args=[open_round.pk])
    assert "No respondent has agreed to be named" in client.get(url).content.decode()
    submit(open_round, camden, signed_off(camden, nps, lead), named=True)
    page = client.get(url).content.decode()
    assert "No respondent has agreed to be named" not in page and camden.name in page


def test_a_round_published_before_rule_4_keeps_its_frozen_figures_and_states_the_rule_they_had(client, published_round):
    from django.core.cache import cache

    from maturity import pagecache, suppression
    from maturity.benchmarks.models import PublishedResults

    def rendered_again():  # as after a new release: nothing kept
        pagecache.forget_in_process()
        cache.clear()

    url = reverse("benchmarks:results", args=[published_round.pk])
    rendered_again()
    assert "No sum or difference of the populations shown" in " ".join(client.get(url).content.decode().split())
    results = PublishedResults.objects.get(round=published_round)
    figures = dict(results.figures)
    del figures["rule"]  # as frozen before rule 4 existed
    PublishedResults.objects.filter(pk=results.pk).update(figures=figures)
    rendered_again()
    document = client.get(reverse("benchmarks:results-json", args=[published_round.pk])).json()
    assert document["suppression"]["rule"] == suppression.PAIRWISE_RULE_TEXT
    frozen = [[p["respondents"] for p in area["populations"]] for area in figures["areas"]]
    assert [[p["respondents"] for p in area["populations"]] for area in document["areas"]] == frozen
    page = " ".join(client.get(url).content.decode().split())
    assert "are not both shown." in page and "No sum or difference of the populations shown" not in page
    rendered_again()
