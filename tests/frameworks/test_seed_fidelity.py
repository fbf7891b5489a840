"""The NPS 2018 framework data is the strategy's own text: nothing lost, cut, changed or moved.

Plain pytest, no Django and no database. The seed (the text extracted from the strategy's PDF)
sits outside the repository. When it is absent the seed-based tests are skipped, not failed.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tests.frameworks.seed_fidelity import (
    check_framework,
    flatten,
    normalise,
    seed_path,
    seed_text,
)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "maturity" / "frameworks" / "data" / "nps-2018.yaml"


@pytest.fixture(scope="module")
def seed() -> str:
    text = seed_text()
    if text is None:
        pytest.skip(
            f"NPS 2018 seed text not found at {seed_path()} (set NPS_SEED to its path); "
            "cannot compare the framework with the strategy"
        )
    return text


@pytest.fixture(scope="module")
def framework() -> dict:
    with DATA.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def altered(framework) -> dict:
    """A private copy to damage in a test."""
    return copy.deepcopy(framework)


def area(framework: dict, key: str) -> dict:
    return next(a for s in framework["sections"] for a in s["areas"] if a["key"] == key)


def descriptor(framework: dict, key: str, number: int):
    return area(framework, key)["levels"][number - 1]["descriptor"]


def set_descriptor(framework: dict, key: str, number: int, value) -> None:
    area(framework, key)["levels"][number - 1]["descriptor"] = value


# --- the data itself -------------------------------------------------------------------------


def test_the_framework_is_a_faithful_transcription_of_the_strategy(framework, seed):
    problems = check_framework(framework, seed)
    assert problems == [], "\n".join(problems)


def test_the_framework_has_ten_key_areas_over_three_themes_and_four_enablers(framework):
    themes = [s for s in framework["sections"] if s["kind"] == "theme"]
    enablers = [s for s in framework["sections"] if s["kind"] == "enablers"]
    assert [s["title"] for s in themes] == [
        "Showing leadership",
        "Behaving commercially",
        "Achieving community benefits",
    ]
    assert [len(s["areas"]) for s in themes] == [4, 3, 3]
    assert [a["title"] for a in enablers[0]["areas"]] == [
        "Developing talent",
        "Exploiting digital technology",
        "Enabling innovation",
        "Embedding change",
    ]
    assert [lv["name"] for lv in framework["levels"]] == ["Minimum", "Developing", "Mature", "Leader", "Innovator"]
    for section in framework["sections"]:
        for a in section["areas"]:
            assert [lv["number"] for lv in a["levels"]] == [1, 2, 3, 4, 5], a["key"]


def test_enablers_carry_only_level_descriptors(framework):
    enablers = next(s for s in framework["sections"] if s["kind"] == "enablers")
    for a in enablers["areas"]:
        assert not {"description", "what_it_is", "why_it_matters"} & set(a), a["key"]


# --- the checker catches faults --------------------------------------------------------------


@pytest.mark.parametrize(
    "key, first, second",
    [("engaging-councillors", 2, 3), ("managing-strategic-risk", 4, 5), ("exploiting-digital-technology", 4, 5)],
)
def test_it_detects_a_descriptor_moved_to_another_level(altered, seed, key, first, second):
    a, b = descriptor(altered, key, first), descriptor(altered, key, second)
    set_descriptor(altered, key, first, b)
    set_descriptor(altered, key, second, a)
    assert any("out of place" in p for p in check_framework(altered, seed))


def test_it_detects_a_paragraph_moved_to_the_next_level(altered, seed):
    # The text stays in order; only the boundary between Mature and Leader moves.
    mature = descriptor(altered, "creating-commercial-opportunities", 3)
    leader = descriptor(altered, "creating-commercial-opportunities", 4)
    set_descriptor(altered, "creating-commercial-opportunities", 3, mature[0])
    set_descriptor(altered, "creating-commercial-opportunities", 4, [mature[1], *leader])
    assert check_framework(altered, seed)


def test_it_detects_a_cell_attributed_to_the_level_above(altered, seed):
    # Mature's second paragraph relabelled as the whole Leader cell (Leader's own text dropped).
    mature = descriptor(altered, "creating-commercial-opportunities", 3)
    set_descriptor(altered, "creating-commercial-opportunities", 3, mature[0])
    set_descriptor(altered, "creating-commercial-opportunities", 4, mature[1])
    problems = check_framework(altered, seed)
    assert any("does not begin right after the seed's “Leader” heading" in p for p in problems), problems


# The enabler tables print the level names once, as a header row, so the seed cannot show where
# one level's cell ends and the next begins. The data file records each boundary decision in a
# comment. This pins those decisions, so a change has to be deliberate: update the YAML comments
# and this table together.
ENABLER_LEVELS_START_WITH = {
    "developing-talent": [
        "Recruits staff with appropriate experience/professional qualifications (eg CIPS).",
        "Recruits staff with appropriate experience/professional qualifications and responds",
        "Service plan includes support",
        "Planned approach to talent development",
        "Planned talent development (as for Leader)",
    ],
    "exploiting-digital-technology": [
        "Basic purchase ordering functionality",
        "Use of an integrated Procure to Pay (P2P) system in conjunction with online ordering for all services/products. May",
        "Use of an integrated Procure to Pay (P2P) system in conjunction with online ordering for all services/products fully",
        "Access and interaction to all of the above",
        "Mobile applications designed for supplier",
    ],
    "enabling-innovation": [
        "Ability to capture and harness",
        "Innovation only considered",
        "Outcomes based on procurement",
        "Innovative procurement approaches",
        "Procurement challenges and innovative potential solutions",
    ],
    "embedding-change": [
        "Success depends on individuals",
        "New approaches and ideas",
        "Procurement change comprehensively applied",
        "Senior leaders recognise",
        "Lessons learned shared",
    ],
}


@pytest.mark.parametrize("key", sorted(ENABLER_LEVELS_START_WITH))
def test_enabler_level_boundaries_are_the_recorded_decisions(framework, key):
    starts = [flatten(level["descriptor"]) for level in area(framework, key)["levels"]]
    for number, (text, expected) in enumerate(zip(starts, ENABLER_LEVELS_START_WITH[key]), start=1):
        assert text.startswith(expected), f"{key} level {number}: {text[:80]!r}"


@pytest.mark.parametrize(
    "key, number, words",
    [("managing-strategic-risk", 5, 2), ("engaging-councillors", 1, 1), ("working-with-partners", 5, 3)],
)
def test_it_detects_a_descriptor_cut_short(altered, seed, key, number, words):
    text = descriptor(altered, key, number)
    set_descriptor(altered, key, number, " ".join(text.split()[:-words]))
    problems = check_framework(altered, seed)
    assert any("missing from the framework" in p for p in problems), problems


def test_it_detects_the_last_paragraph_of_a_cell_dropped(altered, seed):
    text = descriptor(altered, "creating-commercial-opportunities", 5)
    set_descriptor(altered, "creating-commercial-opportunities", 5, text[:1])
    assert any("missing from the framework" in p for p in check_framework(altered, seed))


def test_it_detects_a_help_text_cut_short(altered, seed):
    a = area(altered, "obtaining-social-value")
    a["why_it_matters"] = a["why_it_matters"].rsplit(" ", 3)[0]
    assert any("missing from the framework" in p for p in check_framework(altered, seed))


@pytest.mark.parametrize(
    "drop",
    ["Remuneration strategy", "Contracts pipeline", "Secondments to and from the private sector and VCSE sector."],
)
def test_it_detects_a_bullet_deleted_from_a_list(altered, seed, drop):
    _lead_in, bullets = descriptor(altered, "developing-talent", 4)
    assert drop in bullets["bullets"]
    bullets["bullets"].remove(drop)
    assert check_framework(altered, seed)


@pytest.mark.parametrize(
    "key, number, old, new",
    [
        ("engaging-councillors", 3, "some", "all"),
        ("enabling-innovation", 5, "councils", "council"),
        ("exploiting-digital-technology", 2, "Some procurement", "All procurement"),
    ],
)
def test_it_detects_a_changed_word(altered, seed, key, number, old, new):
    value = descriptor(altered, key, number)
    if isinstance(value, str):
        assert old in value
        set_descriptor(altered, key, number, value.replace(old, new, 1))
    else:
        index = next(i for i, block in enumerate(value) if isinstance(block, str) and old in block)
        value[index] = value[index].replace(old, new, 1)
    assert any("does not occur in the seed" in p for p in check_framework(altered, seed))


def test_it_detects_a_changed_word_in_a_key_area_description(altered, seed):
    a = area(altered, "engaging-local-smes")
    a["description"] = a["description"].replace("250 employees", "500 employees")
    assert check_framework(altered, seed)


def test_it_detects_punctuation_the_strategy_does_not_have(altered, seed):
    # The strategy prints "... with development partners" without a full stop; keep it so.
    value = descriptor(altered, "creating-commercial-opportunities", 5)
    value[0] = value[0] + "."
    assert any("punctuation" in p for p in check_framework(altered, seed))


def test_it_detects_straightened_quotes(altered, seed):
    a = area(altered, "working-with-partners")
    a["description"] = a["description"].replace("‘one team’", "'one team'")
    assert any("quotes" in p for p in check_framework(altered, seed))


def test_it_detects_a_missing_level(altered, seed):
    del area(altered, "embedding-change")["levels"][4]
    assert any("exactly 5 levels" in p for p in check_framework(altered, seed))


def test_it_detects_a_missing_key_area(altered, seed):
    del altered["sections"][1]["areas"][1]
    problems = check_framework(altered, seed)
    assert any("expected 10 key areas" in p for p in problems)
    assert any("missing from the framework" in p for p in problems)


# --- helpers ---------------------------------------------------------------------------------


def test_normalise_ignores_wrapping_spacing_hyphenation_and_quote_style():
    assert normalise("of  the decision-\nmaking and/\nor ‘standard’") == normalise(
        "of the decision-making and/or 'standard'"
    )
    assert normalise("Compliance driven.") != normalise("Compliance driver.")


def test_flatten_joins_paragraphs_and_bullets_in_order():
    text = ["Lead-in including:", {"bullets": ["One", "Two."]}, "After."]
    assert flatten(text) == "Lead-in including: One Two. After."
    assert flatten("Plain.") == "Plain."


def test_seed_text_reads_the_path_in_NPS_SEED(tmp_path, monkeypatch):
    path = tmp_path / "seed.txt"
    path.write_text("Key area: Something", encoding="utf-8")
    monkeypatch.setenv("NPS_SEED", str(path))
    assert seed_text() == "Key area: Something"
    monkeypatch.setenv("NPS_SEED", str(tmp_path / "absent.txt"))
    assert seed_text() is None
