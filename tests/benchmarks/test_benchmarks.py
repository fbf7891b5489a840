"""Benchmarks computed by the database from submitted responses: the figures, what is left out,
the change since the previous round, the downloads, and a number of queries that does not grow
with the number of organisations."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maturity import legal
from maturity.assessments.models import Assessment, Response
from maturity.benchmarks import selectors, services
from maturity.benchmarks.models import Participant, Round
from maturity.frameworks.models import Area, Framework, Section
from maturity.groups.models import Group, GroupMember
from maturity.organisations.models import Role
from tests.benchmarks.helpers import TODAY, bulk_councils, bulk_round, make_round, signed_off, submit
from tests.factories import make_member, make_organisation
from tests.html import contains_html

day = datetime.timedelta(days=1)


@pytest.fixture
def councils(nps):
    """Seven London boroughs and five districts with known levels in the first area."""
    first = nps.areas.order_by("position").first()
    made = []
    levels = [1, 2, 2, 3, 3, 4, 5] + [2, 2, 3, 3, 3]
    for i, level in enumerate(levels):
        borough = i < 7
        organisation = make_organisation(
            f"Council {i}",
            type="london-borough" if borough else "district",
            region="London" if borough else "South East",
        )
        user = make_member(organisation, Role.LEAD)
        made.append(
            (organisation, signed_off(organisation, nps, user, current=3, target=4, levels={first.key: (level, 5)}))
        )
    return made


@pytest.fixture
def round_with_councils(nps, admin, councils):
    round_ = make_round(nps, [o for o, _ in councils], user=admin)
    for organisation, assessment in councils:
        submit(round_, organisation, assessment)
    return round_


def first_area(nps):
    return nps.areas.order_by("position").first()


def test_figures_are_counted_from_the_submitted_responses(round_with_councils, nps):
    benchmark = selectors.live_benchmark(round_with_councils)
    area = benchmark.area(first_area(nps).key)
    assert area.all.respondents == 12
    # Levels 1 2 2 3 3 4 5 2 2 3 3 3: counts 1, 4, 5, 1, 1. The 1s are withheld, with complements.
    assert area.all.current.median == 3
    assert area.all.current.at_or_above == 7 and area.all.current.share == 58
    assert area.find("region", "London").respondents == 7
    assert area.find("region", "London").current.median == 3
    assert (
        area.find("type", "district").current.counts == (0, 2, 3, 0, 0)
        or area.find("type", "district").respondents == 5
    )
    # Every other area: everyone at 3, aiming for 4. That count, or the median, would tell each
    # respondent's level (the unanimity guard): withheld, with a complement; the share still says 100%.
    other = benchmark.areas[1]
    assert other.all.respondents == 12 and other.all.current.counts[2] is None and other.all.current.median is None
    assert other.all.current.share == 100 and other.all.target.median is None


def test_the_median_from_grouped_counts_is_the_same_on_every_database(round_with_councils, nps):
    # Computed in Python from the database's counts, so SQLite and PostgreSQL agree by construction;
    # this test runs on both (DATABASE_URL) and checks the value.
    area = selectors.live_benchmark(round_with_councils).area(first_area(nps).key)
    assert (area.all.current.lower_quartile, area.all.current.median, area.all.current.upper_quartile) == (2, 3, 3)


def test_invited_organisations_that_did_not_submit_are_not_counted(round_with_councils, nps, councils):
    Participant.objects.filter(round=round_with_councils, organisation=councils[0][0]).update(
        status=Participant.Status.DECLINED, assessment=None, decline_reason="resources"
    )
    assert selectors.live_benchmark(round_with_councils).areas[0].all.respondents == 11


def test_an_assessment_reopened_after_submission_drops_out_until_signed_off_again(round_with_councils, councils):
    Assessment.objects.filter(pk=councils[0][1].pk).update(status=Assessment.Status.IN_PROGRESS)
    assert selectors.live_benchmark(round_with_councils).areas[0].all.respondents == 11


def test_areas_not_applicable_to_a_type_leave_its_councils_out(round_with_councils, nps):
    area = first_area(nps)
    Area.objects.filter(pk=area.pk).update(not_applicable_to=["district"])
    result = selectors.live_benchmark(round_with_councils).area(area.key)
    assert result.all.respondents == 7 and result.find("type", "district") is None


def test_a_groups_own_areas_are_left_out(round_with_councils, nps, councils):
    group = Group.objects.create(slug="london-hub", name="London hub", kind=Group.Kind.CONSORTIUM)
    variant = Framework.objects.create(
        key="nps-london",
        version="2018",
        title="London variant",
        levels=nps.levels,
        status=Framework.Status.PUBLISHED,
        group=group,
        extends=nps,
    )
    section = Section.objects.create(framework=variant, key="priorities", title="Priorities", kind="theme", position=1)
    own = Area.objects.create(
        framework=variant,
        section=section,
        key="ethical-procurement",
        title="Ethical procurement",
        descriptors=[],
        position=1,
    )
    Response.objects.create(assessment=councils[0][1], area=own, current_level=5, target_level=5)
    benchmark = selectors.live_benchmark(round_with_councils)
    assert benchmark.area("ethical-procurement") is None
    assert [a.key for a in benchmark.areas] == list(nps.areas.order_by("position").values_list("key", flat=True))


def test_figures_by_group_come_from_group_membership(round_with_councils, councils, nps):
    group = Group.objects.create(slug="thames-hub", name="Thames procurement hub", kind=Group.Kind.CONSORTIUM)
    for organisation, _ in councils[4:10]:  # three London boroughs and three South East districts
        GroupMember.objects.create(group=group, organisation=organisation, accepted_at=timezone.now())
    result = selectors.live_benchmark(round_with_councils).areas[1]
    population = result.find("group", str(group.pk))
    assert population.label == "Thames procurement hub" and population.respondents == 6


def test_a_group_that_differs_from_a_region_by_fewer_than_five_is_withheld(round_with_councils, councils):
    group = Group.objects.create(slug="most-of-london", name="Most of London", kind=Group.Kind.CONSORTIUM)
    for organisation, _ in councils[:5]:  # London has 7 respondents: 7 - 5 = 2 would be revealed
        GroupMember.objects.create(group=group, organisation=organisation, accepted_at=timezone.now())
    result = selectors.live_benchmark(round_with_councils).areas[1]
    assert result.find("group", str(group.pk)).respondents is None


def test_the_change_since_the_previous_published_round_is_shown_for_each_area(
    nps, admin, councils, round_with_councils
):
    earlier = make_round(
        nps,
        [o for o, _ in councils],
        user=admin,
        name="Review 2025",
        opens_on=TODAY - 400 * day,
        closes_on=TODAY - 380 * day,
    )
    for organisation, _ in councils:
        user = organisation.memberships.first().user
        level = 2 if len(earlier.participants.filter(status="submitted")) < 7 else 3
        submit(
            earlier,
            organisation,
            signed_off(organisation, nps, user, current=2, target=3, levels={first_area(nps).key: (level, 4)}),
        )
    services.publish_round(round_=earlier, user=admin, today=TODAY)
    benchmark = selectors.live_benchmark(round_with_councils)
    assert benchmark.previous_round == "Review 2025"
    first = benchmark.area(first_area(nps).key)
    assert first.change.median == 1  # seven at 2 and five at 3 then (median 2); median 3 now
    # Everyone at one level (at 2 then, at 3 now) shows no median, so no change in the median.
    assert benchmark.areas[1].change.median is None


def test_published_figures_do_not_change_when_an_assessment_changes_afterwards(
    round_with_councils, admin, councils, nps
):
    services.close_round(round_=round_with_councils)
    services.publish_round(round_=round_with_councils, user=admin, today=TODAY)
    Response.objects.filter(assessment=councils[0][1]).update(current_level=5)  # was 1 in the first area
    published = selectors.published_results(round_with_councils)
    from maturity.benchmarks import serialise

    assert serialise.from_data(published.figures).area(first_area(nps).key).all.current.at_or_above == 7


def test_the_csv_states_the_round_framework_version_and_rule_and_marks_withheld_figures(
    client, round_with_councils, admin, nps
):
    services.close_round(round_=round_with_councils)
    services.publish_round(round_=round_with_councils, user=admin, today=TODAY)
    response = client.get(reverse("benchmarks:results-csv", args=[round_with_councils.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    first = rows[0]
    assert (first["round"], first["framework"], first["framework_version"]) == (round_with_councils.name, "nps", "2018")
    assert "fewer than 5" in first["suppression"]
    all_current = next(
        r
        for r in rows
        if r["area_key"] == first_area(nps).key and r["dimension"] == "all" and r["measure"] == "current"
    )
    assert all_current["respondents"] == "12" and all_current["level_1_minimum"] == "[c]"
    assert all_current["median_level"] == "3"


def test_the_json_gives_withheld_figures_as_null_with_the_rule(client, round_with_councils, admin, nps):
    services.close_round(round_=round_with_councils)
    services.publish_round(round_=round_with_councils, user=admin, today=TODAY)
    document = json.loads(client.get(reverse("benchmarks:results-json", args=[round_with_councils.pk])).content)
    assert document["framework"] == {"key": "nps", "version": "2018", "title": nps.title}
    assert document["suppression"]["minimum"] == 5 and document["threshold"] == {"level": 3, "name": "Mature"}
    area = document["areas"][0]
    assert area["populations"][0]["current"]["counts"]["1"] is None
    assert area["populations"][0]["respondents"] == 12


def test_the_results_page_shows_the_heatmap_with_numbers_and_level_names(client, round_with_councils, admin):
    services.close_round(round_=round_with_councils)
    services.publish_round(round_=round_with_councils, user=admin, today=TODAY)
    page = client.get(reverse("benchmarks:results", args=[round_with_councils.pk])).content.decode()
    assert "Median current level by region and area" in page
    assert contains_html(page, '<span class="app-heat__number">3</span> <span class="app-heat__name">Mature</span>')
    assert "Key to the shades" in page


# --- The number of queries does not grow with the number of organisations -------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages(round_: Round, organisation, assessment) -> dict[str, str]:
    area = round_.framework.areas.order_by("position").first()
    slug = organisation.slug
    return {
        "round": reverse("benchmarks:round", args=[round_.pk]),
        "responses": reverse("benchmarks:responses", args=[round_.pk]),
        "open": reverse("benchmarks:open-round", args=[round_.pk]),
        "publish": reverse("benchmarks:publish-round", args=[round_.pk]),
        "results": reverse("benchmarks:results", args=[round_.pk]),
        "area": reverse("benchmarks:area", kwargs={"round_id": round_.pk, "area_key": area.key}),
        "csv": reverse("benchmarks:results-csv", args=[round_.pk]),
        "json": reverse("benchmarks:results-json", args=[round_.pk]),
        "organisation rounds": reverse("benchmarks:organisation-rounds", kwargs={"slug": slug}),
        "submit": reverse("benchmarks:submit", kwargs={"slug": slug, "round_id": round_.pk}),
        "decline": reverse("benchmarks:decline", kwargs={"slug": slug, "round_id": round_.pk}),
        "assessment results": reverse("assessments:results", kwargs={"slug": slug, "pk": assessment.pk}),
    }


def test_every_page_makes_as_many_queries_for_1000_organisations_as_for_10(client, nps, admin):
    rounds = {}
    for size in (10, 1000):
        councils = bulk_councils(nps, size, prefix=f"Size{size}")
        group = Group.objects.create(slug=f"group-{size}", name=f"Group {size}", kind=Group.Kind.CONSORTIUM)
        GroupMember.objects.bulk_create(
            [GroupMember(group=group, organisation=o, accepted_at=timezone.now()) for o in councils[::2]]
        )
        round_ = bulk_round(nps, councils, name=f"Round {size}", opens_on=TODAY - 30 * day, closes_on=TODAY + day)
        make_member(councils[0], Role.LEAD, f"Lead {size}")
        rounds[size] = (round_, councils[0], Assessment.objects.get(organisation=councils[0]))
    client.force_login(admin)
    legal.current_framework()  # the beta banner's framework, read once and kept in the shared cache
    live = {
        size: {
            name: count_queries(client, url)
            for name, url in pages(*rounds[size]).items()
            if name not in {"organisation rounds", "submit", "decline", "assessment results"}
        }
        for size in rounds
    }
    assert live[10] == live[1000]
    for round_, _organisation, _ in rounds.values():
        Round.objects.filter(pk=round_.pk).update(closes_on=TODAY - day)
        round_.refresh_from_db()
        services.publish_round(round_=round_, user=admin, today=TODAY)
    published = {}
    for size, (round_, organisation, assessment) in rounds.items():
        client.force_login(organisation.memberships.get(role=Role.LEAD).user)
        published[size] = {
            name: count_queries(client, url)
            for name, url in pages(round_, organisation, assessment).items()
            if name not in {"round", "responses", "open", "publish"}
        }
    assert published[10] == published[1000]
    client.logout()
    anonymous = {
        size: count_queries(client, reverse("benchmarks:results", args=[rounds[size][0].pk])) for size in rounds
    }
    assert anonymous[10] == anonymous[1000]
