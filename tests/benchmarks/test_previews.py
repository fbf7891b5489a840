"""The national team's preview of a round before it is published: its figures are kept between
requests (and between app servers) and computed again as soon as anything they are computed
from changes."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from maturity import pagecache
from maturity.assessments import services as assessment_services
from maturity.benchmarks import selectors, services
from maturity.benchmarks.models import PreviewResults, Round
from maturity.groups.models import Group, GroupMember
from maturity.organisations.models import Role
from tests.benchmarks.helpers import TODAY, bulk_councils, bulk_round
from tests.factories import make_member

day = datetime.timedelta(days=1)


@pytest.fixture
def councils(nps):
    """Twelve councils: ten submit to the round, one has not answered (the ninth), one declined."""
    return bulk_councils(nps, 12, prefix="Preview")


@pytest.fixture
def preview_round(nps, councils, admin):
    return bulk_round(nps, councils, name="Diagnostic review 2028", user=admin)


@pytest.fixture
def national(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def another_app_server():
    """What a request served by another process sees: none of this process's rendered pages (but
    the shared cache)."""
    pagecache.forget_in_process()
    yield
    pagecache.forget_in_process()


def figures(client, round_) -> dict:
    response = client.get(reverse("benchmarks:results-json", args=[round_.pk]))
    assert response.status_code == 200
    return json.loads(response.content)


def respondents(document) -> int:
    return document["areas"][0]["populations"][0]["respondents"]


def population_keys(document, dimension: str) -> set[str]:
    return {p["key"] for p in document["areas"][0]["populations"] if p["dimension"] == dimension}


def content(client, url) -> str:
    """The page without its sign-out form's token, which is new on every request."""
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def pages(round_, nps) -> list[str]:
    area = nps.areas.order_by("position").first()
    return [
        reverse("benchmarks:results", args=[round_.pk]),
        reverse("benchmarks:area", kwargs={"round_id": round_.pk, "area_key": area.key}),
        reverse("benchmarks:results-csv", args=[round_.pk]),
        reverse("benchmarks:results-json", args=[round_.pk]),
    ]


def test_a_repeat_view_on_another_app_server_shows_the_kept_figures_without_computing_them(
    national, preview_round, nps, monkeypatch, another_app_server
):
    first = {url: content(national, url) for url in pages(preview_round, nps)}
    pagecache.forget_in_process()

    def computed_again(*args, **kwargs):
        raise AssertionError("the figures were computed again")

    monkeypatch.setattr(selectors, "live_benchmark", computed_again)
    again = {url: content(national, url) for url in pages(preview_round, nps)}
    assert again == first


def test_a_preview_shows_a_new_submission_at_once(national, preview_round, councils, nps):
    assert respondents(figures(national, preview_round)) == 10
    late = councils[8]
    services.submit_to_round(
        round_=preview_round,
        organisation=late,
        assessment=late.assessments.get(),
        agrees_to_be_named=True,
        user=make_member(late, Role.LEAD),
        today=TODAY,
    )
    document = figures(national, preview_round)
    assert respondents(document) == 11
    assert late.name in document["named_respondents"]
    assert document["round"]["organisations_invited"] == 12


def test_a_preview_leaves_out_an_assessment_reopened_since(national, preview_round, councils):
    assert respondents(figures(national, preview_round)) == 10
    assessment = councils[0].assessments.get()
    assessment_services.reopen(assessment=assessment, user=make_member(councils[0], Role.LEAD), reason="A correction")
    assert respondents(figures(national, preview_round)) == 9


def sign_off_again(organisation, **levels) -> None:
    """Reopen the organisation's assessment, change its levels and sign it off again."""
    lead = make_member(organisation, Role.LEAD, f"Lead of {organisation.name}")
    assessment = assessment_services.reopen(assessment=organisation.assessments.get(), user=lead, reason="A correction")
    assessment.responses.update(**levels)
    assessment_services.submit_for_sign_off(assessment=assessment, user=lead)
    assessment_services.sign_off(
        assessment=assessment, user=lead, signer_name="Chief Executive", signer_role="Head of Paid Service"
    )


def test_a_preview_counts_assessments_signed_off_again_with_their_new_levels(national, preview_round, councils):
    def median(document) -> int:
        return document["areas"][0]["populations"][0]["current"]["median"]

    assert median(figures(national, preview_round)) < 5
    for organisation in councils[:6]:  # six of the ten respondents
        sign_off_again(organisation, current_level=5, target_level=5)
    assert median(figures(national, preview_round)) == 5


def test_a_preview_follows_a_council_moving_to_another_region(national, preview_round, councils):
    assert "Isle of Wight and Elsewhere" not in population_keys(figures(national, preview_round), "region")
    councils[0].region = "Isle of Wight and Elsewhere"
    councils[0].save(update_fields=["region"])
    assert "Isle of Wight and Elsewhere" in population_keys(figures(national, preview_round), "region")


def test_a_preview_follows_changes_to_groups_and_their_names(national, preview_round, councils):
    assert population_keys(figures(national, preview_round), "group") == set()
    group = Group.objects.create(slug="preview-consortium", name="Preview consortium", kind=Group.Kind.CONSORTIUM)
    GroupMember.objects.bulk_create(
        [GroupMember(group=group, organisation=o, accepted_at=timezone.now()) for o in councils[:6]]
    )
    assert population_keys(figures(national, preview_round), "group") == {str(group.pk)}
    Group.objects.filter(pk=group.pk).update(name="Renamed consortium")
    labels = {
        p["label"] for p in figures(national, preview_round)["areas"][0]["populations"] if p["dimension"] == "group"
    }
    assert labels == {"Renamed consortium"}


def test_a_preview_shows_the_rounds_new_name(national, preview_round):
    url = reverse("benchmarks:results", args=[preview_round.pk])
    assert "Diagnostic review 2028" in national.get(url).content.decode()
    Round.objects.filter(pk=preview_round.pk).update(name="National review 2028")
    page = national.get(url).content.decode()
    assert "National review 2028" in page and "Diagnostic review 2028" not in page


def test_a_preview_measures_the_change_from_a_round_published_since(national, preview_round, councils, nps, admin):
    assert figures(national, preview_round)["previous_round"] is None
    earlier = bulk_round(
        nps,
        councils,
        name="Diagnostic review 2026",
        status=Round.Status.CLOSED,
        user=admin,
        opens_on=TODAY - 60 * day,
        closes_on=TODAY - day,
    )
    services.publish_round(round_=earlier, user=admin, today=TODAY)
    assert figures(national, preview_round)["previous_round"] == "Diagnostic review 2026"


def test_a_preview_kept_from_before_a_change_to_the_suppression_rule_is_computed_again(
    national, preview_round, monkeypatch
):
    from maturity import suppression

    figures(national, preview_round)
    kept = PreviewResults.objects.get(round=preview_round).fingerprint
    monkeypatch.setattr(suppression, "RULE_TEXT", suppression.RULE_TEXT + " Changed.")
    figures(national, preview_round)
    assert PreviewResults.objects.get(round=preview_round).fingerprint != kept


def test_publishing_a_round_forgets_its_preview(national, preview_round, admin):
    figures(national, preview_round)
    assert PreviewResults.objects.filter(round=preview_round).exists()
    Round.objects.filter(pk=preview_round.pk).update(status=Round.Status.CLOSED)
    preview_round.refresh_from_db()
    services.publish_round(round_=preview_round, user=admin, today=TODAY)
    assert not PreviewResults.objects.filter(round=preview_round).exists()
    assert respondents(figures(national, preview_round)) == 10
