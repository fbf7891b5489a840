"""The crosswalk carries an organisation's trend across versions of the framework."""

from __future__ import annotations

import pytest

from maturity.frameworks import crosswalk, loader, selectors
from maturity.frameworks.crosswalk import VersionAreas
from tests.frameworks import versions

V1 = VersionAreas("2018", {"kept": (), "risk": (), "dropped": (), "a": (), "b": ()})
V2 = VersionAreas(
    "2019", {"kept": (), "supply-risk": ("risk",), "climate-risk": ("risk",), "ab": ("a", "b"), "new": ()}
)
V3 = VersionAreas("2020", {"kept": (), "supply-risk": (), "all-risk": ("climate-risk",), "ab": ()})


def test_an_area_keeping_its_key_continues_its_own_trend():
    assert crosswalk.lineage([V1, V2])["kept"] == {"kept"}


def test_a_split_area_carries_the_old_trend_into_both_new_areas():
    lineage = crosswalk.lineage([V1, V2])
    assert lineage["supply-risk"] == lineage["climate-risk"] == {"risk"}


def test_a_merged_area_carries_both_old_trends():
    assert crosswalk.lineage([V1, V2])["ab"] == {"a", "b"}


def test_a_new_area_starts_a_trend_of_its_own():
    assert crosswalk.lineage([V1, V2])["new"] == set()


def test_the_lineage_goes_back_through_every_version():
    lineage = crosswalk.lineage([V1, V2, V3])
    assert lineage["all-risk"] == {"climate-risk", "risk"}
    assert lineage["supply-risk"] == {"supply-risk", "risk"}
    assert crosswalk.trend_key_map([V1, V2, V3])["ab"] == frozenset({"ab", "a", "b"})


def test_an_area_removed_without_a_replacement_ends_its_trend_with_its_last_version():
    assert crosswalk.ended_trends([V1, V2, V3]) == {"dropped": "2018", "new": "2019"}


def test_the_trend_level_prefers_the_areas_own_key_then_the_lowest_of_those_it_replaced():
    key_map = crosswalk.trend_key_map([V1, V2])
    assert crosswalk.trend_level({"ab": 4, "a": 1}, "ab", key_map) == 4
    assert crosswalk.trend_level({"a": 3, "b": 2}, "ab", key_map) == 2
    assert crosswalk.trend_level({"risk": 3}, "climate-risk", key_map) == 3
    assert crosswalk.trend_level({"risk": 3}, "new", key_map) is None
    assert crosswalk.trend_level({}, "not-in-the-map", key_map) is None


def test_no_versions_no_lineage():
    assert crosswalk.lineage([]) == {}


@pytest.mark.django_db
def test_a_councils_trend_carries_across_a_replaced_area(nps, camden, lead):
    """Camden signs off on 2018, then starts on 2019: its level in the retired area is the start
    of the trend of both areas that replaced it."""
    from maturity.assessments.models import Response
    from maturity.assessments.services import start_assessment
    from maturity.frameworks import services

    earlier = start_assessment(organisation=camden, framework=nps, title="2018", user=lead)
    earlier.responses.filter(area__key=versions.RETIRED).update(current_level=3)
    nps_2019 = services.publish(loader.load(versions.nps_2019(), status="draft").framework, retire_followed=True)
    later = start_assessment(organisation=camden, framework=nps_2019, title="2019", user=lead)

    key_map = selectors.trend_key_map(nps_2019)
    levels = dict(Response.objects.filter(assessment=earlier).values_list("area__key", "current_level"))
    for key in versions.SPLIT_INTO:
        assert selectors.lineage(nps_2019)[key] == {versions.RETIRED}
        assert crosswalk.trend_level(levels, key, key_map) == 3
    assert {r.area.key for r in later.responses.all()} >= set(versions.SPLIT_INTO)
    assert not later.responses.filter(area__key=versions.RETIRED).exists()
    assert [v.version for v in selectors.version_chain(nps_2019)] == ["2018", "2019"]
