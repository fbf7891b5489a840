"""Which indicators speak to which areas: a data file, checked against the framework."""

from __future__ import annotations

import pytest
import yaml

from maturity.evidence import areas
from maturity.evidence.indicators import DEFINITIONS
from maturity.frameworks import loader


def test_every_area_in_the_mapping_is_an_area_of_the_bundled_framework():
    document = loader.read(loader.bundled_path())
    keys = {area["key"] for section in document["sections"] for area in section["areas"]}
    mapping = areas.mapping()
    assert document["key"] in mapping
    assert set(mapping[document["key"]]) <= keys
    assert set(mapping[document["key"]]) >= {
        "engaging-local-smes",
        "enabling-vcse-engagement",
        "obtaining-social-value",
        "managing-contracts-and-relationships",
        "exploiting-digital-technology",
    }


def test_every_indicator_speaks_to_some_area():
    used = {key for keys in areas.mapping()["nps"].values() for key in keys}
    assert used == set(DEFINITIONS)


def test_a_faulty_mapping_is_refused():
    with pytest.raises(areas.MappingError, match="unknown indicator 'made-up'"):
        areas.parse({"frameworks": {"nps": {"made-up": ["engaging-local-smes"]}}})
    with pytest.raises(areas.MappingError, match="is not an area key"):
        areas.parse({"frameworks": {"nps": {"awards": ["Engaging SMEs"]}}})
    with pytest.raises(areas.MappingError):
        areas.parse(yaml.safe_load("frameworks: [nps]"))


def test_a_variant_uses_the_areas_it_shares_with_the_framework_it_extends():
    assert areas.indicators_for("my-group", "engaging-local-smes", extends="nps") == areas.indicators_for(
        "nps", "engaging-local-smes"
    )
    assert areas.indicators_for("nps", "no-such-area") == ()
