"""Framework versions: draft, published, retired; a published version is superseded, never edited."""

from __future__ import annotations

import copy

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maturity.assessments.services import AssessmentError, start_assessment
from maturity.frameworks import loader, services
from maturity.frameworks.models import Area, Framework
from tests.factories import make_member, make_organisation
from tests.frameworks import versions

pytestmark = pytest.mark.django_db


def problems_of(document):
    return loader.validate(document)


# --- validating follows, replaces and not_applicable_to --------------------------------------------


def test_a_new_version_names_the_version_it_follows_and_the_areas_it_replaces(draft_2019, nps):
    assert draft_2019.status == Framework.Status.DRAFT and draft_2019.follows == nps
    for key in versions.SPLIT_INTO:
        assert draft_2019.areas.get(key=key).replaces == [versions.RETIRED]
    assert draft_2019.areas.get(key=versions.NOT_FOR_COMBINED).not_applicable_to == ["combined-authority"]
    exported = loader.export(draft_2019)
    assert exported["follows"] == "2018"
    assert loader.load(exported).outcome == "unchanged"


def test_follows_must_name_a_loaded_version_of_the_same_framework(nps):
    document = versions.nps_2019()
    document["follows"] = "2017"
    assert problems_of(document) == ["follows: nps@2017 is not loaded: load the version this one follows first"]
    document["follows"] = "2019"
    assert problems_of(document) == ["follows: a version cannot follow itself (nps@2019)"]


def test_a_replaced_area_must_be_an_area_of_the_followed_version(nps):
    document = versions.nps_2019()
    versions.area_in(document, versions.SPLIT_INTO[0])["replaces"] = [versions.RETIRED, "no-such-area"]
    [problem] = problems_of(document)
    assert problem.endswith(", replaces, item 2: 'no-such-area' is not an area of nps@2018")
    assert problem.startswith("Section 2 “")


def test_replacing_areas_needs_a_version_to_follow(nps):
    document = versions.nps_2019()
    del document["follows"]
    problems = problems_of(document)
    assert len(problems) == 2 and all("only a version that follows another can replace areas" in p for p in problems)


def test_not_applicable_types_must_be_organisation_types(nps):
    document = versions.nps_2019()
    versions.area_in(document, versions.NOT_FOR_COMBINED)["not_applicable_to"] = ["combined-authority", "parish"]
    [problem] = problems_of(document)
    assert ", not applicable to, item 2: 'parish' is not an organisation type: use county, district" in problem


def test_nothing_is_written_when_a_version_is_refused(nps):
    document = versions.nps_2019()
    document["follows"] = "2017"
    with pytest.raises(loader.FrameworkError):
        loader.load(document, status="draft")
    assert list(Framework.objects.values_list("version", flat=True)) == ["2018"]


# --- a published version cannot be edited, only superseded -------------------------------------------


def changed(document):
    document = copy.deepcopy(document)
    document["sections"][0]["areas"][0]["title"] = "Renamed in place"
    return document


def test_a_published_version_cannot_be_edited_only_superseded(nps):
    with pytest.raises(
        loader.FrameworkError,
        match=r'nps@2018 is published, so its content cannot change: load the changes as a new version \(a new `version:`, with `follows: "2018"`\)',
    ):
        loader.load(changed(versions.bundled()))
    assert not Area.objects.filter(title="Renamed in place").exists()
    superseding = changed(versions.nps_2019())
    result = loader.load(superseding, status="draft")
    assert result.outcome == "created" and result.framework.areas.filter(title="Renamed in place").exists()
    assert nps.areas.get(key="engaging-councillors").title == "Engaging councillors"


def test_a_retired_version_cannot_be_edited_either(nps_2019):
    assert Framework.objects.get(version="2018").status == Framework.Status.RETIRED
    with pytest.raises(loader.FrameworkError, match="nps@2018 is retired, so its content cannot change"):
        loader.load(changed(versions.bundled()))


def test_a_draft_changes_until_it_is_published(draft_2019):
    assert loader.load(changed(versions.nps_2019()), status="draft").outcome == "updated"
    services.publish(draft_2019)
    with pytest.raises(loader.FrameworkError, match="nps@2019 is published, so its content cannot change"):
        loader.load(versions.nps_2019())


def test_a_published_version_does_not_go_back_to_draft(nps):
    with pytest.raises(loader.FrameworkError, match="nps@2018 is published, so it cannot become a draft again"):
        loader.load(versions.bundled(), status="draft")
    with pytest.raises(loader.FrameworkError, match="retire it with `maturity framework retire nps@2018`"):
        loader.load(versions.bundled(), status="retired")
    assert Framework.objects.get(pk=nps.pk).status == Framework.Status.PUBLISHED


def test_a_version_following_a_draft_cannot_be_loaded_as_published(draft_2019):
    document = versions.nps_2019()
    document.update(version="2020", follows="2019")
    for area in (a for s in document["sections"] for a in s["areas"]):
        area.pop("replaces", None)
    with pytest.raises(loader.FrameworkError, match="nps@2019 is a draft: publish it before a version that follows it"):
        loader.load(document, status="published")
    assert not Framework.objects.filter(version="2020").exists()


def test_publishing_stamps_the_date_and_can_retire_the_version_followed(draft_2019, nps):
    published = services.publish(draft_2019, retire_followed=True)
    assert published.status == Framework.Status.PUBLISHED and published.published_at is not None
    nps.refresh_from_db()
    assert nps.status == Framework.Status.RETIRED and nps.retired_at is not None
    with pytest.raises(loader.FrameworkError, match="only a draft can be published"):
        services.publish(published)


def test_publishing_keeps_the_followed_version_published_when_asked(draft_2019, nps):
    services.publish(draft_2019, retire_followed=False)
    nps.refresh_from_db()
    assert nps.status == Framework.Status.PUBLISHED


def test_a_version_following_a_draft_waits_for_it(draft_2019):
    document = versions.nps_2019()
    document.update(version="2020", follows="2019")
    for area in (a for s in document["sections"] for a in s["areas"]):
        area.pop("replaces", None)
    draft_2020 = loader.load(document, status="draft").framework
    with pytest.raises(loader.FrameworkError, match="follows nps@2019, which is a draft: publish nps@2019 first"):
        services.publish(draft_2020)


def test_only_published_versions_start_new_assessments(draft_2019, nps, camden, lead):
    with pytest.raises(AssessmentError, match="Only a published framework"):
        start_assessment(organisation=camden, framework=draft_2019, title="Too soon", user=lead)
    kept = start_assessment(organisation=camden, framework=nps, title="2018", user=lead)
    services.publish(draft_2019, retire_followed=True)
    with pytest.raises(AssessmentError, match="Only a published framework"):
        start_assessment(organisation=camden, framework=Framework.objects.get(pk=nps.pk), title="Too late", user=lead)
    assert camden.assessments.get(pk=kept.pk).framework_id == nps.pk  # the retired version keeps its assessments
    assert start_assessment(
        organisation=camden, framework=Framework.objects.get(pk=draft_2019.pk), title="2019", user=lead
    )


def test_a_draft_can_be_deleted_but_not_a_published_version(draft_2019, nps):
    with pytest.raises(loader.FrameworkError, match="not a draft"):
        services.discard_draft(nps)
    services.discard_draft(draft_2019)
    assert not Framework.objects.filter(version="2019").exists()


# --- areas not applicable to some types of organisation ---------------------------------------------


def test_new_assessments_leave_out_areas_not_applicable_to_the_organisations_type(nps_2019, camden, lead):
    authority = make_organisation(
        "Greater Manchester Combined Authority", type="combined-authority", region="North West"
    )
    authority_lead = make_member(authority, "lead")
    theirs = start_assessment(organisation=authority, framework=nps_2019, title="2019", user=authority_lead)
    ours = start_assessment(organisation=camden, framework=nps_2019, title="2019", user=lead)
    assert not theirs.responses.filter(area__key=versions.NOT_FOR_COMBINED).exists()
    assert ours.responses.filter(area__key=versions.NOT_FOR_COMBINED).exists()
    assert ours.responses.count() == theirs.responses.count() + 1 == nps_2019.areas.count()


# --- the command line ---------------------------------------------------------------------------------


def test_the_command_line_loads_a_draft_compares_publishes_and_retires(nps, tmp_path, capsys):
    path = versions.write_yaml(versions.nps_2019(), tmp_path)
    call_command("framework", "load", str(path), "--status", "draft")
    assert "nps@2019: created (draft)" in capsys.readouterr().out
    call_command("framework", "diff", "nps@2018", "nps@2019")
    out = capsys.readouterr().out
    assert out.startswith("Changes from nps@2018 to nps@2019")
    assert f"managing-supply-chain-risk (Managing supply chain risk) replaces {versions.RETIRED}" in out
    assert f"{versions.RENAMED}: Engaging local small [-medium-] {{+and medium-sized+}} enterprises (SMEs)" in out
    assert "Level 3 – Mature: [-" in out
    assert (
        "{+Councillors are briefed+} on [-some projects.-] {+procurement every year and a named cabinet member leads on it.+}"
        in out
    )
    assert f"{versions.NOT_FOR_COMBINED}: no longer applies to combined authorities" in out
    call_command("framework", "publish", "nps@2019", "--retire-followed")
    assert "nps@2019: published; nps@2018 retired" in capsys.readouterr().out
    call_command("framework", "list")
    listing = capsys.readouterr().out
    assert "nps@2018\tretired" in listing and "nps@2019\tpublished" in listing and "(follows 2018)" in listing
    call_command("framework", "retire", "nps@2019")
    assert "nps@2019: retired" in capsys.readouterr().out
    with pytest.raises(CommandError, match="only a published version can be retired"):
        call_command("framework", "retire", "nps@2019")


def test_the_command_line_refuses_to_change_a_published_version(nps, tmp_path):
    path = versions.write_yaml(changed(versions.bundled()), tmp_path, "changed.yaml")
    with pytest.raises(CommandError, match="nps@2018 is published, so its content cannot change"):
        call_command("framework", "load", str(path))
