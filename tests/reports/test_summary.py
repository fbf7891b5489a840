"""The written summary of the committee report: plain British English built from the results."""

from __future__ import annotations

from maturity.reports.summary import join_words, summary
from maturity.scoring import AreaResult

LEVELS = {1: "Minimum", 2: "Developing", 3: "Mature", 4: "Leader", 5: "Innovator"}


def results(*pairs, titles=None):
    return [
        AreaResult(
            key=f"area-{i}",
            title=(titles or {}).get(i, f"Area {i + 1}"),
            section_key="s",
            section_title="Section",
            position=i,
            current=current,
            target=target,
        )
        for i, (current, target) in enumerate(pairs)
    ]


def test_the_ambition_counts_areas_at_the_second_highest_level_or_above_then_the_rest_by_level():
    areas = results((2, 4), (3, 5), (2, 4), (1, 3), (3, 3), (1, 2), (2, 3))
    ambition, _ = summary(organisation="Camden", results=areas, level_names=LEVELS)
    assert ambition == "Camden aims for Leader or above in 3 of 7 areas, Mature in 3 and Developing in 1."


def test_the_level_names_come_from_the_framework_not_the_code():
    names = {1: "Bronze", 2: "Silver", 3: "Gold"}
    ambition, position = summary(organisation="Leeds", results=results((1, 2), (2, 3), (1, 1)), level_names=names)
    assert ambition == "Leeds aims for Silver or above in 2 of 3 areas and Bronze in 1."
    assert position.startswith("It currently stands at Silver in 1 area and Bronze in 2.")


def test_the_position_says_where_the_council_meets_its_target_and_names_the_widest_gap():
    areas = results((2, 4), (3, 3), (4, 4), (1, 2), titles={0: "Engaging councillors"})
    _, position = summary(organisation="Camden", results=areas, level_names=LEVELS)
    assert position == (
        "It currently stands at Leader in 1 area, Mature in 1, Developing in 1 and Minimum in 1. "
        "It is at or above its target in 2 areas. The widest gap is in Engaging councillors (2 levels)."
    )


def test_several_widest_gaps_are_named_up_to_three_then_counted():
    areas = results((1, 3), (1, 3), (1, 3), (1, 3), (1, 3), (3, 3))
    _, position = summary(organisation="Camden", results=areas, level_names=LEVELS)
    assert position.endswith("The widest gaps, of 2 levels each, are in Area 1, Area 2, Area 3 and 2 other areas.")


def test_a_council_at_its_target_everywhere_is_told_so():
    _, position = summary(organisation="Camden", results=results((3, 3), (4, 4), (5, 5)), level_names=LEVELS)
    assert position.endswith("It is at or above its target in every area.")


def test_a_council_short_of_every_target_is_told_so():
    _, position = summary(organisation="Camden", results=results((1, 2), (2, 3), (3, 4)), level_names=LEVELS)
    assert "It has not yet reached its target in any area." in position
    assert "The widest gaps, of 1 level each, are in Area 1, Area 2 and Area 3." in position


def test_unanswered_areas_are_counted_and_left_out_of_the_comparisons():
    areas = results((2, 3), (3, 3), (None, 4), (None, None))
    ambition, position = summary(organisation="Camden", results=areas, level_names=LEVELS)
    assert (
        ambition == "Camden aims for Leader or above in 1 of 4 areas and Mature in 2. 1 area has no target level yet."
    )
    assert "It is at or above its target in 1 area of the 2 areas with both levels recorded." in position


def test_an_assessment_with_no_answers_says_so_plainly():
    ambition, position = summary(
        organisation="Camden", results=results((None, None), (None, None), (None, None)), level_names=LEVELS
    )
    assert ambition == "Camden has not yet set a target level in any of its 3 areas."
    assert position == "No current level has been recorded yet."


def test_lists_are_joined_without_a_serial_comma():
    assert join_words([]) == ""
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B"]) == "A and B"
    assert join_words(["A", "B", "C"]) == "A, B and C"
