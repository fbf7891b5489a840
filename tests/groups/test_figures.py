"""The dashboard's figures and their small-number suppression: pure, no database."""

from __future__ import annotations

from maturity.groups import figures
from maturity.groups.figures import MemberLevel, Spread

NAMES = {1: "Minimum", 2: "Developing", 3: "Mature", 4: "Leader", 5: "Innovator"}


def test_a_figure_from_fewer_than_five_organisations_is_suppressed():
    assert figures.suppress(3.0, 4) is None
    assert figures.suppress(3.0, 5) == 3.0


def test_the_spread_of_five_or_more_is_shown():
    assert figures.spread([1, 2, 3, 4, 5, None]) == Spread(5, 1, 3, 5, suppressed=False)
    # The one rule for medians: a level, the lower of the two middle ones (never 3.5).
    assert figures.spread([2, 3, 3, 4, 4, 5]).median == 3


def test_members_all_at_one_level_show_no_spread():
    assert figures.spread([3, 3, 3, 3, 3]) == Spread(5, None, None, None, suppressed=True, reason=figures.UNANIMOUS)
    assert figures.spread([3, 3, 3], all_named=True).shown  # named members are seen one by one anyway


def test_the_spread_of_fewer_than_five_is_suppressed_unless_all_share_named_results():
    assert figures.spread([2, 3, 4]) == Spread(3, None, None, None, suppressed=True, reason=figures.FEW)
    assert figures.spread([2, 3, 4], all_named=True) == Spread(3, 2, 3, 4, suppressed=False)
    assert not figures.spread([2, 3, 4]).shown


def test_no_answers_is_no_figure_and_not_suppressed():
    assert figures.spread([None, None]) == Spread(0, None, None, None, suppressed=False)


def test_only_members_who_agreed_are_named_behind_the_target():
    members = [
        MemberLevel("Named low", True, 1, 3),
        MemberLevel("Named on target", True, 3, 3),
        MemberLevel("Hidden low", False, 2, 2),
        MemberLevel("Named unanswered", True, None, None),
    ]
    behind = figures.behind_target(members, 3)
    assert [m.name for m in behind.named] == ["Named low"]
    assert behind.others is None  # one unnamed member: too few to count


def test_others_behind_are_counted_only_when_no_count_of_one_to_four_can_be_known():
    def hidden(levels):
        return [MemberLevel(f"Hidden {i}", False, level, None) for i, level in enumerate(levels)]

    assert figures.behind_target(hidden([1, 2, 3, 4, 5]), 3).others is None  # 2 behind
    assert figures.behind_target(hidden([1, 1, 2, 2, 2, 4]), 3).others is None  # 1 not behind, by subtraction
    assert figures.behind_target(hidden([1, 1, 2, 2, 2]), 3).others == 5
    assert figures.behind_target(hidden([1, 1, 2, 2, 2, 4, 4, 4, 5, 5]), 3).others == 5
    assert figures.behind_target(hidden([4] * 5), 3).others == 0


def test_the_threshold_is_the_national_one():
    from maturity.suppression import MINIMUM

    assert figures.SUPPRESSION_THRESHOLD == MINIMUM == 5


def test_when_everyone_shares_named_results_there_are_no_others():
    assert figures.behind_target([MemberLevel("A", True, 1, None)], 2).others == 0


def test_level_text():
    assert figures.level_text(3, NAMES) == "3 – Mature"
    assert figures.level_text(3.0, NAMES) == "3 – Mature"
    assert figures.level_text(2.5, NAMES) == "2.5"
    assert figures.level_text(None, NAMES) == ""


def test_the_spread_is_withheld_when_it_would_describe_one_to_four_members_sharing_only_aggregates():
    # 4 members sharing named results and 1 sharing only aggregates: the lowest level, 1, could
    # only be the other's when no named member is at 1. The one rule: none of them, or 5 or more.
    assert figures.spread([1, 3, 3, 4, 4], others=1).suppressed
    assert figures.spread([1, 3, 3, 4, 4, 2, 2, 3, 5, 4, 4, 4, 4, 4], others=4).suppressed
    assert figures.spread([1, 3, 3, 4, 4], others=0) == Spread(5, 1, 3, 4, suppressed=False)
    assert figures.spread([1, 3, 3, 4, 4, 2, 2, 3, 5], others=5).shown


def test_shown_is_the_one_rule_with_named_members_known():
    assert figures.shown(named=3, others=0) and figures.shown(named=0, others=5) and figures.shown(named=9, others=5)
    assert not figures.shown(named=4, others=1) and not figures.shown(named=0, others=4)


def test_the_count_behind_the_target_is_the_one_rules_line_of_two():
    # The same answers as "none of the count and the rest is 1 to 4", for every population to 30.
    for population in range(31):
        for count in range(population + 1):
            rest = population - count
            expected = None if 0 < count < 5 or 0 < rest < 5 else count
            assert figures.safe_count(count, population) == expected, (count, population)
