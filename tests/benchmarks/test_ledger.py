"""Rule 5 without a database: populations given by their records, checked against those shown
before (suppression.withheld_over_time), and the ledger that keeps them (benchmarks.ledger)."""

from __future__ import annotations

import pytest

from maturity import suppression
from maturity.benchmarks import ledger
from maturity.benchmarks.models import ShownPopulation

EVERYONE = [f"org{i}:a{i}" for i in range(20)]


def test_records_held_by_the_same_populations_make_one_atom():
    sizes, now, before = suppression.record_atoms({"all": ["a", "b", "c"], "r": ["a"]}, {7: ["a", "b", "x"]})
    assert sorted(sizes.values()) == [1, 1, 1, 1]  # a (all, r, 7), b (all, 7), c (all), x (7)
    assert len(now["all"]) == 3 and len(now["r"]) == 1 and len(before[7]) == 3


def test_a_population_that_differs_from_one_shown_before_by_one_record_is_withheld():
    assert suppression.withheld_over_time({"all": EVERYONE[1:]}, {1: EVERYONE}) == ["all"]


def test_a_difference_of_five_records_or_more_is_shown():
    assert suppression.withheld_over_time({"all": EVERYONE[5:]}, {1: EVERYONE}) == []


def test_the_same_population_again_is_shown():
    assert suppression.withheld_over_time({"all": EVERYONE}, {1: EVERYONE}) == []


def test_a_record_signed_off_again_is_another_record():
    again = [*EVERYONE[1:], "org0:a0-again"]
    assert suppression.withheld_over_time({"all": again}, {1: EVERYONE}) == ["all"]  # old - new = org0 then and now


def test_records_seen_by_name_protect_nobody():
    # The group may see org0 by name: the difference is org0 alone, which it knows anyway.
    assert suppression.withheld_over_time({"all": EVERYONE[1:]}, {1: EVERYONE}, known=["org0:a0"]) == []


def test_earlier_populations_are_never_withheld_and_what_they_gave_away_already_is_not_chased():
    # Two earlier releases that differ by one record (published before the rule): that record is
    # out already; a new population the same as one of them is shown.
    earlier = {1: EVERYONE, 2: EVERYONE[1:]}
    assert suppression.withheld_over_time({"all": EVERYONE}, earlier) == []


def test_a_chain_through_an_earlier_release_is_caught():
    # Earlier: R1 and all. Now: all again less two councils of R1: now's all - (old all - old R1) ...
    r1, r2 = EVERYONE[:10], EVERYONE[10:]
    earlier = {1: EVERYONE, 2: r1}
    withheld = suppression.withheld_over_time({"all": r2 + r1[2:], "R2": r2}, earlier)
    assert withheld  # all now - all then = the two councils that left R1


@pytest.mark.django_db
def test_the_ledger_keeps_each_population_once_whatever_its_order():
    assert ledger.remember("round", {"first": ["b", "a"], "same again": ["a", "b"]}, source="round:1") == 1
    assert ledger.remember("round", {"later": ["a", "b"]}) == 0
    assert ledger.remember("group:1", {"elsewhere": ["a", "b"]}) == 1  # another kind of figure
    assert list(ledger.earlier("round").values()) == [frozenset({"a", "b"})]
    assert ShownPopulation.objects.get(kind="round").label == "first"
    assert ledger.state("round")[0] == 1


def test_what_earlier_releases_gave_away_on_their_own_is_found_once():
    assert suppression.exposed_records({1: EVERYONE, 2: EVERYONE[1:]}) == {"org0:a0"}
    assert suppression.exposed_records({1: EVERYONE, 2: EVERYONE[5:]}) == frozenset()
