"""A group's variant: the group's own areas, validated by the framework's schema and rules,
published as a Framework of the group that extends the national one; members' new assessments
include its areas, and the national framework's own areas are untouched."""

from __future__ import annotations

import copy

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import AssessmentError, start_assessment
from maturity.frameworks import loader
from maturity.frameworks.models import Framework
from maturity.groups import services
from tests.frameworks import versions
from tests.groups.conftest import join
from tests.html import text_of

pytestmark = pytest.mark.django_db
OWN = ("green-procurement", "green-ethical-sourcing")


def upload(client, nps, document, slug="test-consortium"):
    content = yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()
    return client.post(
        f"/groups/{slug}/variant/", {"extends": nps.pk, "variant_file": SimpleUploadedFile("areas.yaml", content)}
    )


@pytest.fixture
def published_variant(consortium, nps):
    draft = services.upload_variant(group=consortium, extends=nps, document=versions.group_areas()).framework
    return services.publish_variant(draft=draft)


def test_a_lead_uploads_checks_and_publishes_the_groups_areas(client, consortium, group_lead, nps):
    client.force_login(group_lead)
    response = upload(client, nps, versions.group_areas())
    assert response.status_code == 302
    draft = consortium.variants.get()
    assert (draft.status, draft.extends, draft.group) == (Framework.Status.DRAFT, nps, consortium)
    assert draft.ref == "nps-test-consortium@2018.1" and draft.levels == nps.levels
    page = client.get("/groups/test-consortium/variant/").content.decode()
    assert "Draft: Regional priorities" in page and "Green procurement: descriptor at level 5." in page
    assert (
        "Are you sure you want to publish the group's areas?"
        in client.get("/groups/test-consortium/variant/publish/").content.decode()
    )
    assert client.post("/groups/test-consortium/variant/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Framework.Status.PUBLISHED and draft.published_at is not None
    assert [a.key for a in draft.areas.order_by("position")] == list(OWN)
    assert min(draft.areas.values_list("position", flat=True)) > max(nps.areas.values_list("position", flat=True))


def test_members_new_assessments_include_the_groups_areas_alongside_the_national_ones(
    published_variant, consortium, nps, camden, lead, manchester, outsider
):
    join(consortium, camden)
    ours = start_assessment(organisation=camden, framework=nps, title="With the group's areas", user=lead)
    theirs = start_assessment(organisation=manchester, framework=nps, title="National only", user=outsider)
    keys = [r.area.key for r in ours.responses.select_related("area").order_by("area__position")]
    assert keys[-2:] == list(OWN) and len(keys) == nps.areas.count() + 2
    assert theirs.responses.count() == nps.areas.count()
    # National benchmarks filter on the round's framework, so the group's areas are left out.
    assert Response.objects.filter(assessment=ours, area__framework=nps).count() == nps.areas.count()


def test_an_upload_that_is_not_valid_lists_every_problem_and_saves_nothing(client, consortium, group_lead, nps):
    document = versions.group_areas()
    first, second = document["sections"][0]["areas"]
    first["key"] = "engaging-councillors"
    del second["description"]
    second["levels"].pop()
    second["replaces"] = ["developing-talent"]
    client.force_login(group_lead)
    page = upload(client, nps, document).content.decode()
    assert "The file has 4 problems: see the list" in page
    text = text_of(page)
    assert (
        "Section 1 “Regional priorities”, area 1 “Green procurement”, key: 'engaging-councillors' is an area of "
        "nps@2018 already"
    ) in text
    assert "Section 1 “Regional priorities”, area 2 “Ethical sourcing”: a group's area needs a description" in text
    assert (
        "Section 1 “Regional priorities”, area 2 “Ethical sourcing”, levels: needs one descriptor for each level [1, 2, 3, 4, 5] in order"
        in page
    )
    assert (
        "Section 1 “Regional priorities”, area 2 “Ethical sourcing”, replaces: a group's area adds to the "
        "framework and cannot replace its areas"
    ) in text
    assert not consortium.variants.exists()


def test_a_whole_framework_file_is_not_a_groups_areas(consortium, nps):
    problems = loader.validate_variant(versions.bundled(), group=consortium, extends=nps)
    assert any("Additional properties are not allowed" in p for p in problems)


def test_each_area_needs_help(consortium, nps):
    document = versions.group_areas()
    del document["sections"][0]["areas"][1]["what_it_is"]
    assert loader.validate_variant(document, group=consortium, extends=nps) == [
        "Section 1 “Regional priorities”, area 2 “Ethical sourcing”: a group's area needs help: what_it_is, why_it_matters or both"
    ]


def test_two_groups_cannot_use_the_same_area_key(published_variant, other_group, nps):
    problems = loader.validate_variant(versions.group_areas(), group=other_group, extends=nps)
    assert (
        "Section 1 “Regional priorities”, area 1 “Green procurement”, key: 'green-procurement' is an area of Test Consortium's variant: give it a key of your own, such as 'other-hub-green-procurement'"
        in problems
    )
    assert loader.validate_variant(versions.group_areas("hub"), group=other_group, extends=nps) == []


def test_publishing_new_areas_retires_the_old_ones_and_assessments_keep_theirs(
    published_variant, consortium, nps, camden, lead
):
    join(consortium, camden)
    before = start_assessment(organisation=camden, framework=nps, title="Before", user=lead)
    document = versions.group_areas()
    document["sections"][0]["areas"].pop()
    draft = services.upload_variant(group=consortium, extends=nps, document=document).framework
    assert draft.version == "2018.2" and draft.follows == published_variant
    services.publish_variant(draft=draft)
    published_variant.refresh_from_db()
    assert published_variant.status == Framework.Status.RETIRED
    Assessment.objects.filter(pk=before.pk).update(status=Assessment.Status.SIGNED_OFF)  # one draft at a time
    after = start_assessment(organisation=camden, framework=nps, title="After", user=lead)
    assert before.responses.filter(area__key=OWN[1]).exists()
    assert not after.responses.filter(area__key=OWN[1]).exists() and after.responses.filter(area__key=OWN[0]).exists()


def test_uploading_again_updates_the_draft(consortium, nps):
    first = services.upload_variant(group=consortium, extends=nps, document=versions.group_areas())
    changed = copy.deepcopy(versions.group_areas())
    changed["title"] = "Renamed priorities"
    second = services.upload_variant(group=consortium, extends=nps, document=changed)
    assert (first.outcome, second.outcome) == ("created", "updated")
    assert consortium.variants.get().title == "Renamed priorities"


def test_a_variant_is_not_assessed_on_its_own_nor_shown_as_a_national_framework(
    client, published_variant, camden, lead
):
    with pytest.raises(AssessmentError, match="assessed with the framework it extends"):
        start_assessment(organisation=camden, framework=published_variant, title="Alone", user=lead)
    assert client.get(f"/framework/{published_variant.key}/{published_variant.version}/").status_code == 404
    assert client.get("/framework/")["Location"] == "/framework/nps/2018/"


def test_a_variant_cannot_be_changed_through_the_national_loader(published_variant):
    document = loader.export(published_variant)
    with pytest.raises(loader.FrameworkError, match="is the variant of a group"):
        loader.load(document)


def test_only_a_published_national_framework_can_be_extended(consortium, draft_2019):
    with pytest.raises(loader.FrameworkError, match="nps@2019 is not a published national framework"):
        services.upload_variant(group=consortium, extends=draft_2019, document=versions.group_areas())


def test_the_groups_own_areas_can_have_targets_and_show_on_the_dashboard(
    client, published_variant, consortium, group_lead, nps
):
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/targets/").content.decode()
    assert "Regional priorities" in page and "Green procurement" in page
    client.post("/groups/test-consortium/targets/", {"green-procurement": "4"})
    assert consortium.targets.get().area_key == "green-procurement"
    page = client.get("/groups/test-consortium/").content.decode()
    assert "Green procurement" in page and "4 – Leader" in page
